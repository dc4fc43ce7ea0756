import { z } from 'zod';
import { route, type AnyRoute } from '../../lib/http/route.js';
import {
  inboxMessageSchema,
  inboxReplyBody,
  inboxThreadDetailSchema,
  inboxThreadParams,
  inboxThreadSchema,
  listInboxThreadsQuery,
  updateInboxThreadBody,
} from './inboxThreads.schemas.js';
import type { InboxThreadsService } from './inboxThreads.service.js';

const tag = 'Inbox';

/** The unified inbox: reading is for every member of the organization, acting on threads for members and up (as with campaigns). */
export function inboxThreadRoutes(deps: { threads: InboxThreadsService }): AnyRoute[] {
  const { threads } = deps;
  return [
    // GET /api/inbox/threads
    route({
      method: 'get',
      path: '/api/inbox/threads',
      access: 'viewer',
      tag,
      summary: 'Conversations with leads, newest activity first, with cursor pagination',
      query: listInboxThreadsQuery,
      responses: {
        200: {
          description: 'A page of threads',
          schema: z.object({ data: z.array(inboxThreadSchema), nextCursor: z.string().nullable() }),
        },
      },
      handler: async ({ auth, query }) => ({ body: await threads.list(auth, query) }),
    }),
    // GET /api/inbox/threads/:threadId
    route({
      method: 'get',
      path: '/api/inbox/threads/:threadId',
      access: 'viewer',
      tag,
      summary: 'One conversation, oldest message first: our campaign messages, what the lead wrote, replies from the inbox',
      params: inboxThreadParams,
      responses: { 200: { description: 'The thread with its messages', schema: inboxThreadDetailSchema } },
      handler: async ({ auth, params }) => ({ body: await threads.get(auth, params.threadId) }),
    }),
    // PATCH /api/inbox/threads/:threadId
    route({
      method: 'patch',
      path: '/api/inbox/threads/:threadId',
      access: 'member',
      tag,
      summary: 'Mark a thread read or unread, set or clear its label',
      params: inboxThreadParams,
      body: updateInboxThreadBody,
      responses: { 200: { description: 'The thread', schema: inboxThreadSchema } },
      handler: async ({ auth, params, body }) => ({ body: await threads.update(auth, params.threadId, body) }),
    }),
    // POST /api/inbox/threads/:threadId/replies
    route({
      method: 'post',
      path: '/api/inbox/threads/:threadId/replies',
      access: 'member',
      tag,
      summary: "Reply in the thread: queued, then sent through the thread's mailbox by the organization's inbox-watcher workflow",
      params: inboxThreadParams,
      body: inboxReplyBody,
      responses: { 202: { description: 'The queued reply', schema: inboxMessageSchema } },
      handler: async ({ auth, params, body }) => ({ status: 202, body: await threads.queueReply(auth, params.threadId, body) }),
    }),
  ];
}

import { z } from 'zod';
import { serveChangeStream, type ChangeStream } from '../../lib/http/changeStream.js';
import { route, type AnyRoute } from '../../lib/http/route.js';
import { inboxSummarySchema, type InboxSummary } from './inboxActivity.schemas.js';
import { inboxSummary } from './inboxActivity.service.js';

const tag = 'Inbox';

/** The inbox's counts, and the same counts live, so a page open on the inbox sees replies arrive and go out. */
export function inboxActivityRoutes(deps: { stream: ChangeStream<InboxSummary> }): AnyRoute[] {
  return [
    // GET /api/inbox/summary
    route({
      method: 'get',
      path: '/api/inbox/summary',
      access: 'viewer',
      tag,
      summary: 'How many threads there are, how many are unread, and when the inbox last changed',
      responses: { 200: { description: 'The counts', schema: inboxSummarySchema } },
      handler: async ({ auth }) => ({ body: await inboxSummary(auth.db) }),
    }),
    // GET /api/inbox/stream
    route({
      method: 'get',
      path: '/api/inbox/stream',
      access: 'viewer',
      tag,
      summary:
        'The inbox live, as server-sent events: a `summary` event now, then whenever a reply arrives, a thread changes or a reply goes out',
      responses: {
        200: { description: 'An event stream of InboxSummary (event: summary)', schema: z.string(), contentType: 'text/event-stream' },
      },
      handler: async ({ auth, req, res }) => {
        const read = () => inboxSummary(auth.db);
        serveChangeStream(req, res, { stream: deps.stream, key: auth.organizationId, event: 'summary', initial: await read(), read });
      },
    }),
  ];
}

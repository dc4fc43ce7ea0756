import { z } from 'zod';
import { route, type AnyRoute } from '../../lib/http/route.js';
import { inboxCustomLabelBody, inboxCustomLabelParams, inboxCustomLabelSchema } from './inboxLabels.schemas.js';
import type { InboxLabelsService } from './inboxLabels.service.js';

const tag = 'Inbox';

/** The organization's own thread labels: everyone reads them, members and up add and delete them. */
export function inboxLabelRoutes(deps: { labels: InboxLabelsService }): AnyRoute[] {
  const { labels } = deps;
  return [
    // GET /api/inbox/labels
    route({
      method: 'get',
      path: '/api/inbox/labels',
      access: 'viewer',
      tag,
      summary: "The organization's own thread labels, by name (the built-in ones are the InboxLabel values)",
      responses: { 200: { description: 'The labels', schema: z.object({ data: z.array(inboxCustomLabelSchema) }) } },
      handler: async ({ auth }) => ({ body: { data: await labels.list(auth) } }),
    }),
    // POST /api/inbox/labels
    route({
      method: 'post',
      path: '/api/inbox/labels',
      access: 'member',
      tag,
      summary: 'Add a thread label of the organization’s own',
      body: inboxCustomLabelBody,
      responses: { 201: { description: 'The label', schema: inboxCustomLabelSchema } },
      handler: async ({ auth, body }) => ({ status: 201, body: await labels.create(auth, body.name) }),
    }),
    // DELETE /api/inbox/labels/:labelId
    route({
      method: 'delete',
      path: '/api/inbox/labels/:labelId',
      access: 'member',
      tag,
      summary: 'Delete a label of the organization’s own (its threads are left without a label)',
      params: inboxCustomLabelParams,
      responses: { 204: { description: 'Deleted' } },
      handler: async ({ auth, params }) => {
        await labels.remove(auth, params.labelId);
      },
    }),
  ];
}

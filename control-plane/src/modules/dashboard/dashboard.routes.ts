import { route, type AnyRoute } from '../../lib/http/route.js';
import type { AttentionService } from './attention.service.js';
import { attentionSchema, gettingStartedSchema } from './dashboard.schemas.js';
import { gettingStarted } from './gettingStarted.js';

const tag = 'Dashboard';

export function dashboardRoutes(deps: { attention: AttentionService }): AnyRoute[] {
  const { attention } = deps;
  return [
    // GET /api/dashboard/attention
    route({
      method: 'get',
      path: '/api/dashboard/attention',
      access: 'viewer',
      tag,
      summary: 'What needs attention: mailboxes that cannot send, drifted or failed workflows, active campaigns that send nothing and why',
      responses: { 200: { description: 'Each kind in its own list, empty when all is well', schema: attentionSchema } },
      handler: async ({ auth }) => ({ body: await attention.attention(auth) }),
    }),
    // GET /api/dashboard/getting-started
    route({
      method: 'get',
      path: '/api/dashboard/getting-started',
      access: 'viewer',
      tag,
      summary: "A new organization's first steps, each ticked from what exists: a mailbox, leads, a campaign, a started campaign",
      responses: { 200: { description: 'Which steps are done', schema: gettingStartedSchema } },
      handler: async ({ auth }) => ({ body: await gettingStarted(auth.db) }),
    }),
  ];
}

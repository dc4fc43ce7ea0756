import { route, type AnyRoute } from '../../../lib/http/route.js';
import { campaignParams } from '../campaigns.schemas.js';
import { previewBody, previewSchema, testSendBody, testSendSchema } from './preview.schemas.js';
import type { PreviewService } from './previewMessages.js';
import type { TestSendService } from './testSends.js';

export function previewRoutes(deps: { previews: PreviewService; testSends: TestSendService }): AnyRoute[] {
  return [
    // POST /api/campaigns/:campaignId/preview
    route({
      method: 'post',
      path: '/api/campaigns/:campaignId/preview',
      access: 'viewer',
      tag: 'Campaigns',
      summary: 'Render the steps for a real lead exactly as they will be sent (same variant and spintax)',
      params: campaignParams,
      body: previewBody,
      responses: { 200: { description: 'Subject, text, HTML and headers per step', schema: previewSchema } },
      handler: async ({ auth, params, body }) => ({ body: await deps.previews.preview(auth, params.campaignId, body) }),
    }),
    // POST /api/campaigns/:campaignId/test-sends
    route({
      method: 'post',
      path: '/api/campaigns/:campaignId/test-sends',
      access: 'member',
      tag: 'Campaigns',
      summary:
        "Send one step for a lead to a sandbox mailbox, rendered as the preview shows it; it appears in the mailbox's sandbox messages",
      description:
        'A test is not a send of the campaign: no message, enrolment or stat changes, and a follow-up is not threaded. The mailbox must be a sandbox mailbox.',
      params: campaignParams,
      body: testSendBody,
      responses: { 201: { description: 'Kept by the sandbox mailbox', schema: testSendSchema } },
      handler: async ({ auth, params, body }) => ({ status: 201, body: await deps.testSends.send(auth, params.campaignId, body) }),
    }),
  ];
}

import { route, type AnyRoute } from '../../../lib/http/route.js';
import { campaignParams } from '../campaigns.schemas.js';
import { previewBody, previewSchema } from './preview.schemas.js';
import type { PreviewService } from './previewMessages.js';

export function previewRoutes(deps: { previews: PreviewService }): AnyRoute[] {
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
      responses: { 200: { description: 'Subject, text and HTML per step', schema: previewSchema } },
      handler: async ({ auth, params, body }) => ({ body: await deps.previews.preview(auth, params.campaignId, body) }),
    }),
  ];
}

import { z } from 'zod';
import { route, type AnyRoute } from '../../lib/http/route.js';
import type { ClaimService } from '../campaigns/claims/claimDueSends.js';
import type { SendResultsService } from './recordSendResults.js';
import { sendResultsBody, sendResultsOutcomeSchema } from './sendResults.schemas.js';

const tag = 'n8n callbacks';

export function sendingCallbackRoutes(deps: { claims: ClaimService; results: SendResultsService }): AnyRoute[] {
  return [
    // POST /api/internal/n8n/claims
    route({
      method: 'post', path: '/api/internal/n8n/claims', access: 'n8n', tag,
      summary: 'A workflow execution claims its batch of due sends (leased; never handed to two executions)',
      body: z.object({ campaignId: z.uuid(), batchSize: z.number().int().min(1).max(500).default(50) }).strict(),
      responses: { 200: { description: 'The batch (items may be empty)', schema: z.object({ now: z.string(), leaseExpiresAt: z.string(), items: z.array(z.unknown()) }) } },
      handler: async ({ body }) => ({ body: await deps.claims.claim(body.campaignId, body.batchSize) }),
    }),
    // POST /api/internal/n8n/events
    route({
      method: 'post', path: '/api/internal/n8n/events', access: 'n8n', tag,
      summary: 'Send results from a workflow; each applied once (by eventId) and only for the attempt in flight',
      body: sendResultsBody,
      responses: { 200: { description: 'What was applied', schema: sendResultsOutcomeSchema } },
      handler: async ({ body }) => ({ body: await deps.results.record(body.results) }),
    }),
  ];
}

import { route, type AnyRoute } from '../../lib/http/route.js';
import type { ClaimService } from './campaignSends/claimDueSends.js';
import type { SendResultsService } from './campaignSends/recordSendResults.js';
import type { InboxRepliesService } from './inboxReplies/inboxReplies.service.js';
import type { WarmupObservationsService } from './warmup/warmupObservations.service.js';
import type { WarmupSendsService } from './warmup/warmupSends.service.js';
import {
  campaignClaimBatchSchema,
  campaignClaimBody,
  inboxRepliesClaimBody,
  inboxReplyClaimBatchSchema,
  inboxReplyResultsBody,
  sendResultsBody,
  sendResultsOutcomeSchema,
  warmupClaimBatchSchema,
  warmupClaimBody,
  warmupObservationsBody,
  warmupObservationsOutcomeSchema,
  warmupResultsBody,
} from './sending.schemas.js';

const tag = 'n8n callbacks';

/**
 * Every claim and send-result callback of n8n's send path (custom-nodes/README.md "Endpoints the
 * control plane implements"): campaign sends, replies written in the unified inbox, and warm-up messages
 * with what the receiving side observed of them.
 */
export function sendingRoutes(deps: {
  claims: ClaimService;
  results: SendResultsService;
  inboxReplies: InboxRepliesService;
  warmupSends: WarmupSendsService;
  warmupObservations: WarmupObservationsService;
}): AnyRoute[] {
  return [
    // POST /api/internal/n8n/claims
    route({
      method: 'post',
      path: '/api/internal/n8n/claims',
      access: 'n8n',
      tag,
      summary: 'A workflow execution claims its batch of due sends (leased; never handed to two executions)',
      body: campaignClaimBody,
      responses: { 200: { description: 'The batch (items may be empty), one item per due send', schema: campaignClaimBatchSchema } },
      handler: async ({ body }) => ({ body: await deps.claims.claim(body.campaignId, body.batchSize) }),
    }),
    // POST /api/internal/n8n/events
    route({
      method: 'post',
      path: '/api/internal/n8n/events',
      access: 'n8n',
      tag,
      summary: 'Send results from a workflow; each applied once (by eventId) and only for the attempt in flight',
      body: sendResultsBody,
      responses: { 200: { description: 'What was applied', schema: sendResultsOutcomeSchema } },
      handler: async ({ body }) => ({ body: await deps.results.record(body.results) }),
    }),
    // POST /api/internal/n8n/inbox-replies/claims
    route({
      method: 'post',
      path: '/api/internal/n8n/inbox-replies/claims',
      access: 'n8n',
      tag,
      summary: "An execution claims the organization's queued replies (leased; never handed to two executions), as items Send Email takes",
      body: inboxRepliesClaimBody,
      responses: { 200: { description: 'The batch (items may be empty), one item per reply', schema: inboxReplyClaimBatchSchema } },
      handler: async ({ body }) => ({ body: await deps.inboxReplies.claim(body.organizationId, body.batchSize) }),
    }),
    // POST /api/internal/n8n/inbox-replies/results
    route({
      method: 'post',
      path: '/api/internal/n8n/inbox-replies/results',
      access: 'n8n',
      tag,
      summary: 'Send results of replies; each applied once per reply and attempt',
      body: inboxReplyResultsBody,
      responses: { 200: { description: 'What was applied', schema: sendResultsOutcomeSchema } },
      handler: async ({ body }) => ({ body: await deps.inboxReplies.record(body.results) }),
    }),
    // POST /api/internal/n8n/warmup/claims
    route({
      method: 'post',
      path: '/api/internal/n8n/warmup/claims',
      access: 'n8n',
      tag,
      summary: "An execution claims the organization's due warm-up messages (leased; within each sender's daily budget and gap)",
      body: warmupClaimBody,
      responses: { 200: { description: 'The batch (items may be empty), one item per warm-up message', schema: warmupClaimBatchSchema } },
      handler: async ({ body }) => ({ body: await deps.warmupSends.claim(body.organizationId, body.batchSize) }),
    }),
    // POST /api/internal/n8n/warmup/results
    route({
      method: 'post',
      path: '/api/internal/n8n/warmup/results',
      access: 'n8n',
      tag,
      summary: 'Send results of warm-up messages; each applied once per message and attempt',
      body: warmupResultsBody,
      responses: { 200: { description: 'What was applied', schema: sendResultsOutcomeSchema } },
      handler: async ({ body }) => ({ body: await deps.warmupSends.record(body.results) }),
    }),
    // POST /api/internal/n8n/warmup/observations
    route({
      method: 'post',
      path: '/api/internal/n8n/warmup/observations',
      access: 'n8n',
      tag,
      summary:
        'Warm-up messages the inbox watcher found (inbox or spam, rescued or not); the first observation of each decides its placement',
      body: warmupObservationsBody,
      responses: { 200: { description: 'What was recorded', schema: warmupObservationsOutcomeSchema } },
      handler: async ({ body }) => ({ body: await deps.warmupObservations.record(body.observations) }),
    }),
  ];
}

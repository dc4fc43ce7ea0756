import { z } from 'zod';
import { route, type AnyRoute } from '../../lib/http/route.js';
import type { CampaignAction } from './campaignStatus.js';
import {
  campaignListItemSchema,
  campaignParams,
  campaignSchema,
  createCampaignBody,
  startCampaignBody,
  updateCampaignBody,
} from './campaigns.schemas.js';
import { campaignReadinessSchema, runNowQuery, runOutcomeSchema } from './readiness/readiness.schemas.js';
import type { CampaignsService } from './campaigns.service.js';

const tag = 'Campaigns';

const actionSummaries: Record<Exclude<CampaignAction, 'complete' | 'start'>, string> = {
  pause: 'Pause: the workflow is deactivated, nothing is sent',
  resume: 'Resume a paused campaign',
  archive: 'Archive: the workflow is deactivated and deleted from n8n',
};

export function campaignRoutes(deps: { campaigns: CampaignsService }): AnyRoute[] {
  const { campaigns } = deps;
  return [
    // POST /api/campaigns
    route({
      method: 'post',
      path: '/api/campaigns',
      access: 'member',
      tag,
      summary: 'Create a draft campaign',
      body: createCampaignBody,
      rules: ({ auth, body }) => campaigns.mailboxProblems(auth, body),
      responses: { 201: { description: 'The campaign', schema: campaignSchema } },
      handler: async ({ auth, body }) => ({ status: 201, body: await campaigns.create(auth, body) }),
    }),
    // POST /api/campaigns/:campaignId/duplicate
    route({
      method: 'post',
      path: '/api/campaigns/:campaignId/duplicate',
      access: 'member',
      tag,
      summary: 'Copy a campaign as a new draft: its settings, mailboxes and sequence, not its leads or results',
      params: campaignParams,
      responses: { 201: { description: 'The new draft', schema: campaignSchema } },
      handler: async ({ auth, params }) => ({ status: 201, body: await campaigns.duplicate(auth, params.campaignId) }),
    }),
    // GET /api/campaigns
    route({
      method: 'get',
      path: '/api/campaigns',
      access: 'viewer',
      tag,
      summary: 'Campaigns (archived ones only when asked for by status)',
      query: z.object({ status: z.enum(['draft', 'active', 'paused', 'completed', 'archived']).optional() }).strict(),
      responses: { 200: { description: 'Campaigns', schema: z.object({ data: z.array(campaignListItemSchema) }) } },
      handler: async ({ auth, query }) => ({ body: { data: await campaigns.list(auth, query) } }),
    }),
    // GET /api/campaigns/:campaignId
    route({
      method: 'get',
      path: '/api/campaigns/:campaignId',
      access: 'viewer',
      tag,
      summary: 'One campaign with its deployment state',
      params: campaignParams,
      responses: { 200: { description: 'The campaign', schema: campaignSchema } },
      handler: async ({ auth, params }) => ({ body: await campaigns.get(auth, params.campaignId) }),
    }),
    // PATCH /api/campaigns/:campaignId
    route({
      method: 'patch',
      path: '/api/campaigns/:campaignId',
      access: 'member',
      tag,
      summary: 'Edit a campaign; a running one has its workflow updated in place',
      params: campaignParams,
      body: updateCampaignBody,
      rules: ({ auth, body }) => campaigns.mailboxProblems(auth, body),
      responses: { 200: { description: 'The campaign', schema: campaignSchema } },
      handler: async ({ auth, params, body }) => ({ body: await campaigns.update(auth, params.campaignId, body) }),
    }),
    // POST /api/campaigns/:campaignId/start
    route({
      method: 'post',
      path: '/api/campaigns/:campaignId/start',
      access: 'member',
      tag,
      summary: 'Start a draft campaign: deploys and activates its n8n workflow',
      description:
        'Refused (409 invalid_state) while a blocking check of the readiness checklist fails, and (409 sending_domain_failing) while the ' +
        "latest check of an active mailbox's sending domain fails SPF, DKIM, DMARC, MX or a blocklist, unless `domainOverride.reason` says " +
        'why to send anyway; the reason and the failing checks are recorded in the audit log.',
      params: campaignParams,
      body: startCampaignBody,
      responses: { 200: { description: 'The campaign', schema: campaignSchema } },
      handler: async ({ auth, params, body }) => ({ body: await campaigns.transition(auth, params.campaignId, 'start', body) }),
    }),
    ...(Object.entries(actionSummaries) as [Exclude<CampaignAction, 'complete' | 'start'>, string][]).map(([action, summary]) =>
      // POST /api/campaigns/:campaignId/{pause,resume,archive}
      route({
        method: 'post',
        path: `/api/campaigns/:campaignId/${action}`,
        access: 'member',
        tag,
        summary,
        params: campaignParams,
        responses: { 200: { description: 'The campaign', schema: campaignSchema } },
        handler: async ({ auth, params }) => ({ body: await campaigns.transition(auth, params.campaignId, action) }),
      }),
    ),
    // POST /api/campaigns/:campaignId/run-now
    route({
      method: 'post',
      path: '/api/campaigns/:campaignId/run-now',
      access: 'member',
      tag,
      summary: "Run the campaign's workflow now and say what it did",
      description:
        'Runs the workflow instead of waiting for its schedule (every N8N_POLL_MINUTES), then waits up to `wait` seconds for the run to claim ' +
        'and report its sends. The run applies everything a scheduled run does: the sending window (sends outside it are deferred to its opening), ' +
        "the mailboxes' daily limits and ramp, and their minimum gap (a mailbox with a gap sends at most once per run). The answer says what was " +
        'claimed, sent, deferred (with until when) or failed, and, in the forecast, why the remaining due sends wait (gap or limit, with when).',
      params: campaignParams,
      query: runNowQuery,
      responses: {
        200: { description: 'The run finished: what it did', schema: runOutcomeSchema },
        202: { description: 'The run had not finished when the wait ended: what it had done by then', schema: runOutcomeSchema },
      },
      handler: async ({ auth, params, query }) => {
        const outcome = await campaigns.runNow(auth, params.campaignId, { waitSeconds: query.wait });
        return { status: outcome.finished ? 200 : 202, body: outcome };
      },
    }),
    // GET /api/campaigns/:campaignId/readiness
    route({
      method: 'get',
      path: '/api/campaigns/:campaignId/readiness',
      access: 'viewer',
      tag,
      summary: 'The start checklist without starting, and what the campaign can send in the next 24 hours',
      description:
        'Each check passes or fails with its reason; a failed blocking check is what a start would be refused for. The forecast counts what ' +
        "each mailbox may still send today (ramp or cap, minus what it sent), the campaign's daily cap, and when the queued sends can go in " +
        "their lead's sending window, computed as the workflow's Business Hours Gate will.",
      params: campaignParams,
      responses: { 200: { description: 'Checklist and forecast', schema: campaignReadinessSchema } },
      handler: async ({ auth, params }) => ({ body: await campaigns.readiness(auth, params.campaignId) }),
    }),
  ];
}

import { z } from 'zod';
import { serveChangeStream, type ChangeStream } from '../../lib/http/changeStream.js';
import { route, type AnyRoute } from '../../lib/http/route.js';
import type { CampaignStats, CampaignStatsService } from './campaignStats.service.js';
import { findCampaignActivity } from './campaignActivity.js';
import {
  campaignActivityQuery,
  campaignActivitySchema,
  campaignStatsParams,
  campaignStatsSchema,
  dailyStatsQuery,
  dailyStatsSchema,
} from './stats.schemas.js';

const tag = 'Campaign stats';

export function statsRoutes(deps: { stats: CampaignStatsService; stream: ChangeStream<CampaignStats> }): AnyRoute[] {
  const { stats, stream } = deps;
  return [
    // GET /api/campaigns/:campaignId/stats
    route({
      method: 'get',
      path: '/api/campaigns/:campaignId/stats',
      access: 'viewer',
      tag,
      summary: 'Campaign totals and per step, variant and mailbox, from recorded events',
      params: campaignStatsParams,
      responses: { 200: { description: 'The numbers', schema: campaignStatsSchema } },
      handler: async ({ auth, params }) => ({ body: await stats.summary(auth, params.campaignId) }),
    }),
    // GET /api/campaigns/:campaignId/stats/daily
    route({
      method: 'get',
      path: '/api/campaigns/:campaignId/stats/daily',
      access: 'viewer',
      tag,
      summary: "Daily series in the campaign's time zone (at most 366 days per request)",
      params: campaignStatsParams,
      query: dailyStatsQuery,
      responses: { 200: { description: 'One entry per day', schema: dailyStatsSchema } },
      handler: async ({ auth, params, query }) => ({ body: await stats.daily(auth, params.campaignId, query) }),
    }),
    // GET /api/campaigns/:campaignId/activity
    route({
      method: 'get',
      path: '/api/campaigns/:campaignId/activity',
      access: 'viewer',
      tag,
      summary: "The campaign's recent activity: its events, newest first, with cursor pagination",
      params: campaignStatsParams,
      query: campaignActivityQuery,
      responses: { 200: { description: 'A page of events', schema: campaignActivitySchema } },
      handler: async ({ auth, params, query }) => ({ body: await findCampaignActivity(auth, params.campaignId, query) }),
    }),
    // GET /api/campaigns/:campaignId/stats/stream
    route({
      method: 'get',
      path: '/api/campaigns/:campaignId/stats/stream',
      access: 'viewer',
      tag,
      summary: 'Live stats as server-sent events: a `stats` event now, then whenever the numbers change',
      params: campaignStatsParams,
      responses: {
        200: { description: 'An event stream of CampaignStats (event: stats)', schema: z.string(), contentType: 'text/event-stream' },
      },
      handler: async ({ auth, params, req, res }) => {
        const read = () => stats.summary({ db: auth.db, organizationId: auth.organizationId }, params.campaignId);
        // Answers 404 as a problem before any stream starts.
        const initial = await read();
        serveChangeStream(req, res, { stream, key: params.campaignId, event: 'stats', initial, read });
      },
    }),
  ];
}

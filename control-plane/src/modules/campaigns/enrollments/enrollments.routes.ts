import { z } from 'zod';
import { route, type AnyRoute } from '../../../lib/http/route.js';
import { campaignParams } from '../campaigns.schemas.js';
import type { CampaignEnrollmentsService } from './campaignEnrollments.service.js';
import {
  enrollBody,
  enrollmentOutcomeSchema,
  enrollmentParams,
  enrollmentPreviewSchema,
  enrollmentSchema,
  listEnrollmentsQuery,
} from './enrollments.schemas.js';

const tag = 'Campaigns';

export function enrollmentRoutes(deps: { enrollments: CampaignEnrollmentsService }): AnyRoute[] {
  const { enrollments } = deps;
  return [
    // POST /api/campaigns/:campaignId/enrollments
    route({
      method: 'post',
      path: '/api/campaigns/:campaignId/enrollments',
      access: 'member',
      tag,
      summary: 'Enrol leads by ids, list or filter; suppressed, inactive and already enrolled leads are skipped and counted',
      params: campaignParams,
      body: enrollBody,
      responses: { 200: { description: 'How many were enrolled and why others were skipped', schema: enrollmentOutcomeSchema } },
      handler: async ({ auth, params, body }) => ({ body: await enrollments.enroll(auth, params.campaignId, body) }),
    }),
    // POST /api/campaigns/:campaignId/enrollments/preview
    route({
      method: 'post',
      path: '/api/campaigns/:campaignId/enrollments/preview',
      access: 'viewer',
      tag,
      summary: 'What enrolling these leads would do, without enrolling: the same counts, `enrolled` being how many would be',
      description: 'When the enrolment itself would be refused (the campaign has no first email yet, or is finished), `blocker` says why.',
      params: campaignParams,
      body: enrollBody,
      responses: {
        200: {
          description: 'How many would be enrolled, why others would be skipped, and what blocks it',
          schema: enrollmentPreviewSchema,
        },
      },
      handler: async ({ auth, params, body }) => ({ body: await enrollments.preview(auth, params.campaignId, body) }),
    }),
    // GET /api/campaigns/:campaignId/enrollments
    route({
      method: 'get',
      path: '/api/campaigns/:campaignId/enrollments',
      access: 'viewer',
      tag,
      summary: "The campaign's enrolments, oldest first, with cursor pagination",
      params: campaignParams,
      query: listEnrollmentsQuery,
      responses: {
        200: {
          description: 'A page of enrolments',
          schema: z.object({ data: z.array(enrollmentSchema), nextCursor: z.string().nullable() }),
        },
      },
      handler: async ({ auth, params, query }) => ({ body: await enrollments.list(auth, params.campaignId, query) }),
    }),
    // POST /api/campaigns/:campaignId/enrollments/:enrollmentId/stop
    route({
      method: 'post',
      path: '/api/campaigns/:campaignId/enrollments/:enrollmentId/stop',
      access: 'member',
      tag,
      summary: "Stop one lead's sequence; its waiting messages are cancelled (one already in flight is not)",
      params: enrollmentParams,
      responses: { 200: { description: 'The stopped enrolment', schema: enrollmentSchema } },
      handler: async ({ auth, params }) => ({ body: await enrollments.stop(auth, params.campaignId, params.enrollmentId) }),
    }),
  ];
}

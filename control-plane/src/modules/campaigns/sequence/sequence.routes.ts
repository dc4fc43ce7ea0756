import { route, type AnyRoute } from '../../../lib/http/route.js';
import { campaignParams } from '../campaigns.schemas.js';
import { replaceSequenceBody, sequenceCheckSchema, sequenceSchema } from './sequence.schemas.js';
import type { SequenceService } from './sequence.service.js';

const tag = 'Campaigns';

export function sequenceRoutes(deps: { sequences: SequenceService }): AnyRoute[] {
  const { sequences } = deps;
  return [
    // GET /api/campaigns/:campaignId/sequence
    route({
      method: 'get',
      path: '/api/campaigns/:campaignId/sequence',
      access: 'viewer',
      tag,
      summary: "The campaign's steps and their A/B variants",
      params: campaignParams,
      responses: { 200: { description: 'The sequence', schema: sequenceSchema } },
      handler: async ({ auth, params }) => ({ body: await sequences.get(auth, params.campaignId) }),
    }),
    // PUT /api/campaigns/:campaignId/sequence
    route({
      method: 'put',
      path: '/api/campaigns/:campaignId/sequence',
      access: 'member',
      tag,
      summary: 'Replace the sequence (also while running); templates are validated, all problems reported at once',
      params: campaignParams,
      body: replaceSequenceBody,
      rules: ({ auth, params, body }) => sequences.problems(auth, params.campaignId, body),
      responses: { 200: { description: 'The saved sequence', schema: sequenceSchema } },
      handler: async ({ auth, params, body }) => ({ body: await sequences.replace(auth, params.campaignId, body) }),
    }),
    // POST /api/campaigns/:campaignId/sequence/validate
    route({
      method: 'post',
      path: '/api/campaigns/:campaignId/sequence/validate',
      access: 'member',
      tag,
      summary:
        'Check a sequence as the save would, saving nothing: the same problems at the same paths, for an editor checking as the marketer types',
      params: campaignParams,
      body: replaceSequenceBody,
      rules: ({ auth, params, body }) => sequences.problems(auth, params.campaignId, body),
      responses: { 200: { description: 'The sequence would be saved as it is', schema: sequenceCheckSchema } },
      handler: async ({ auth, params }) => ({ body: await sequences.check(auth, params.campaignId) }),
    }),
  ];
}

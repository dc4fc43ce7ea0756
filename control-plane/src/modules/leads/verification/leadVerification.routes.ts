import { route, type AnyRoute } from '../../../lib/http/route.js';
import { importParams } from '../import/leadImports.schemas.js';
import type { LeadVerificationService } from './leadVerification.service.js';
import { leadVerificationRunSchema, startVerificationBody, verificationRunParams } from './leadVerification.schemas.js';

export function leadVerificationRoutes(deps: { verification: LeadVerificationService }): AnyRoute[] {
  const { verification } = deps;
  return [
    // POST /api/lead-verifications
    route({
      method: 'post',
      path: '/api/lead-verifications',
      access: 'member',
      tag: 'Lead verification',
      summary: "Check the addresses of chosen leads, or of the leads a filter matches, in the background; poll the run's progress",
      body: startVerificationBody,
      responses: { 202: { description: 'The run, queued', schema: leadVerificationRunSchema } },
      handler: async ({ auth, body }) => ({ status: 202, body: await verification.start(auth, body) }),
    }),
    // GET /api/lead-verifications/:verificationId
    route({
      method: 'get',
      path: '/api/lead-verifications/:verificationId',
      access: 'viewer',
      tag: 'Lead verification',
      summary: 'A verification run: its progress and how many addresses came out valid, risky, invalid or unknown',
      params: verificationRunParams,
      responses: { 200: { description: 'The run', schema: leadVerificationRunSchema } },
      handler: async ({ auth, params }) => ({ body: await verification.get(auth, params.verificationId) }),
    }),
    // GET /api/lead-imports/:importId/verification
    route({
      method: 'get',
      path: '/api/lead-imports/:importId/verification',
      access: 'viewer',
      tag: 'Lead verification',
      summary: "The check of an import's new leads (it starts when the import completes); null when the import verifies nothing",
      params: importParams,
      responses: { 200: { description: 'The run, or null', schema: leadVerificationRunSchema.nullable() } },
      handler: async ({ auth, params }) => ({ body: await verification.forImport(auth, params.importId) }),
    }),
  ];
}

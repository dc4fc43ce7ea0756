import { z } from 'zod';
import { allowSlowUpload } from '../../../lib/http/requestTimeout.js';
import { route, type AnyRoute } from '../../../lib/http/route.js';
import {
  createSuppressionBody,
  listSuppressionsQuery,
  suppressionImportResultSchema,
  suppressionParams,
  suppressionSchema,
} from './suppressions.schemas.js';
import type { SuppressionsService } from './suppressions.service.js';

export function suppressionRoutes(deps: { suppressions: SuppressionsService }): AnyRoute[] {
  const { suppressions } = deps;
  return [
    // GET /api/suppressions
    route({
      method: 'get',
      path: '/api/suppressions',
      access: 'viewer',
      tag: 'Suppressions',
      summary: 'Addresses and domains the organization never mails, newest first',
      query: listSuppressionsQuery,
      responses: {
        200: { description: 'A page', schema: z.object({ data: z.array(suppressionSchema), nextCursor: z.string().nullable() }) },
      },
      handler: async ({ auth, query }) => ({ body: await suppressions.list(auth, query) }),
    }),
    // POST /api/suppressions
    route({
      method: 'post',
      path: '/api/suppressions',
      access: 'member',
      tag: 'Suppressions',
      summary: 'Suppress an address or a whole domain (idempotent)',
      body: createSuppressionBody,
      responses: {
        201: { description: 'Added', schema: suppressionSchema },
        200: { description: 'Already suppressed', schema: suppressionSchema },
      },
      handler: async ({ auth, body }) => {
        const { created, suppression } = await suppressions.add(auth, body);
        return { status: created ? 201 : 200, body: suppression };
      },
    }),
    // POST /api/suppressions/import
    route({
      method: 'post',
      path: '/api/suppressions/import',
      access: 'member',
      tag: 'Suppressions',
      summary:
        'Import suppressions from CSV (multipart file part or raw body): a column of addresses or domains, optional reason and source',
      bodyFormat: 'csv',
      middleware: [allowSlowUpload],
      responses: {
        200: { description: 'What was added and rejected', schema: suppressionImportResultSchema },
        415: { description: 'unsupported_media_type: a JSON body (upload the file itself)' },
      },
      handler: async ({ auth, req }) => ({ body: await suppressions.importCsv(auth, req) }),
    }),
    // DELETE /api/suppressions/:suppressionId
    route({
      method: 'delete',
      path: '/api/suppressions/:suppressionId',
      access: 'admin',
      tag: 'Suppressions',
      summary: 'Lift a suppression (erasure entries cannot be lifted)',
      params: suppressionParams,
      responses: { 204: { description: 'Removed' } },
      handler: async ({ auth, params }) => {
        await suppressions.remove(auth, params.suppressionId);
      },
    }),
  ];
}

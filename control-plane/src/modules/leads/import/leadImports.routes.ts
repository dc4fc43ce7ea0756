import { z } from 'zod';
import { allowSlowUpload } from '../../../lib/http/requestTimeout.js';
import { route, type AnyRoute } from '../../../lib/http/route.js';
import type { LeadImportsService } from './leadImports.service.js';
import {
  commitImportBody,
  importParams,
  leadImportPreviewSchema,
  leadImportSchema,
  listImportsQuery,
  uploadQuery,
} from './leadImports.schemas.js';

export function leadImportRoutes(deps: { imports: LeadImportsService }): AnyRoute[] {
  const { imports } = deps;
  return [
    // POST /api/lead-imports
    route({
      method: 'post',
      path: '/api/lead-imports',
      access: 'member',
      tag: 'Lead imports',
      summary:
        'Upload a CSV (multipart/form-data file part, or the raw file as the body) and get a preview: encoding, delimiter, header, first rows, proposed mapping',
      query: uploadQuery,
      bodyFormat: 'csv',
      middleware: [allowSlowUpload],
      responses: {
        201: { description: 'The previewed import; commit it to start', schema: leadImportPreviewSchema },
        415: { description: 'import_not_csv: not a CSV file; unsupported_media_type: a JSON body (upload the file itself)' },
        422: { description: 'import_file_empty or import_no_email_column' },
      },
      handler: async ({ auth, req }) => ({ status: 201, body: await imports.upload(auth, req) }),
    }),
    // GET /api/lead-imports
    route({
      method: 'get',
      path: '/api/lead-imports',
      access: 'viewer',
      tag: 'Lead imports',
      summary: 'Imports, newest first',
      query: listImportsQuery,
      responses: {
        200: { description: 'Imports', schema: z.object({ data: z.array(leadImportSchema), nextCursor: z.string().nullable() }) },
      },
      handler: async ({ auth, query }) => ({ body: await imports.list(auth, query) }),
    }),
    // GET /api/lead-imports/:importId
    route({
      method: 'get',
      path: '/api/lead-imports/:importId',
      access: 'viewer',
      tag: 'Lead imports',
      summary: 'An import and its progress',
      params: importParams,
      responses: { 200: { description: 'The import', schema: leadImportSchema } },
      handler: async ({ auth, params }) => ({ body: await imports.get(auth, params.importId) }),
    }),
    // POST /api/lead-imports/:importId/commit
    route({
      method: 'post',
      path: '/api/lead-imports/:importId/commit',
      access: 'member',
      tag: 'Lead imports',
      summary: 'Start importing with this mapping and policy; runs in the background',
      params: importParams,
      body: commitImportBody,
      responses: {
        202: { description: 'Started', schema: leadImportSchema },
        410: { description: 'import_file_expired: the uploaded file was deleted after its retention period' },
      },
      handler: async ({ auth, params, body }) => ({ status: 202, body: await imports.commit(auth, params.importId, body) }),
    }),
    // POST /api/lead-imports/:importId/resume
    route({
      method: 'post',
      path: '/api/lead-imports/:importId/resume',
      access: 'member',
      tag: 'Lead imports',
      summary: 'Continue an interrupted or failed import from its last committed line',
      params: importParams,
      responses: {
        202: { description: 'Resumed', schema: leadImportSchema },
        410: { description: 'import_file_expired: the uploaded file was deleted after its retention period' },
      },
      handler: async ({ auth, params }) => ({ status: 202, body: await imports.resume(auth, params.importId) }),
    }),
    // POST /api/lead-imports/:importId/cancel
    route({
      method: 'post',
      path: '/api/lead-imports/:importId/cancel',
      access: 'member',
      tag: 'Lead imports',
      summary: 'Stop an import after its current batch (what was committed stays)',
      params: importParams,
      responses: { 200: { description: 'Cancelled', schema: leadImportSchema } },
      handler: async ({ auth, params }) => ({ body: await imports.cancel(auth, params.importId) }),
    }),
    // GET /api/lead-imports/:importId/events
    route({
      method: 'get',
      path: '/api/lead-imports/:importId/events',
      access: 'viewer',
      tag: 'Lead imports',
      summary:
        'Progress as server-sent events: `progress` from the preview through the commit to the last batch, then `end` with the final status and why',
      params: importParams,
      responses: {
        200: { description: 'text/event-stream', schema: z.string(), contentType: 'text/event-stream' },
        429: { description: 'rate_limited: the user already holds LEAD_IMPORT_EVENT_STREAMS_PER_USER streams' },
      },
      handler: async ({ auth, params, req, res }) => {
        await imports.streamEvents(auth, params.importId, req, res);
      },
    }),
    // GET /api/lead-imports/:importId/rejected.csv
    route({
      method: 'get',
      path: '/api/lead-imports/:importId/rejected.csv',
      access: 'viewer',
      tag: 'Lead imports',
      summary: 'Rows not imported (invalid or suppressed): original line number, error, original cells',
      params: importParams,
      responses: {
        200: { description: 'CSV', schema: z.string(), contentType: 'text/csv' },
        410: { description: 'import_file_expired: deleted after its retention period' },
      },
      handler: async ({ auth, params, res }) => {
        await imports.sendRejectedRows(auth, params.importId, res);
      },
    }),
  ];
}

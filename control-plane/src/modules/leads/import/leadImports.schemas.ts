import { z } from 'zod';
import { newestFirstCursor } from '../../../lib/http/cursor.js';
import { unknownOptionIssue } from '../../../lib/nearest.js';
import { standardFields } from '../leadFields.js';
import type { MappingTarget } from './headerMapping.js';

const fixedTargets: readonly string[] = ['email', 'fullName', 'tags', 'ignore', ...standardFields];
const customTarget = /^custom:[^\u0000-\u001f]{1,100}$/;

/** A mistyped target (`emial`) is answered with the targets there are and the nearest one. */
export const mappingTargetSchema = z
  .string()
  .transform((target, ctx) => {
    if (fixedTargets.includes(target) || customTarget.test(target)) return target as MappingTarget;
    const { message, allowed, suggestion } = unknownOptionIssue(target, [...fixedTargets, 'custom:<name>'], 'target');
    ctx.addIssue({ code: 'custom', message, params: { allowed, suggestion } });
    return z.NEVER;
  })
  .describe(`A lead field (${fixedTargets.join(', ')}; fullName is split into first and last name), or "custom:<name>"`);

export const columnMappingSchema = z
  .object({ column: z.number().int().min(0).max(999), header: z.string(), target: mappingTargetSchema })
  .openapi('ColumnMapping');

export const csvFormatSchema = z
  .object({
    encoding: z.string(),
    bom: z.boolean(),
    delimiter: z.string(),
    headerLine: z.number().int(),
    hasHeaderRow: z.boolean(),
    headers: z.array(z.string()),
  })
  .openapi('CsvFormat');

export const leadImportSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['previewed', 'queued', 'running', 'completed', 'failed', 'cancelled']),
    fileName: z.string().nullable(),
    fileSha256: z.string().nullable(),
    format: csvFormatSchema,
    mapping: z.array(columnMappingSchema),
    onExisting: z.enum(['skip', 'update']),
    listId: z.uuid().nullable(),
    verifyAddresses: z.boolean().describe("Whether the new leads' addresses are checked once imported (GET .../verification)"),
    progress: z.object({
      rowsRead: z.number().int(),
      imported: z.number().int(),
      updated: z.number().int(),
      skipped: z.number().int(),
      rejected: z.number().int(),
      suppressed: z.number().int(),
      duplicates: z.number().int(),
      inActiveCampaign: z.number().int().nullable().describe('Leads of the file already in an active campaign; null when not checked'),
      lastCommittedLine: z.number().int(),
    }),
    error: z.string().nullable(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('LeadImport');

export const leadImportPreviewSchema = leadImportSchema
  .extend({
    preview: z.object({ rows: z.array(z.array(z.string())) }),
    previousImportId: z.uuid().nullable().describe('A completed import of the very same file, if any'),
  })
  .openapi('LeadImportPreview');

export const importParams = z.object({ importId: z.uuid() });

export const uploadQuery = z.object({ fileName: z.string().max(255).optional() });

export const commitImportBody = z
  .object({
    mapping: z.array(columnMappingSchema).max(1000).optional().describe('Defaults to the proposed mapping'),
    onExisting: z.enum(['skip', 'update']).default('skip').describe('What to do with a lead that already exists'),
    listId: z.uuid().nullable().optional().describe('Add every lead of the file to this static list'),
    warnActiveCampaigns: z.boolean().default(false).describe('Count the leads already in an active campaign'),
    verifyAddresses: z
      .boolean()
      .optional()
      .describe("Check the new leads' addresses once imported; defaults to the organization's verifyLeadsAtImport"),
  })
  .strict()
  .openapi('CommitLeadImport');

export const listImportsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: newestFirstCursor.param,
});

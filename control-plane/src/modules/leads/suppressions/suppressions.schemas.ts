import { z } from 'zod';
import { newestFirstCursor } from '../../../lib/http/cursor.js';

export const suppressionReasonSchema = z.enum(['unsubscribed', 'bounced', 'complained', 'manual', 'erased']).openapi('SuppressionReason');

export const suppressionSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['email', 'domain', 'email_hash']).describe('email_hash: an erased person, kept only as the SHA-256 of the address'),
    value: z.string(),
    reason: suppressionReasonSchema,
    source: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('Suppression');

export const createSuppressionBody = z
  .object({
    kind: z.enum(['email', 'domain']),
    value: z.string().trim().min(1).max(254),
    reason: z.enum(['unsubscribed', 'bounced', 'complained', 'manual']).default('manual'),
    source: z.string().trim().max(200).optional(),
  })
  .strict()
  .openapi('CreateSuppression');

export const suppressionParams = z.object({ suppressionId: z.uuid() });

export const listSuppressionsQuery = z.object({
  kind: z.enum(['email', 'domain', 'email_hash']).optional(),
  search: z.string().trim().min(1).max(254).optional(),
  cursor: newestFirstCursor.param,
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const suppressionImportResultSchema = z
  .object({
    rowsRead: z.number().int(),
    added: z.number().int(),
    alreadyPresent: z.number().int(),
    rejected: z.number().int(),
    issues: z.array(z.object({ line: z.number().int(), message: z.string() })).describe('The first 100 rejected rows'),
  })
  .openapi('SuppressionImportResult');

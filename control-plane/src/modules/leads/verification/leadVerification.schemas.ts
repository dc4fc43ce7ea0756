import { z } from 'zod';
import { leadFilterQuery } from '../leads.schemas.js';

export const startVerificationBody = z
  .object({
    leadIds: z.array(z.uuid()).min(1).max(10_000).optional(),
    filter: leadFilterQuery.strict().optional().describe('The same filter as GET /api/leads'),
  })
  .strict()
  .refine((body) => (body.leadIds === undefined) !== (body.filter === undefined), { message: 'Give exactly one of leadIds or filter' })
  .openapi('StartLeadVerification');

export type StartVerificationInput = z.infer<typeof startVerificationBody>;

export const leadVerificationRunSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    importId: z.uuid().nullable().describe('The import whose new leads are checked; null for a selection or filter'),
    progress: z.object({
      total: z.number().int().describe('Leads to check'),
      checked: z.number().int(),
      domains: z.number().int().describe('Distinct domains checked so far'),
    }),
    counts: z.object({ valid: z.number().int(), risky: z.number().int(), invalid: z.number().int(), unknown: z.number().int() }),
    error: z.string().nullable(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('LeadVerificationRun');

export const verificationRunParams = z.object({ verificationId: z.uuid() });

import { z } from 'zod';
import { cursorInstant, pageCursor } from '../../../lib/http/cursor.js';
import { leadFilterQuery } from '../../leads/leads.schemas.js';

export const enrollmentStateSchema = z.enum(['active', 'paused', 'completed', 'stopped']).openapi('EnrollmentState');

export const enrollBody = z
  .object({
    leadIds: z.array(z.uuid()).min(1).max(20_000).optional(),
    listId: z.uuid().optional(),
    filter: leadFilterQuery.strict().optional().describe('The same filter as GET /api/leads'),
    includeInvalidAddresses: z
      .boolean()
      .optional()
      .describe('Also enrol leads whose address verification found invalid (left out and counted by default)'),
  })
  .strict()
  .refine((body) => [body.leadIds, body.listId, body.filter].filter((given) => given !== undefined).length === 1, {
    message: 'Give exactly one of leadIds, listId or filter',
  })
  .openapi('EnrollLeads');

export type EnrollInput = z.infer<typeof enrollBody>;

export const enrollmentOutcomeSchema = z
  .object({
    enrolled: z.number().int(),
    skipped: z.object({
      suppressed: z.number().int(),
      inactive: z.number().int(),
      alreadyEnrolled: z.number().int(),
      notFound: z.number().int(),
      invalidAddress: z.number().int().describe('Leads whose address verification found invalid (a dead domain, a disposable address)'),
    }),
    activeElsewhere: z.number().int().describe('Enrolled leads that are also active in another campaign (a warning)'),
  })
  .openapi('EnrollmentOutcome');

export const enrollmentPreviewSchema = enrollmentOutcomeSchema
  .extend({
    blocker: z
      .string()
      .nullable()
      .describe('Why enrolling these leads would be refused now (no first email yet, a finished campaign); null when it would go ahead'),
  })
  .openapi('EnrollmentPreview');

export const enrollmentParams = z.object({ campaignId: z.uuid(), enrollmentId: z.uuid() });

/** Enrolments are listed oldest first; the id breaks ties. */
export const enrollmentsCursor = pageCursor(z.object({ createdAt: cursorInstant, id: z.uuid() }));

export const listEnrollmentsQuery = z
  .object({
    state: enrollmentStateSchema.optional(),
    cursor: enrollmentsCursor.param,
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export const enrollmentSchema = z
  .object({
    id: z.uuid(),
    leadId: z.uuid(),
    leadEmail: z.string(),
    state: enrollmentStateSchema,
    currentStep: z.number().int().nullable().describe('1-based step sent next (or where it stopped); null once completed'),
    nextDueAt: z.iso.datetime().nullable(),
    stopReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Enrollment');

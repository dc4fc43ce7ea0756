import { z } from 'zod';
import { pageCursor } from '../../lib/http/cursor.js';
import { timezoneSchema } from '../../lib/timezone.js';
import { emailProblem, maxLength, normalizeEmail } from './leadFields.js';
import { verificationReasons } from './verification/addressRules.js';

export const leadStatusSchema = z.enum(['active', 'unsubscribed', 'bounced', 'complained']).openapi('LeadStatus');

export const leadVerificationStatusSchema = z
  .enum(['unverified', 'valid', 'risky', 'invalid', 'unknown'])
  .describe('What checking the address found (docs/deliverability.md); unverified until checked')
  .openapi('LeadVerificationStatus');

export const leadVerificationSchema = z
  .object({
    status: leadVerificationStatusSchema,
    reason: z.enum(verificationReasons).nullable().describe('Why: the check that decided the status; null while unverified'),
    checkedAt: z.iso.datetime().nullable(),
  })
  .openapi('LeadVerification');

export const leadSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    company: z.string().nullable(),
    title: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    linkedinUrl: z.string().nullable(),
    timezone: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string().nullable(),
    customFields: z.record(z.string(), z.string()),
    tags: z.array(z.string()),
    status: leadStatusSchema,
    source: z.string().nullable(),
    verification: leadVerificationSchema,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Lead');

/** Normalized as the import does (lower case, no `mailto:`), then checked. */
const leadEmailSchema = z.string().transform((raw, ctx) => {
  const email = normalizeEmail(raw);
  const problem = emailProblem(email);
  if (!problem) return email;
  ctx.addIssue({ code: 'custom', message: problem });
  return z.NEVER;
});

const text = (max: number) => z.string().trim().max(max).nullable().optional();
const tagSchema = z.string().trim().min(1).max(maxLength.tag);

const leadFieldsShape = {
  firstName: text(maxLength.firstName),
  lastName: text(maxLength.lastName),
  company: text(maxLength.company),
  title: text(maxLength.title),
  phone: text(maxLength.phone),
  website: text(maxLength.website),
  linkedinUrl: text(maxLength.linkedinUrl),
  timezone: z
    .literal('')
    .or(timezoneSchema)
    .nullable()
    .optional()
    .describe('An IANA time zone such as Europe/Paris (abbreviations such as EST are refused); empty clears it'),
  city: text(maxLength.city),
  country: text(maxLength.country),
  customFields: z.record(z.string().min(1).max(100), z.string().max(maxLength.customValue)).optional(),
  tags: z.array(tagSchema).max(100).optional(),
};

export const createLeadBody = z
  .object({ email: leadEmailSchema, ...leadFieldsShape })
  .strict()
  .openapi('CreateLead');

export const updateLeadBody = z
  .object({ email: leadEmailSchema.optional(), status: leadStatusSchema.optional(), ...leadFieldsShape })
  .strict()
  .openapi('UpdateLead');

export const leadParams = z.object({ leadId: z.uuid() });

export const leadFilterQuery = z.object({
  status: leadStatusSchema.optional(),
  verificationStatus: leadVerificationStatusSchema.optional(),
  listId: z.uuid().optional(),
  tag: z.string().max(maxLength.tag).optional(),
  search: z.string().trim().min(1).max(200).optional().describe('Part of the email, name or company'),
  customField: z
    .string()
    .regex(/^[^:]{1,100}:.{0,2000}$/)
    .optional()
    .describe('"<key>:<value>": leads whose custom field equals the value'),
});

/** Leads are listed by email, which is unique in an organization. */
export const leadsCursor = pageCursor(z.object({ email: z.string() }));

export const listLeadsQuery = leadFilterQuery.extend({
  cursor: leadsCursor.param,
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const bulkTagsBody = z
  .object({
    leadIds: z.array(z.uuid()).min(1).max(10_000),
    add: z.array(tagSchema).max(50).default([]),
    remove: z.array(tagSchema).max(50).default([]),
  })
  .strict()
  .openapi('BulkTags');

export const leadListSchema = z
  .object({ id: z.uuid(), name: z.string(), memberCount: z.number().int(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() })
  .openapi('LeadList');

export const leadListBody = z
  .object({ name: z.string().trim().min(1).max(200) })
  .strict()
  .openapi('LeadListInput');
export const listParams = z.object({ listId: z.uuid() });
export const listMembersBody = z
  .object({ leadIds: z.array(z.uuid()).min(1).max(10_000) })
  .strict()
  .openapi('LeadListMembers');

export const leadEnrollmentSchema = z
  .object({
    id: z.uuid(),
    campaignId: z.uuid(),
    campaignName: z.string(),
    state: z.enum(['active', 'paused', 'completed', 'stopped']),
    nextStep: z.number().int().describe('Position of the next step to send (0 = the first)'),
    nextDueAt: z.iso.datetime().nullable(),
    stopReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('LeadEnrollment');

export const leadTimelineEntrySchema = z
  .object({
    kind: z.enum(['message', 'event']),
    id: z.uuid(),
    at: z.iso.datetime().describe('When it was sent (or is due), or when the event happened'),
    type: z.string().describe("A message's status (queued, sent, failed, ...) or an event's type (opened, replied, bounced, ...)"),
    campaignId: z.uuid().nullable(),
    campaignName: z.string().nullable(),
    stepPosition: z.number().int().nullable(),
    subject: z.string().nullable(),
  })
  .openapi('LeadTimelineEntry');

export const leadActivitySchema = z
  .object({
    enrollments: z.array(leadEnrollmentSchema),
    timeline: z.array(leadTimelineEntrySchema).describe('Messages and events, newest first (at most 200)'),
  })
  .openapi('LeadActivity');

export const exportLeadsBody = z
  .object({ leadIds: z.array(z.uuid()).min(1).max(10_000) })
  .strict()
  .openapi('ExportLeads');

export const customFieldKeysSchema = z.object({ keys: z.array(z.string()) }).openapi('CustomFieldKeys');

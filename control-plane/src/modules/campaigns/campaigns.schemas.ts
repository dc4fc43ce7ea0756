import { z } from 'zod';
import { timezoneSchema } from '../../lib/timezone.js';

export const weekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');

export const scheduleSchema = z
  .object({
    days: z.array(weekdaySchema).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    start: clockTime.default('09:00'),
    end: clockTime.default('17:00'),
    useLeadTimezone: z.boolean().default(true),
    holidays: z.array(z.iso.date()).default([]),
  })
  .strict()
  // Compared only when both times are valid: "must be after start" says nothing about a start of "9am".
  .refine((schedule) => schedule.start < schedule.end, {
    path: ['end'],
    message: 'must be after start',
    when: ({ issues }) => issues.every(({ path = [] }) => path.length > 0 && path[0] !== 'start' && path[0] !== 'end'),
  })
  .openapi('CampaignSchedule');

export type CampaignScheduleInput = z.infer<typeof scheduleSchema>;

export const rotationStrategySchema = z.enum(['round_robin', 'random', 'sequential', 'weighted']);

const autoReplyDelayDays = z
  .number()
  .int()
  .min(1)
  .max(30)
  .nullable()
  .describe("After an auto-reply (out of office), the lead's next step waits this many days; null keeps the plan");

export const createCampaignBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    timezone: timezoneSchema.optional().describe("The campaign's zone; the organization's timezone when not given"),
    schedule: scheduleSchema.default(scheduleSchema.parse({})),
    rotationStrategy: rotationStrategySchema.default('round_robin'),
    dailyCap: z.number().int().min(1).max(100_000).nullable().default(null),
    stopOnReply: z.boolean().default(true),
    stopOnReplyForDomain: z
      .boolean()
      .default(false)
      .describe(
        "A reply also stops the lead's colleagues at the same company: the same organizational domain, subdomains included (sales.acme.co.uk and acme.co.uk); never for webmail domains",
      ),
    autoReplyDelayDays: autoReplyDelayDays.default(null),
    trackOpens: z.boolean().default(false),
    trackClicks: z.boolean().default(false),
    mailboxIds: z.array(z.uuid()).max(500).default([]),
  })
  .strict()
  .openapi('CreateCampaign');

export const updateCampaignBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    timezone: timezoneSchema,
    schedule: scheduleSchema,
    rotationStrategy: rotationStrategySchema,
    dailyCap: z.number().int().min(1).max(100_000).nullable(),
    stopOnReply: z.boolean(),
    stopOnReplyForDomain: z.boolean(),
    autoReplyDelayDays,
    trackOpens: z.boolean(),
    trackClicks: z.boolean(),
    mailboxIds: z.array(z.uuid()).max(500),
  })
  .partial()
  .strict()
  .openapi('UpdateCampaign');

export const campaignParams = z.object({ campaignId: z.uuid() });

export const startCampaignBody = z
  .object({
    domainOverride: z
      .object({
        reason: z.string().trim().min(3).max(500).describe('Why the campaign may send although a sending domain fails its checks'),
      })
      .strict()
      .optional()
      .describe("Start although an active mailbox's sending domain fails its checks; recorded in the audit log"),
  })
  .strict();

export const deploymentSummarySchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['pending', 'deploying', 'active', 'paused', 'drifted', 'error', 'archived']),
    lastError: z.string().nullable(),
    n8nWorkflowId: z.string().nullable(),
    templateVersion: z.string(),
  })
  .openapi('DeploymentSummary');

export const campaignSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: z.enum(['draft', 'active', 'paused', 'completed', 'archived']),
    timezone: z.string(),
    schedule: scheduleSchema,
    rotationStrategy: rotationStrategySchema,
    dailyCap: z.number().int().nullable(),
    stopOnReply: z.boolean(),
    stopOnReplyForDomain: z.boolean(),
    autoReplyDelayDays: z.number().int().nullable(),
    trackOpens: z.boolean(),
    trackClicks: z.boolean(),
    mailboxIds: z.array(z.uuid()),
    deployment: deploymentSummarySchema.nullable(),
    startedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Campaign');

export const campaignListItemSchema = campaignSchema
  .extend({
    nextSendAt: z.iso
      .datetime()
      .nullable()
      .describe(
        "A running campaign's earliest queued send, at its next sending window in the campaign's zone; null when nothing is queued",
      ),
  })
  .openapi('CampaignListItem');

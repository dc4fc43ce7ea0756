import { z } from 'zod';
import { warmupLanguages } from './warmupCorpus.js';

const languageSchema = z
  .enum(warmupLanguages)
  .describe('The language its warm-up messages and replies are written in: en (English), de (German)');

export const warmupMailboxParams = z.object({ mailboxId: z.uuid() });

const poolStatusSchema = z
  .object({
    scope: z.enum(['organization', 'instance']).describe("Whose mailboxes this organization's warm up with"),
    ownMailboxes: z.number().int().describe('Active mailboxes of this organization with warm-up on'),
    otherOrganizationsMailboxes: z
      .number()
      .int()
      .describe('Instance pool: mailboxes of other organizations in it (never their addresses); 0 otherwise'),
    ready: z.boolean().describe('Whether warm-up messages can be exchanged: the pool has at least 2 mailboxes'),
    reason: z.string().nullable().describe('Why nothing is exchanged, in words; null when ready'),
    instancePoolAllowed: z.boolean().describe('Whether the operator lets organizations join the instance pool'),
    instancePoolOptIn: z.boolean().describe('Whether this organization asked to join it'),
  })
  .openapi('WarmupPoolStatus');
export type WarmupPoolStatus = z.infer<typeof poolStatusSchema>;
export { poolStatusSchema };

export const warmupSettingsSchema = z
  .object({
    mailboxId: z.uuid(),
    enabled: z.boolean(),
    targetPerDay: z.number().int().describe('Warm-up messages a day once the ramp is done'),
    rampStart: z.number().int().describe('Messages on the first day'),
    rampStep: z.number().int().describe('Added each day until the target'),
    replyRatePercent: z.number().int().describe('Share of received warm-up messages answered'),
    weekdaysOnly: z.boolean(),
    language: languageSchema,
    startedAt: z.iso.datetime().nullable().describe('When warm-up was last switched on (day 1 of the ramp)'),
    rampDay: z.number().int().nullable().describe("Today's day of the ramp (1 on the first day); null while off"),
    todayQuota: z.number().int().describe('Warm-up messages planned for today (0 while off, and at weekends when weekdays only)'),
    rampValue: z.number().int().nullable().describe("The ramp's allowance today, before weekends and the daily budget"),
    warming: z.boolean().describe('In the first 14 days of warm-up: campaigns from it warn'),
    pool: poolStatusSchema,
  })
  .openapi('WarmupSettings');

export const updateWarmupSettingsBody = z
  .object({
    enabled: z.boolean(),
    targetPerDay: z.number().int().min(1).max(200).default(30),
    rampStart: z.number().int().min(1).max(50).default(2),
    rampStep: z.number().int().min(1).max(50).default(2),
    replyRatePercent: z.number().int().min(0).max(100).default(30),
    weekdaysOnly: z.boolean().default(true),
    language: languageSchema.default('en'),
  })
  .strict()
  .openapi('UpdateWarmupSettings');
export type UpdateWarmupSettings = z.infer<typeof updateWarmupSettingsBody>;

export const warmupSeriesQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });

const warmupDaySchema = z
  .object({
    date: z.string().describe("Local date (YYYY-MM-DD) in the mailbox's zone"),
    sent: z.number().int().describe('Warm-up messages this mailbox sent (first messages and replies)'),
    received: z.number().int().describe('Warm-up messages sent to it'),
    inbox: z.number().int().describe('Of those it sent, found in the inbox'),
    spam: z.number().int().describe('Of those it sent, found in spam (and rescued)'),
    missing: z.number().int().describe('Of those it sent, not found within 24 hours'),
    rescued: z.number().int().describe('Of those it sent, moved from spam to the inbox'),
    replied: z.number().int().describe('Of those it sent, answered'),
    placementRate: z.number().min(0).max(1).nullable().describe('inbox / (inbox + spam + missing); null with nothing observed'),
  })
  .openapi('WarmupDay');

export const warmupSeriesSchema = z
  .object({ timezone: z.string(), days: z.array(warmupDaySchema), placementRate7d: z.number().min(0).max(1).nullable() })
  .openapi('WarmupSeries');
export type WarmupSeries = z.infer<typeof warmupSeriesSchema>;

export const updateWarmupPoolBody = z.object({ instancePool: z.boolean() }).strict().openapi('UpdateWarmupPool');

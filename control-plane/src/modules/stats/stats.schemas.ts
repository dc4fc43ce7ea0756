import { z } from 'zod';
import { campaignMetrics, type CampaignMetric } from './counts.js';
import { cursorInstant, pageCursor } from '../../lib/http/cursor.js';

const engagementSchema = z.object({
  human: z.number().int().describe('Every request recorded'),
  machine: z.number().int().describe('Image proxies, link scanners, HEAD probes, requests within seconds of the send'),
  uniqueHuman: z.number().int().describe('Distinct messages'),
  uniqueMachine: z.number().int(),
});

export const campaignCountsSchema = z
  .object({
    sent: z.number().int(),
    deferred: z.number().int().describe('Deferral and retry events (a send deferred twice counts twice)'),
    failed: z.number().int(),
    opened: engagementSchema,
    clicked: engagementSchema,
    replied: z.number().int().describe('Distinct messages replied to'),
    autoReplied: z.number().int(),
    bounced: z.number().int().describe('Hard bounces (distinct messages)'),
    softBounced: z.number().int(),
    unsubscribed: z.number().int(),
    complained: z.number().int(),
    rates: z
      .object({ open: z.number(), click: z.number(), reply: z.number(), bounce: z.number(), unsubscribe: z.number() })
      .describe('Over sent; opens and clicks count human events on distinct messages'),
  })
  .openapi('CampaignCounts');

const stepNumber = z.number().int().min(1).describe('1-based sequence step, as in sequences, previews and claims');

const cancelledCount = {
  cancelled: z.number().int().describe('Sends cancelled before they went out (suppressed, stopped, step removed): never sent, not lost'),
};

export const campaignStatsSchema = z
  .object({
    campaignId: z.uuid(),
    timezone: z.string(),
    enrolled: z.object({
      total: z.number().int(),
      active: z.number().int(),
      paused: z.number().int(),
      completed: z.number().int(),
      stopped: z.number().int(),
    }),
    totals: campaignCountsSchema.extend(cancelledCount),
    steps: z.array(campaignCountsSchema.extend({ step: stepNumber, ...cancelledCount })),
    variants: z.array(campaignCountsSchema.extend({ variantId: z.uuid(), label: z.string().nullable(), step: stepNumber })),
    mailboxes: z.array(campaignCountsSchema.extend({ mailboxId: z.uuid(), email: z.string().nullable() })),
  })
  .openapi('CampaignStats');

export const dailyStatsQuery = z.object({
  from: z.iso.date().optional().describe("First day (YYYY-MM-DD, in the campaign's time zone); defaults to 29 days before `to`"),
  to: z.iso.date().optional().describe("Last day, inclusive; defaults to today in the campaign's time zone"),
});

export const dailyStatsSchema = z
  .object({
    campaignId: z.uuid(),
    timezone: z.string(),
    from: z.iso.date(),
    to: z.iso.date(),
    days: z.array(campaignCountsSchema.extend({ date: z.iso.date(), enrolled: z.number().int() })),
  })
  .openapi('CampaignDailyStats');

export const campaignStatsParams = z.object({ campaignId: z.uuid() });

/** The activity feed names each event by the metric it counts towards. */
export const activityMetrics = campaignMetrics;
export type ActivityMetric = CampaignMetric;

/** The activity feed pages newest first by (occurredAt, id): the id breaks ties between events of the same instant. */
export const activityCursor = pageCursor(z.object({ at: cursorInstant, id: z.uuid() }));

export const campaignActivityQuery = z
  .object({
    cursor: activityCursor.param,
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type CampaignActivityQuery = z.infer<typeof campaignActivityQuery>;

export const campaignActivitySchema = z
  .object({
    data: z.array(
      z.object({
        id: z.uuid(),
        at: z.iso.datetime(),
        metric: z
          .enum(activityMetrics)
          .describe('What happened, as the stats count it: opens and clicks split human / machine, soft bounces apart from hard ones'),
        leadId: z.uuid().nullable(),
        leadEmail: z.string().nullable(),
        step: stepNumber.nullable(),
        mailboxEmail: z.string().nullable().describe('The mailbox that sent the message or received the reply'),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('CampaignActivity');

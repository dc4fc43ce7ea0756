import { z } from 'zod';

const instant = z.iso.datetime();

export const sendingForecastSchema = z
  .object({
    from: instant,
    until: instant.describe('24 hours after `from`'),
    sendsPossibleToday: z
      .number()
      .int()
      .describe(
        'The most the campaign can send today: what its mailboxes have left (and its own daily cap), bounded by what is queued within 24 h',
      ),
    capacityToday: z.number().int().describe("What the active mailboxes have left today, within the campaign's daily cap"),
    campaignDailyCapRemaining: z.number().int().nullable(),
    workflowRunsEveryMinutes: z
      .number()
      .int()
      .describe('A run claims at most one send per mailbox with a minimum gap; runs come this often (N8N_POLL_MINUTES), or on run-now'),
    mailboxes: z.array(
      z.object({
        id: z.uuid(),
        email: z.string(),
        status: z.string(),
        limitToday: z.number().int().describe("Today's limit in the mailbox's zone: the ramp's value or the daily cap, whichever is lower"),
        limitedBy: z.enum(['ramp', 'daily_cap']),
        sentToday: z.number().int(),
        inFlight: z.number().int(),
        remainingToday: z.number().int(),
        minGapSeconds: z.number().int(),
        nextSendAt: instant.nullable().describe('When it may send next (after its gap, or tomorrow once the limit is used)'),
        blockedBy: z.enum(['status', 'daily_limit', 'gap']).nullable().describe('Why it cannot send right now'),
      }),
    ),
    queued: z.object({
      readyNow: z.number().int().describe("Due and inside the lead's window now"),
      waitingForWindow: z
        .array(z.object({ timezone: z.string(), opensAt: instant, sends: z.number().int() }))
        .describe("Due (or due within 24 h) but outside the lead's window until it opens, by zone"),
      laterWithin24h: z.number().int().describe('Later steps that come due within 24 h'),
      later: z.number().int().describe('Due after the next 24 h'),
      laterFrom: instant.nullable().describe('When the first of those comes due'),
    }),
    summary: z
      .string()
      .describe(
        'The same in a sentence, e.g. "18 sends possible today: 2 mailboxes × ramp 10 − 2 sent; 4 leads wait for 09:00 America/New_York"',
      ),
  })
  .openapi('SendingForecast');

export const campaignReadinessSchema = z
  .object({
    campaignId: z.uuid(),
    status: z.enum(['draft', 'active', 'paused', 'completed', 'archived']),
    ready: z.boolean().describe('No blocking check failed: a start would be accepted'),
    checks: z.array(
      z.object({
        code: z.enum([
          'sequence_has_steps',
          'steps_have_messages',
          'active_mailbox',
          'leads_enrolled',
          'sending_window',
          'sending_capacity',
          'sending_domains',
          'warming_mailboxes',
        ]),
        passed: z.boolean(),
        blocking: z.boolean().describe('A failed blocking check refuses the start; the others mean nothing would be sent yet'),
        overridable: z
          .boolean()
          .optional()
          .describe(
            'A failed check a start may override with a reason (sending_domains: `domainOverride.reason`), recorded in the audit log',
          ),
        message: z.string().describe('Why it passed or failed'),
        mailboxes: z
          .array(z.object({ id: z.uuid(), email: z.string() }))
          .optional()
          .describe(
            'sending_domains: the mailboxes whose domains fail (or, when none fails, warn or are not checked yet), each fixed on its own page',
          ),
      }),
    ),
    windows: z
      .array(z.object({ opensAt: instant, closesAt: instant }))
      .describe(
        "The next three sending windows in the campaign's zone (the open one first); a lead with its own zone gets the same hours there",
      ),
    forecast: sendingForecastSchema,
  })
  .openapi('CampaignReadiness');

export const runNowQuery = z
  .object({
    wait: z.coerce
      .number()
      .int()
      .min(0)
      .max(60)
      .default(30)
      .describe('Seconds to wait for the run to claim and report its sends before answering; 0 answers at once'),
  })
  .strict();

export const runOutcomeSchema = z
  .object({
    finished: z.boolean().describe('False when the wait ended first (or was 0): the counts are what was known by then'),
    startedAt: instant,
    claimed: z.number().int(),
    sent: z.number().int(),
    deferred: z.array(
      z.object({
        code: z.string().describe('outside_window (Business Hours Gate), mailbox_gap, capacity_exhausted, rate_limited, ...'),
        sends: z.number().int(),
        until: instant.nullable().describe('The earliest time those sends are due again'),
        reason: z.string().nullable(),
      }),
    ),
    failed: z.number().int(),
    inFlight: z.number().int(),
    forecast: sendingForecastSchema.describe(
      'After the run: what the mailboxes still allow today (gap, cap, with when) and when the queued sends can go',
    ),
    summary: z.string(),
  })
  .openapi('RunOutcome');

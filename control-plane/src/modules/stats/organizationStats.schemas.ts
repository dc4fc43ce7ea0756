import { z } from 'zod';
import { campaignCountsSchema } from './stats.schemas.js';

export const organizationStatsQuery = z.object({
  from: z.iso.date().optional().describe('First day (YYYY-MM-DD); defaults to `days` days ending at `to`'),
  days: z.coerce.number().int().min(1).max(366).optional().describe('How many days end at `to` when `from` is not given (default 30)'),
  to: z.iso.date().optional().describe("Last day, inclusive; defaults to today in the organization's time zone"),
});

const positiveReplies = {
  positiveReplies: z.number().int().describe('Threads a person labelled interested or meeting booked, on the day the lead first replied'),
};

export const organizationStatsSchema = z
  .object({
    timezone: z.string().describe("The organization's; each campaign's days are its own calendar, as in its daily series"),
    from: z.iso.date(),
    to: z.iso.date(),
    totals: campaignCountsSchema.extend(positiveReplies),
    days: z.array(campaignCountsSchema.extend({ date: z.iso.date(), ...positiveReplies })),
  })
  .openapi('OrganizationStats');

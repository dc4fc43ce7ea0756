import { z } from 'zod';

export const delayUnitSchema = z.enum(['minutes', 'hours', 'days', 'business_days']).openapi('DelayUnit');

export const maxVariantsPerStep = 5;

const variantInput = z
  .object({
    label: z.string().trim().min(1).max(20).describe('Names the variant within its step; an edit that keeps the label keeps the variant'),
    weight: z.number().int().min(0).max(1000).default(1).describe('Relative share of leads (0 = no new leads)'),
    subject: z.string().max(998).default('').describe('Empty on a follow-up: sent as "Re: <first subject>" in the thread'),
    bodyText: z.string().min(1).max(100_000),
    bodyHtml: z.string().min(1).max(200_000).nullable().default(null),
  })
  .strict();

const stepInput = z
  .object({
    delayAmount: z.number().int().min(0).max(525_600).describe('Wait after the previous step (after enrolment for the first)'),
    delayUnit: delayUnitSchema.default('days'),
    threadWithFirst: z.boolean().default(true).describe("Follow-ups reply in the first message's thread"),
    variants: z.array(variantInput).min(1).max(maxVariantsPerStep),
  })
  .strict();

export const replaceSequenceBody = z
  .object({
    steps: z.array(stepInput).min(1).max(20).describe('The whole ordered sequence; steps are matched to the saved ones by position'),
    requireUnsubscribeLink: z
      .boolean()
      .optional()
      .describe('Every body must contain {{unsubscribeUrl}} (default true); omitted keeps the current setting'),
  })
  .strict()
  .openapi('SequenceInput');

export type SequenceInput = z.infer<typeof replaceSequenceBody>;
export type StepInput = SequenceInput['steps'][number];

export const sequenceSchema = z
  .object({
    campaignId: z.uuid(),
    requireUnsubscribeLink: z.boolean(),
    steps: z.array(
      z.object({
        id: z.uuid(),
        step: z.number().int().describe('1-based, as in claims and previews'),
        delayAmount: z.number().int(),
        delayUnit: delayUnitSchema,
        threadWithFirst: z.boolean(),
        variants: z.array(
          z.object({
            id: z.uuid(),
            label: z.string(),
            weight: z.number().int(),
            subject: z.string(),
            bodyText: z.string(),
            bodyHtml: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi('Sequence');

export const sequenceCheckSchema = z
  .object({ valid: z.literal(true).describe('A sequence with problems is answered 400 validation_failed, as the save answers it') })
  .openapi('SequenceCheck');

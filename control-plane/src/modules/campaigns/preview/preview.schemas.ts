import { z } from 'zod';

export const previewBody = z
  .object({
    leadId: z.uuid().describe("A lead of the organization; if it is enrolled, its enrolment's variants and wording are shown"),
    step: z.number().int().min(1).optional().describe('1-based; all steps when omitted'),
    variantLabel: z.string().trim().min(1).max(20).optional().describe('Show this variant instead of the one the lead gets (needs step)'),
  })
  .strict()
  .openapi('PreviewRequest');

export type PreviewInput = z.infer<typeof previewBody>;

export const previewSchema = z
  .object({
    leadId: z.uuid(),
    enrollmentId: z.uuid().nullable(),
    steps: z.array(
      z.object({
        step: z.number().int(),
        variantId: z.uuid(),
        variantLabel: z.string(),
        subject: z.string(),
        bodyText: z.string().describe("The rendered plain-text body (the sequence variant's bodyText, personalised)"),
        bodyHtml: z.string().nullable().describe('The rendered HTML body, with tracking and the unsubscribe link as sent'),
        sendId: z.uuid().nullable().describe('The queued or sent message this preview is for; its unsubscribe link is the real one'),
      }),
    ),
  })
  .openapi('Preview');

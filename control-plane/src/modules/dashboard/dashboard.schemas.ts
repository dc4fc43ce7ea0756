import { z } from 'zod';

export const attentionSchema = z
  .object({
    mailboxes: z
      .array(
        z.object({
          mailboxId: z.uuid(),
          email: z.string(),
          status: z.enum(['paused', 'needs_reauth', 'error']),
          reason: z.string().describe('Why it stopped, as the mailbox records it, or what to do'),
        }),
      )
      .describe('Mailboxes that cannot send until someone acts: paused, waiting to be connected again, or failing'),
    deployments: z
      .array(
        z.object({
          deploymentId: z.uuid(),
          campaignId: z.uuid().nullable(),
          name: z.string().describe("The campaign's name, or the organization-wide workflow's template"),
          status: z.enum(['drifted', 'error']),
          reason: z.string(),
        }),
      )
      .describe('Workflows edited in n8n since we deployed them (drifted) or that failed to deploy'),
    campaigns: z
      .array(
        z.object({
          campaignId: z.uuid(),
          name: z.string(),
          reasons: z.array(z.string()).min(1).describe('Why it sends nothing, each with what to do'),
        }),
      )
      .describe('Active campaigns that cannot send anything'),
  })
  .openapi('Attention');

export const gettingStartedSchema = z
  .object({
    mailboxConnected: z.boolean(),
    leadsImported: z.boolean(),
    campaignCreated: z.boolean(),
    campaignStarted: z.boolean().describe('A campaign has been started at least once'),
  })
  .openapi('GettingStarted');

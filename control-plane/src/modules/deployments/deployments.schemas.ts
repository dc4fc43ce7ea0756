import { z } from 'zod';

export const deploymentParams = z.object({ deploymentId: z.uuid() });

export const deploymentSchema = z
  .object({
    id: z.uuid(),
    campaignId: z.uuid().nullable(),
    campaignName: z.string().nullable(),
    templateName: z.string(),
    templateVersion: z.string(),
    status: z.enum(['pending', 'deploying', 'active', 'paused', 'drifted', 'error', 'archived']),
    lastError: z.string().nullable(),
    n8nWorkflowId: z.string().nullable(),
    editorUrl: z.string().nullable().describe('The workflow in the n8n editor (N8N_EDITOR_URL, else N8N_URL); null when it is not in n8n'),
    contentHash: z.string().nullable(),
    hasOverride: z.boolean(),
    lastSyncedAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Deployment');

export const executionSchema = z
  .object({ id: z.string(), status: z.string(), mode: z.string(), startedAt: z.string(), stoppedAt: z.string().nullable() })
  .openapi('WorkflowExecution');

export const deploymentDetailSchema = deploymentSchema.extend({ recentExecutions: z.array(executionSchema) }).openapi('DeploymentDetail');

export const workflowChangeSchema = z
  .object({
    kind: z.enum(['node_added', 'node_removed', 'node_changed', 'parameter_changed', 'connections_changed', 'settings_changed']),
    node: z.string().optional(),
    path: z.string().optional(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .openapi('WorkflowChange');

export const driftSchema = z
  .object({
    drifted: z.boolean(),
    changes: z.array(workflowChangeSchema),
    workflows: z
      .object({
        deployed: z.string().describe('What Ophir deployed, as normalised JSON (behaviour only: no positions or ids; keys sorted)'),
        n8n: z.string().describe('What n8n holds now, normalised the same way'),
      })
      .nullable()
      .describe('Both versions for a side-by-side diff; null when the deployment has not drifted'),
  })
  .openapi('Drift');

export const resolveDriftBody = z
  .object({
    action: z
      .enum(['keep_n8n', 'reset_to_template'])
      .describe("keep_n8n stores the edited workflow as this campaign's override; reset_to_template discards the edit"),
  })
  .strict();

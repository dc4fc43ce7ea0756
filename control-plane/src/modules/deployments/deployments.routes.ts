import { z } from 'zod';
import type { WorkflowDeployment } from '../../generated/prisma/client.js';
import type { AuthContext } from '../../lib/http/route.js';
import { route, type AnyRoute } from '../../lib/http/route.js';
import type { N8nWorkflowBody } from '../../lib/n8n/n8nWorkflow.js';
import { N8nUnavailableError } from '../../lib/n8n/n8nClient.js';
import { DependencyUnavailableError } from '../../lib/errors.js';
import type { DeploymentService } from './deployment.service.js';
import { deploymentDetailSchema, deploymentParams, deploymentSchema, driftSchema, resolveDriftBody } from './deployments.schemas.js';
import type { N8nConnection } from './n8nConnection.js';
import { diffWorkflows, normalisedWorkflowJson } from './workflowFingerprint.js';

const tag = 'Deployments';

export function deploymentRoutes(deps: { deployments: DeploymentService; connection: N8nConnection }): AnyRoute[] {
  const { deployments, connection } = deps;

  const toDto = (row: WorkflowDeployment & { campaign: { name: string } | null }) => ({
    id: row.id,
    campaignId: row.campaignId,
    campaignName: row.campaign?.name ?? null,
    templateName: row.templateName,
    templateVersion: row.templateVersion,
    status: row.status,
    lastError: row.lastError,
    n8nWorkflowId: row.n8nWorkflowId,
    editorUrl: row.n8nWorkflowId ? connection.editorUrl(row.n8nWorkflowId) : null,
    contentHash: row.contentHash,
    hasOverride: row.override !== null,
    lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  });

  const find = (auth: AuthContext, deploymentId: string) => deployments.find(auth.db, deploymentId);

  return [
    // GET /api/deployments
    route({
      method: 'get',
      path: '/api/deployments',
      access: 'viewer',
      tag,
      summary:
        "Every campaign's n8n workflow and the organization's inbox watcher, with their state (from the database; works while n8n is down)",
      responses: { 200: { description: 'Deployments', schema: z.object({ data: z.array(deploymentSchema) }) } },
      handler: async ({ auth }) => {
        return { body: { data: (await deployments.list(auth.db)).map(toDto) } };
      },
    }),
    // GET /api/deployments/:deploymentId
    route({
      method: 'get',
      path: '/api/deployments/:deploymentId',
      access: 'viewer',
      tag,
      summary: 'One deployment with its editor URL and recent executions (asks n8n; 503 while n8n is down)',
      params: deploymentParams,
      responses: { 200: { description: 'The deployment', schema: deploymentDetailSchema } },
      handler: async ({ auth, params }) => {
        const row = await find(auth, params.deploymentId);
        let recentExecutions: { id: string; status: string; mode: string; startedAt: string; stoppedAt: string | null }[] = [];
        if (row.n8nWorkflowId) {
          try {
            const executions = await connection.client().listExecutions({ workflowId: row.n8nWorkflowId, limit: 20 });
            recentExecutions = executions.map((e) => ({
              id: String(e.id),
              status: e.status,
              mode: e.mode,
              startedAt: e.startedAt,
              stoppedAt: e.stoppedAt,
            }));
          } catch (error) {
            if (error instanceof N8nUnavailableError)
              throw new DependencyUnavailableError('n8n', `n8n is not reachable, so executions cannot be shown: ${error.message}`, {
                retryAfterSeconds: 30,
              });
            throw error;
          }
        }
        return { body: { ...toDto(row), recentExecutions } };
      },
    }),
    // GET /api/deployments/:deploymentId/drift
    route({
      method: 'get',
      path: '/api/deployments/:deploymentId/drift',
      access: 'viewer',
      tag,
      summary:
        'What an operator changed in the n8n editor, node by node and parameter by parameter, with both versions for a side-by-side diff',
      params: deploymentParams,
      responses: { 200: { description: 'The drift', schema: driftSchema } },
      handler: async ({ auth, params }) => {
        const row = await find(auth, params.deploymentId);
        if (row.status !== 'drifted' || !row.driftedWorkflow || !row.deployedWorkflow)
          return { body: { drifted: false, changes: [], workflows: null } };
        const deployed = row.deployedWorkflow as unknown as N8nWorkflowBody;
        const current = row.driftedWorkflow as unknown as N8nWorkflowBody;
        return {
          body: {
            drifted: true,
            changes: diffWorkflows(deployed, current),
            workflows: { deployed: normalisedWorkflowJson(deployed), n8n: normalisedWorkflowJson(current) },
          },
        };
      },
    }),
    // POST /api/deployments/:deploymentId/redeploy
    route({
      method: 'post',
      path: '/api/deployments/:deploymentId/redeploy',
      access: 'admin',
      tag,
      summary: 'Render and push the workflow again (refused while drifted: resolve the drift first)',
      params: deploymentParams,
      responses: { 200: { description: 'The deployment', schema: deploymentSchema } },
      handler: async ({ auth, params }) => {
        await deployments.redeploy(auth.db, (await find(auth, params.deploymentId)).id);
        return { body: toDto(await find(auth, params.deploymentId)) };
      },
    }),
    // POST /api/deployments/:deploymentId/resolve-drift
    route({
      method: 'post',
      path: '/api/deployments/:deploymentId/resolve-drift',
      access: 'admin',
      tag,
      summary: "Keep the operator's n8n version (as an override) or reset the workflow to the template",
      params: deploymentParams,
      body: resolveDriftBody,
      responses: { 200: { description: 'The deployment', schema: deploymentSchema } },
      handler: async ({ auth, params, body }) => {
        await deployments.resolveDrift(auth.db, params.deploymentId, body.action);
        return { body: toDto(await find(auth, params.deploymentId)) };
      },
    }),
  ];
}

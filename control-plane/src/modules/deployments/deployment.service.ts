import { Prisma } from '../../generated/prisma/client.js';
import type { CampaignStatus, DeploymentStatus } from '../../generated/prisma/enums.js';
import type { Clock } from '../../lib/clock.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { AppError, ConflictError, DependencyUnavailableError, NotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { N8nRequestError, N8nUnavailableError } from '../../lib/n8n/n8nClient.js';
import { toWorkflowBody, type N8nWorkflow, type N8nWorkflowBody } from '../../lib/n8n/n8nWorkflow.js';
import { campaignTemplate, campaignTemplateName, renderCampaignWorkflow, tickWebhookPath } from './campaignWorkflow.js';
import type { N8nConnection } from './n8nConnection.js';
import { validateWorkflow, webhookPaths, withNodeTypePrefix } from './templates/validateWorkflow.js';
import { workflowHash } from './workflowFingerprint.js';

type Desired = 'running' | 'stopped' | 'absent';

function desiredFor(status: CampaignStatus): Desired {
  if (status === 'active') return 'running';
  if (status === 'paused' || status === 'completed') return 'stopped';
  return 'absent';
}

const deployedStatus: Record<Exclude<Desired, 'absent'>, DeploymentStatus> = { running: 'active', stopped: 'paused' };

export interface SyncOptions {
  /** Push the freshly rendered workflow even if n8n's copy looks current (an edit, a redeploy). */
  pushContent?: boolean;
  /** Overwrite an operator's edits (only when the user chose "reset to template"). */
  overwriteDrift?: boolean;
}

function asJson(workflow: N8nWorkflowBody): object {
  return toWorkflowBody(workflow) as unknown as object;
}

/**
 * Keeps a campaign's n8n workflow in the state its status asks for. Every step is idempotent, so a
 * retry after any failure (or the reconciler) converges; a workflow this attempt created is removed
 * again if the attempt fails, so nothing is left half-deployed.
 */
export class DeploymentService {
  constructor(
    private readonly deps: {
      connection: N8nConnection;
      clock: Clock;
      logger: Logger;
      pollMinutes: number;
      batchSize: number;
      /** `CUSTOM` for nodes loaded as custom extensions, `n8n-nodes-ophir` for the installed package. */
      nodeTypePrefix: string;
    },
  ) {}

  async syncCampaign(db: ScopedDb, campaignId: string, options: SyncOptions = {}) {
    const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
    if (!campaign) throw new NotFoundError('Campaign');
    const template = campaignTemplate();
    let deployment = await db.workflowDeployment.findUnique({ where: { campaignId } });
    const desired = desiredFor(campaign.status);
    if (desired === 'absent' && !deployment?.n8nWorkflowId) return deployment;

    deployment ??= await db.workflowDeployment.create({
      data: {
        organizationId: campaign.organizationId,
        campaignId,
        templateName: campaignTemplateName,
        templateVersion: template.manifest.version,
        status: 'pending',
      },
    });
    const deploymentId = deployment.id;
    let createdId: string | undefined;
    try {
      const connection = this.deps.connection;
      const client = connection.client();
      if (desired === 'absent') {
        await this.removeWorkflow(deployment.n8nWorkflowId!);
        return await db.workflowDeployment.update({
          where: { id: deploymentId },
          data: { status: 'archived', n8nWorkflowId: null, lastError: null, lastSyncedAt: this.deps.clock.now() },
        });
      }

      const body = deployment.override
        ? (deployment.override as unknown as N8nWorkflowBody)
        : withNodeTypePrefix(
            renderCampaignWorkflow({
              campaign,
              credential: await connection.controlPlaneCredential(),
              pollMinutes: this.deps.pollMinutes,
              batchSize: this.deps.batchSize,
            }),
            this.deps.nodeTypePrefix,
          );
      const problems = validateWorkflow(body, { nodeTypePrefix: this.deps.nodeTypePrefix });
      if (problems.length > 0) throw new AppError('deployment_failed', 'The rendered workflow is not valid', { problems });

      let existing = deployment.n8nWorkflowId
        ? await client.getWorkflow(deployment.n8nWorkflowId)
        : await this.findByTickPath(campaignId);
      if (existing && deployment.contentHash && workflowHash(existing) !== deployment.contentHash && !options.overwriteDrift) {
        await this.markDrifted(db, deploymentId, existing);
        throw new ConflictError('The workflow was changed in the n8n editor; resolve the drift first (keep the n8n version or reset to the template)', {
          deploymentId,
        });
      }
      if (!existing) {
        existing = await client.createWorkflow(toWorkflowBody(body));
        createdId = existing.id;
      } else if (options.pushContent || options.overwriteDrift || deployment.templateVersion !== template.manifest.version) {
        existing = await client.updateWorkflow(existing.id, toWorkflowBody(body));
      }
      if (desired === 'running' && !existing.active) await client.activateWorkflow(existing.id);
      if (desired === 'stopped' && existing.active) await client.deactivateWorkflow(existing.id);

      const stored = (await client.getWorkflow(existing.id)) ?? existing;
      return await db.workflowDeployment.update({
        where: { id: deploymentId },
        data: {
          n8nWorkflowId: stored.id,
          templateVersion: template.manifest.version,
          contentHash: workflowHash(stored),
          deployedWorkflow: asJson(stored),
          driftedWorkflow: Prisma.DbNull,
          status: deployedStatus[desired],
          lastError: null,
          lastSyncedAt: this.deps.clock.now(),
        },
      });
    } catch (error) {
      if (createdId) await this.removeWorkflow(createdId).catch(() => undefined);
      if (error instanceof ConflictError) throw error;
      const appError = this.toAppError(error);
      await db.workflowDeployment.update({
        where: { id: deploymentId },
        data: { status: 'error', lastError: appError.message, ...(createdId ? { n8nWorkflowId: null } : {}) },
      });
      throw appError;
    }
  }

  /** Compares n8n with the database for one deployment and repairs what can be repaired safely. */
  async reconcile(db: ScopedDb, deploymentId: string): Promise<DeploymentStatus> {
    const deployment = await db.workflowDeployment.findUnique({ where: { id: deploymentId }, include: { campaign: true } });
    if (!deployment?.campaign) return deployment?.status ?? 'archived';
    const desired = desiredFor(deployment.campaign.status);
    if (['error', 'pending', 'deploying'].includes(deployment.status) || (desired === 'absent' && deployment.n8nWorkflowId)) {
      return (await this.syncCampaign(db, deployment.campaign.id))?.status ?? 'archived';
    }
    if (!deployment.n8nWorkflowId || desired === 'absent') return deployment.status;
    const client = this.deps.connection.client();
    const current = await client.getWorkflow(deployment.n8nWorkflowId);
    if (!current) {
      this.deps.logger.warn({ deploymentId, workflowId: deployment.n8nWorkflowId }, 'workflow missing in n8n: redeploying');
      await db.workflowDeployment.update({ where: { id: deploymentId }, data: { n8nWorkflowId: null, contentHash: null } });
      return (await this.syncCampaign(db, deployment.campaign.id))?.status ?? 'archived';
    }
    if (workflowHash(current) !== deployment.contentHash) {
      if (deployment.status !== 'drifted') this.deps.logger.warn({ deploymentId }, 'workflow changed in the n8n editor: marked drifted');
      await this.markDrifted(db, deploymentId, current);
      return 'drifted';
    }
    if (desired === 'running' && !current.active) await client.activateWorkflow(current.id);
    if (desired === 'stopped' && current.active) await client.deactivateWorkflow(current.id);
    const status = deployedStatus[desired];
    await db.workflowDeployment.update({
      where: { id: deploymentId },
      data: { status, driftedWorkflow: Prisma.DbNull, lastSyncedAt: this.deps.clock.now() },
    });
    return status;
  }

  /** The operator's edit wins (kept as this campaign's override), or the template does (edit discarded). */
  async resolveDrift(db: ScopedDb, deploymentId: string, action: 'keep_n8n' | 'reset_to_template') {
    const deployment = await db.workflowDeployment.findUnique({ where: { id: deploymentId } });
    if (!deployment?.campaignId) throw new NotFoundError('Deployment');
    if (deployment.status !== 'drifted') throw new AppError('invalid_state', 'This deployment has not drifted');
    if (action === 'reset_to_template') {
      await db.workflowDeployment.update({ where: { id: deploymentId }, data: { override: Prisma.DbNull } });
      return this.syncCampaign(db, deployment.campaignId, { overwriteDrift: true, pushContent: true });
    }
    const current = deployment.n8nWorkflowId ? await this.deps.connection.client().getWorkflow(deployment.n8nWorkflowId) : undefined;
    if (!current) throw new AppError('invalid_state', 'The workflow is gone from n8n; redeploy instead');
    await db.workflowDeployment.update({
      where: { id: deploymentId },
      data: { override: asJson(current), contentHash: workflowHash(current), deployedWorkflow: asJson(current), status: 'pending' },
    });
    return this.syncCampaign(db, deployment.campaignId);
  }

  /** Runs the campaign's workflow now by calling its tick webhook. */
  async tick(campaignId: string): Promise<void> {
    const url = `${this.deps.connection.baseUrl}/webhook/${tickWebhookPath(campaignId)}`;
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new DependencyUnavailableError('n8n', `n8n is not reachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new AppError('deployment_failed', `n8n did not accept the tick (${response.status}); is the campaign active?`);
  }

  private async markDrifted(db: ScopedDb, deploymentId: string, current: N8nWorkflow): Promise<void> {
    await db.workflowDeployment.update({ where: { id: deploymentId }, data: { status: 'drifted', driftedWorkflow: asJson(current) } });
  }

  // A crash between n8n's create and our write leaves a workflow we do not know the id of; its tick
  // webhook path is unique per campaign, so it is found again instead of created twice.
  private async findByTickPath(campaignId: string): Promise<N8nWorkflow | undefined> {
    const path = tickWebhookPath(campaignId);
    for await (const workflow of this.deps.connection.client().listWorkflows()) {
      if (webhookPaths(workflow).includes(path)) return workflow;
    }
    return undefined;
  }

  private async removeWorkflow(workflowId: string): Promise<void> {
    const client = this.deps.connection.client();
    try {
      await client.deactivateWorkflow(workflowId);
    } catch (error) {
      if (!(error instanceof N8nRequestError && (error.status === 404 || error.status === 400))) throw error;
    }
    await client.deleteWorkflow(workflowId);
  }

  private toAppError(error: unknown): AppError {
    if (error instanceof AppError) return error;
    if (error instanceof N8nUnavailableError) return new DependencyUnavailableError('n8n', `n8n is not reachable: ${error.message}`);
    if (error instanceof N8nRequestError) return new AppError('deployment_failed', `n8n refused the workflow: ${error.message}`, { n8nStatus: error.status });
    this.deps.logger.error({ err: error }, 'deployment failed');
    return new AppError('deployment_failed', 'The deployment failed unexpectedly; the error was logged');
  }
}

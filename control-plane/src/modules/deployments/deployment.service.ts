import { Prisma } from '../../generated/prisma/client.js';
import type { WorkflowDeployment } from '../../generated/prisma/client.js';
import type { CampaignStatus, DeploymentStatus } from '../../generated/prisma/enums.js';
import type { Clock } from '../../lib/clock.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { AppError, ConflictError, DependencyUnavailableError, NotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { N8nRequestError, N8nUnavailableError } from '../../lib/n8n/n8nClient.js';
import { toWorkflowBody, type N8nWorkflow, type N8nWorkflowBody } from '../../lib/n8n/n8nWorkflow.js';
import { campaignTemplate, campaignTemplateName, renderCampaignWorkflow, tickWebhookPath } from './campaignWorkflow.js';
import {
  inboxWatcherTemplate,
  inboxWatcherTemplateName,
  inboxWatcherTickPath,
  renderInboxWatcherWorkflow,
} from './inboxWatcherWorkflow.js';
import type { CredentialRef, N8nConnection } from './n8nConnection.js';
import type { OrganizationWorkflow } from './organizationWorkflow.js';
import { warmupWorkflow } from './warmupWorkflow.js';
import type { WorkflowTemplate } from './templates/templateCatalog.js';
import { validateWorkflow, webhookPaths, withNodeTypePrefix } from './templates/validateWorkflow.js';
import { workflowHash } from './workflowFingerprint.js';

type Desired = 'running' | 'stopped' | 'absent';

function desiredFor(status: CampaignStatus): Desired {
  if (status === 'active') return 'running';
  if (status === 'paused' || status === 'completed') return 'stopped';
  return 'absent';
}

const deployedStatus: Record<Exclude<Desired, 'absent'>, DeploymentStatus> = { running: 'active', stopped: 'paused' };

/** Mailboxes whose inbox is worth watching (a paused mailbox still receives replies and bounces). */
const watchedMailboxStatuses = ['active', 'paused'] as const;

/** What one deployment row deploys: a campaign's sender workflow or an organization's inbox watcher. */
interface WorkflowTarget {
  organizationId: string;
  campaignId: string | null;
  template: WorkflowTemplate;
  templateName: string;
  desired: Desired;
  /** Unique per target, so a workflow created just before a crash is found again instead of duplicated. */
  tickPath: string;
  render(credential: CredentialRef): N8nWorkflowBody;
}

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
 * Keeps each campaign's sender workflow, and each organization's inbox watcher, in the state the
 * campaign's status (or the organization's mailboxes) ask for. Every step is idempotent, so a
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

  /** The organization's deployments, newest first, each with its campaign's name (from the database: works while n8n is down). */
  list(db: ScopedDb) {
    return db.workflowDeployment.findMany({ include: { campaign: { select: { name: true } } }, orderBy: { createdAt: 'desc' } });
  }

  async find(db: ScopedDb, deploymentId: string) {
    const row = await db.workflowDeployment.findUnique({ where: { id: deploymentId }, include: { campaign: { select: { name: true } } } });
    if (!row) throw new NotFoundError('Deployment');
    return row;
  }

  async syncCampaign(db: ScopedDb, campaignId: string, options: SyncOptions = {}) {
    const target = await this.campaignTarget(db, campaignId);
    if (!target) throw new NotFoundError('Campaign');
    return this.sync(db, target, await db.workflowDeployment.findUnique({ where: { campaignId } }), options);
  }

  /**
   * The organization's inbox watcher runs while it has a mailbox to watch and is removed when the
   * last one goes. Called when a campaign starts and by the reconciler, so a newly connected
   * mailbox is watched within one reconcile interval.
   */
  async syncInboxWatcher(db: ScopedDb, organizationId: string, options: SyncOptions = {}) {
    const target = await this.inboxWatcherTarget(db, organizationId);
    if (!target) throw new NotFoundError('Organization');
    return this.sync(db, target, await this.findInboxWatcherRow(db), options);
  }

  /**
   * The organization's warm-up workflow runs while one of its mailboxes has warm-up on (docs/warmup.md)
   * and is removed when the last one switches it off. Called by the reconciler.
   */
  async syncWarmup(db: ScopedDb, organizationId: string, options: SyncOptions = {}) {
    const target = await this.warmupTarget(db, organizationId);
    if (!target) throw new NotFoundError('Organization');
    return this.sync(db, target, await this.findOrganizationRow(db, warmupWorkflow), options);
  }

  /** Runs the organization's warm-up workflow now (its due warm-up messages). */
  async tickWarmup(organizationId: string): Promise<void> {
    await this.callTick(warmupWorkflow.tickPath(organizationId), 'does a mailbox of the organization have warm-up on?');
  }

  /**
   * Best effort, for callers whose own work must not fail with it (a campaign start): a failure is
   * recorded on the deployment row and logged, and the reconciler retries it.
   */
  async ensureInboxWatcher(db: ScopedDb, organizationId: string): Promise<void> {
    try {
      await this.syncInboxWatcher(db, organizationId);
    } catch (error) {
      this.deps.logger.warn(
        { err: error instanceof Error ? error.message : String(error), organizationId },
        'inbox watcher not deployed yet; the reconciler retries',
      );
    }
  }

  private async sync(db: ScopedDb, target: WorkflowTarget, existingRow: WorkflowDeployment | null, options: SyncOptions) {
    const { template, desired } = target;
    let deployment = existingRow;
    if (desired === 'absent' && !deployment?.n8nWorkflowId) return deployment;

    deployment ??= await this.createRow(db, target);
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
        : withNodeTypePrefix(target.render(await connection.controlPlaneCredential()), this.deps.nodeTypePrefix);
      const problems = validateWorkflow(body, { nodeTypePrefix: this.deps.nodeTypePrefix });
      if (problems.length > 0) throw new AppError('deployment_failed', 'The rendered workflow is not valid', { problems });

      let existing = deployment.n8nWorkflowId
        ? await client.getWorkflow(deployment.n8nWorkflowId)
        : await this.findByTickPath(target.tickPath);
      if (existing && deployment.contentHash && workflowHash(existing) !== deployment.contentHash && !options.overwriteDrift) {
        await this.markDrifted(db, deploymentId, existing);
        throw new ConflictError(
          'The workflow was changed in the n8n editor; resolve the drift first (keep the n8n version or reset to the template)',
          {
            deploymentId,
          },
        );
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
    const deployment = await db.workflowDeployment.findUnique({ where: { id: deploymentId } });
    if (!deployment) return 'archived';
    const target = await this.targetOf(db, deployment);
    if (!target) return deployment.status;
    const resync = async (options: SyncOptions = {}) =>
      (await this.sync(db, target, await db.workflowDeployment.findUnique({ where: { id: deploymentId } }), options))?.status ?? 'archived';
    const { desired } = target;
    if (['error', 'pending', 'deploying'].includes(deployment.status) || (desired === 'absent' && deployment.n8nWorkflowId))
      return resync();
    if (!deployment.n8nWorkflowId || desired === 'absent') return deployment.status;
    const client = this.deps.connection.client();
    const current = await client.getWorkflow(deployment.n8nWorkflowId);
    if (!current) {
      this.deps.logger.warn({ deploymentId, workflowId: deployment.n8nWorkflowId }, 'workflow missing in n8n: redeploying');
      await db.workflowDeployment.update({ where: { id: deploymentId }, data: { n8nWorkflowId: null, contentHash: null } });
      return resync();
    }
    if (workflowHash(current) !== deployment.contentHash) {
      if (deployment.status !== 'drifted') this.deps.logger.warn({ deploymentId }, 'workflow changed in the n8n editor: marked drifted');
      await this.markDrifted(db, deploymentId, current);
      return 'drifted';
    }
    // A newer template (an Ophir upgrade) rolls out here; an operator's kept version is theirs to reset.
    if (!deployment.override && deployment.templateVersion !== target.template.manifest.version) return resync({ pushContent: true });
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
    const target = deployment ? await this.targetOf(db, deployment) : undefined;
    if (!deployment || !target) throw new NotFoundError('Deployment');
    if (deployment.status !== 'drifted') throw new AppError('invalid_state', 'This deployment has not drifted');
    const resync = async (options: SyncOptions = {}) =>
      this.sync(db, target, await db.workflowDeployment.findUnique({ where: { id: deploymentId } }), options);
    if (action === 'reset_to_template') {
      await db.workflowDeployment.update({ where: { id: deploymentId }, data: { override: Prisma.DbNull } });
      return resync({ overwriteDrift: true, pushContent: true });
    }
    const current = deployment.n8nWorkflowId ? await this.deps.connection.client().getWorkflow(deployment.n8nWorkflowId) : undefined;
    if (!current) throw new AppError('invalid_state', 'The workflow is gone from n8n; redeploy instead');
    await db.workflowDeployment.update({
      where: { id: deploymentId },
      data: { override: asJson(current), contentHash: workflowHash(current), deployedWorkflow: asJson(current), status: 'pending' },
    });
    return resync();
  }

  /** Renders and pushes one deployment's workflow again (refused while drifted, like any sync). */
  async redeploy(db: ScopedDb, deploymentId: string) {
    const deployment = await db.workflowDeployment.findUnique({ where: { id: deploymentId } });
    const target = deployment ? await this.targetOf(db, deployment) : undefined;
    if (!deployment || !target) throw new NotFoundError('Deployment');
    return this.sync(db, target, deployment, { pushContent: true });
  }

  /** Runs the campaign's workflow now by calling its tick webhook. */
  async tick(campaignId: string): Promise<void> {
    await this.callTick(tickWebhookPath(campaignId), 'is the campaign active?');
  }

  /** Runs the organization's inbox watcher now (a watch, and any replies queued from the inbox). */
  async tickInboxWatcher(organizationId: string): Promise<void> {
    await this.callTick(inboxWatcherTickPath(organizationId), 'does the organization have a mailbox?');
  }

  private async callTick(path: string, hint: string): Promise<void> {
    const url = `${this.deps.connection.baseUrl}/webhook/${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new DependencyUnavailableError('n8n', `n8n is not reachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new AppError('deployment_failed', `n8n did not accept the tick (${response.status}); ${hint}`);
  }

  private async markDrifted(db: ScopedDb, deploymentId: string, current: N8nWorkflow): Promise<void> {
    await db.workflowDeployment.update({ where: { id: deploymentId }, data: { status: 'drifted', driftedWorkflow: asJson(current) } });
  }

  // A crash between n8n's create and our write leaves a workflow we do not know the id of; its tick
  // webhook path is unique per target, so it is found again instead of created twice.
  private async findByTickPath(path: string): Promise<N8nWorkflow | undefined> {
    for await (const workflow of this.deps.connection.client().listWorkflows()) {
      if (webhookPaths(workflow).includes(path)) return workflow;
    }
    return undefined;
  }

  private async campaignTarget(db: ScopedDb, campaignId: string): Promise<WorkflowTarget | undefined> {
    const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
    if (!campaign) return undefined;
    const { pollMinutes, batchSize } = this.deps;
    return {
      organizationId: campaign.organizationId,
      campaignId,
      template: campaignTemplate(),
      templateName: campaignTemplateName,
      desired: desiredFor(campaign.status),
      tickPath: tickWebhookPath(campaignId),
      render: (credential) => renderCampaignWorkflow({ campaign, credential, pollMinutes, batchSize }),
    };
  }

  private async inboxWatcherTarget(db: ScopedDb, organizationId: string): Promise<WorkflowTarget | undefined> {
    const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true } });
    if (!organization) return undefined;
    const watched = await db.mailbox.count({ where: { status: { in: [...watchedMailboxStatuses] } } });
    const { pollMinutes } = this.deps;
    return {
      organizationId,
      campaignId: null,
      template: inboxWatcherTemplate(),
      templateName: inboxWatcherTemplateName,
      desired: watched > 0 ? 'running' : 'absent',
      tickPath: inboxWatcherTickPath(organizationId),
      render: (credential) => renderInboxWatcherWorkflow({ organization, credential, pollMinutes }),
    };
  }

  private async warmupTarget(db: ScopedDb, organizationId: string): Promise<WorkflowTarget | undefined> {
    const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true } });
    if (!organization) return undefined;
    const warming = await db.mailboxWarmup.count({ where: { enabled: true } });
    const { pollMinutes } = this.deps;
    return {
      organizationId,
      campaignId: null,
      template: warmupWorkflow.template(),
      templateName: warmupWorkflow.templateName,
      desired: warming > 0 ? 'running' : 'absent',
      tickPath: warmupWorkflow.tickPath(organizationId),
      render: (credential) => warmupWorkflow.render({ organization, credential, pollMinutes }),
    };
  }

  private async targetOf(db: ScopedDb, deployment: WorkflowDeployment): Promise<WorkflowTarget | undefined> {
    if (deployment.campaignId) return this.campaignTarget(db, deployment.campaignId);
    if (deployment.templateName === inboxWatcherTemplateName) return this.inboxWatcherTarget(db, deployment.organizationId);
    if (deployment.templateName === warmupWorkflow.templateName) return this.warmupTarget(db, deployment.organizationId);
    return undefined;
  }

  private findInboxWatcherRow(db: ScopedDb) {
    return db.workflowDeployment.findFirst({ where: { campaignId: null, templateName: inboxWatcherTemplateName } });
  }

  private findOrganizationRow(db: ScopedDb, workflow: OrganizationWorkflow) {
    return db.workflowDeployment.findFirst({ where: { campaignId: null, templateName: workflow.templateName } });
  }

  // One row per organization and organization-wide template (inbox watcher, warm-up) is enforced by a partial unique index; a concurrent
  // first sync that lost the race uses the winner's row.
  private async createRow(db: ScopedDb, target: WorkflowTarget): Promise<WorkflowDeployment> {
    const data = {
      organizationId: target.organizationId,
      campaignId: target.campaignId,
      templateName: target.templateName,
      templateVersion: target.template.manifest.version,
      status: 'pending' as const,
    };
    try {
      return await db.workflowDeployment.create({ data });
    } catch (error) {
      const existing =
        error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002' && target.campaignId === null
          ? await db.workflowDeployment.findFirst({ where: { campaignId: null, templateName: target.templateName } })
          : null;
      if (!existing) throw error;
      return existing;
    }
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
    if (error instanceof N8nRequestError)
      return new AppError('deployment_failed', `n8n refused the workflow: ${error.message}`, { n8nStatus: error.status });
    this.deps.logger.error({ err: error }, 'deployment failed');
    return new AppError('deployment_failed', 'The deployment failed unexpectedly; the error was logged');
  }
}

import cron, { type ScheduledTask } from 'node-cron';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { systemClock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Metrics } from '../../lib/metrics.js';
import type { CheckResult } from '../health/readiness.js';
import { DependencyUnavailableError } from '../../lib/errors.js';
import { N8nUnavailableError } from '../../lib/n8n/n8nClient.js';
import type { DeploymentService } from './deployment.service.js';
import { inboxWatcherTemplateName } from './inboxWatcherWorkflow.js';
import { warmupWorkflow } from './warmupWorkflow.js';

export interface ReconcileSummary {
  checked: number;
  byStatus: Record<string, number>;
  failed: number;
  n8nUnavailable: boolean;
}

/**
 * Compares every live deployment with n8n: missing workflows are redeployed, wrongly inactive ones
 * reactivated, edited ones marked drifted (never overwritten), newer template versions rolled out.
 * It also gives every organization with a mailbox its inbox watcher. While n8n is down it stops
 * early and tries again on the next run.
 */
export class Reconciler {
  private running = false;
  private task: ScheduledTask | undefined;
  private lastSuccess: Date | undefined;

  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      deployments: DeploymentService;
      logger: Logger;
      metrics: Pick<Metrics, 'reconcileFailures' | 'reconcileLastSuccess'>;
      /** Readiness fails once the last completed pass (n8n reachable throughout) is older than this. */
      maxPassAgeSeconds: number;
    },
  ) {}

  get scheduled(): boolean {
    return this.task !== undefined;
  }

  /** Readiness: a recent pass completed, so workflows that went missing or inactive get put back. */
  checkFreshness(): CheckResult {
    if (!this.scheduled) return { ok: true, detail: 'not scheduled in this process' };
    if (!this.lastSuccess) return { ok: false, detail: 'no pass has completed yet' };
    const ageSeconds = Math.round((systemClock.now().getTime() - this.lastSuccess.getTime()) / 1000);
    if (ageSeconds > this.deps.maxPassAgeSeconds) return { ok: false, detail: `the last completed pass was ${ageSeconds} s ago` };
    return { ok: true, detail: `last pass ${ageSeconds} s ago` };
  }

  async runOnce(): Promise<ReconcileSummary> {
    const summary: ReconcileSummary = { checked: 0, byStatus: {}, failed: 0, n8nUnavailable: false };
    if (this.running) return summary;
    this.running = true;
    try {
      // Across all organizations by design: the reconciler is the platform's, each row is then handled in its own scope.
      const unwatched = await this.deps.prisma.organization.findMany({
        where: {
          mailboxes: { some: { status: { in: ['active', 'paused'] } } },
          deployments: { none: { campaignId: null, templateName: inboxWatcherTemplateName, status: { not: 'archived' } } },
        },
        select: { id: true },
      });
      const warmingUp = await this.deps.prisma.organization.findMany({
        where: {
          mailboxWarmups: { some: { enabled: true } },
          deployments: { none: { campaignId: null, templateName: warmupWorkflow.templateName, status: { not: 'archived' } } },
        },
        select: { id: true },
      });
      const rows = await this.deps.prisma.workflowDeployment.findMany({
        where: { status: { not: 'archived' } },
        select: { id: true, organizationId: true },
        orderBy: { updatedAt: 'asc' },
      });
      const work = [
        ...unwatched.map((organization) => ({ organizationId: organization.id, deploymentId: null, missing: 'inbox-watcher' as const })),
        ...warmingUp.map((organization) => ({ organizationId: organization.id, deploymentId: null, missing: 'warmup' as const })),
        ...rows.map((row) => ({ organizationId: row.organizationId, deploymentId: row.id, missing: null })),
      ];
      for (const { organizationId, deploymentId, missing } of work) {
        try {
          const db = scopedDb(this.deps.prisma, organizationId);
          const syncMissing = () =>
            missing === 'warmup'
              ? this.deps.deployments.syncWarmup(db, organizationId)
              : this.deps.deployments.syncInboxWatcher(db, organizationId);
          const status = deploymentId
            ? await this.deps.deployments.reconcile(db, deploymentId)
            : ((await syncMissing())?.status ?? 'archived');
          summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
        } catch (error) {
          if (error instanceof DependencyUnavailableError || error instanceof N8nUnavailableError) {
            summary.n8nUnavailable = true;
            this.deps.metrics.reconcileFailures.inc({ kind: 'n8n_unavailable' });
            this.deps.logger.warn({ err: error.message }, 'reconciler: n8n unavailable, will retry');
            break;
          }
          summary.failed += 1;
          this.deps.metrics.reconcileFailures.inc({ kind: 'deployment' });
          this.deps.logger.error({ err: error, organizationId, deploymentId }, 'reconciler: deployment could not be reconciled');
        } finally {
          summary.checked += 1;
        }
      }
      if (!summary.n8nUnavailable) this.markSuccess();
      return summary;
    } finally {
      this.running = false;
    }
  }

  private markSuccess(): void {
    // Wall time, not the injected business clock: this is about the process, and tests move the business clock.
    this.lastSuccess = systemClock.now();
    this.deps.metrics.reconcileLastSuccess.set(this.lastSuccess.getTime() / 1000);
  }

  start(schedule: string): void {
    this.task = cron.schedule(schedule, () => {
      void this.runOnce();
    });
  }

  /** Unscheduled: readiness no longer waits for this process's passes (another replica may lead). */
  stop(): void {
    void this.task?.stop();
    this.task = undefined;
  }
}

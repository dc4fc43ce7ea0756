/**
 * Every job a control plane runs on a timer rather than on a request. Replicas on one database run
 * them on one replica at a time (src/lib/db/leadership.ts): the leader starts them all, the others
 * start none, and a replica that stops leading stops them before another one can start them.
 */
import type { App } from '../app.js';
import type { Clock } from '../lib/clock.js';
import type { Config } from '../lib/config.js';
import type { PrismaClient } from '../lib/db/prisma.js';
import type { LeaderJob } from '../lib/db/leadership.js';
import type { Logger } from '../lib/logger.js';
import { startMailboxHealthSchedule } from '../modules/mailboxes/health/healthSweep.js';
import { startWarmupPlanning } from '../modules/warmup/warmupPlanner.js';
import { startDomainCheckSchedule } from '../modules/deliverability/domainCheckSchedule.js';

export function periodicJobs(
  app: Pick<App, 'reconciler' | 'leadImportUpkeep' | 'webhookDeliveries' | 'domainChecks' | 'warmupPlanner'>,
  deps: { config: Config; prisma: PrismaClient; clock: Clock; logger: Logger },
): LeaderJob[] {
  const { config } = deps;
  let mailboxHealth: { stop(): void } | undefined;
  let warmupPlanning: { stop(): void } | undefined;
  let domainChecks: { stop(): void } | undefined;
  const jobs: LeaderJob[] = [
    {
      name: 'the import upkeep',
      start: () => app.leadImportUpkeep.start(config.LEAD_IMPORT_UPKEEP_CRON),
      stop: () => app.leadImportUpkeep.stop(),
    },
    { name: 'the webhook deliveries', start: () => app.webhookDeliveries.start(), stop: () => app.webhookDeliveries.stop() },
    {
      name: 'the mailbox health sweep',
      start: () => (mailboxHealth = startMailboxHealthSchedule(deps)),
      stop: () => mailboxHealth?.stop(),
    },
    {
      name: 'the sending-domain checks',
      start: () =>
        (domainChecks = startDomainCheckSchedule({
          domainChecks: app.domainChecks,
          schedule: config.DOMAIN_CHECK_CRON,
          logger: deps.logger,
        })),
      stop: () => domainChecks?.stop(),
    },
    {
      name: 'the warm-up planner',
      start: () =>
        (warmupPlanning = startWarmupPlanning(app.warmupPlanner, config.WARMUP_PLAN_INTERVAL_SECONDS, (error) =>
          deps.logger.error({ err: error }, 'warm-up planning failed'),
        )),
      stop: () => warmupPlanning?.stop(),
    },
  ];
  if (config.RECONCILER_ENABLED) {
    // A new leader reconciles at once: whatever went missing while leadership changed hands is put back.
    jobs.unshift({
      name: 'the reconciler',
      start: () => {
        app.reconciler.start(config.RECONCILE_CRON);
        void app.reconciler.runOnce();
      },
      stop: () => app.reconciler.stop(),
    });
  }
  return jobs;
}

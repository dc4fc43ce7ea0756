import cron from 'node-cron';
import type { Logger } from '../../lib/logger.js';
import type { DomainChecks } from './domainChecks.service.js';

/**
 * The daily re-check: on the schedule (hourly by default) every report older than its maximum age
 * is renewed, so a mailbox is checked about once a day and one connected since the last run within
 * the hour. One run at a time; a failed mailbox is logged and tried on the next run.
 */
export function startDomainCheckSchedule(deps: { domainChecks: DomainChecks; schedule: string; logger: Logger }): { stop(): void } {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    deps.domainChecks
      .checkStale((error, mailboxId) => deps.logger.warn({ err: error, mailboxId }, 'sending domain check failed'))
      .then((checked) => {
        if (checked > 0) deps.logger.info({ checked }, 'sending domains checked');
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'sending domain checks failed'))
      .finally(() => {
        running = false;
      });
  };
  const task = cron.schedule(deps.schedule, run);
  run();
  return { stop: () => void task.stop() };
}

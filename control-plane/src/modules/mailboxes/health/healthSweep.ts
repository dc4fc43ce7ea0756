import type { Clock } from '../../../lib/clock.js';
import type { Config } from '../../../lib/config.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import type { Logger } from '../../../lib/logger.js';
import { refreshMailboxHealth, type HealthPolicy } from './mailboxHealth.js';

export function healthPolicy(config: Config): HealthPolicy {
  return {
    autoPauseBounceRate: config.MAILBOX_AUTO_PAUSE_BOUNCE_RATE,
    windowSends: config.MAILBOX_HEALTH_WINDOW_SENDS,
    autoPauseMinSends: config.MAILBOX_AUTO_PAUSE_MIN_SENDS,
  };
}

/** Recomputes every mailbox's health once; returns how many were auto-paused. */
export async function sweepMailboxHealth(deps: { prisma: PrismaClient; clock: Clock; policy: HealthPolicy }): Promise<number> {
  const mailboxes = await deps.prisma.mailbox.findMany({
    where: { status: { not: 'disabled' } },
    select: { id: true, organizationId: true },
  });
  let paused = 0;
  for (const mailbox of mailboxes) {
    const result = await refreshMailboxHealth(scopedDb(deps.prisma, mailbox.organizationId), mailbox.id, deps.clock.now(), deps.policy);
    if (result?.autoPaused) paused += 1;
  }
  return paused;
}

/**
 * The scheduled half of "recomputed on events and on a schedule": age and time-window effects
 * change a score even when no event arrives. One sweep at a time; a failed sweep is logged and
 * the next one runs on schedule.
 */
export function startMailboxHealthSchedule(deps: { prisma: PrismaClient; clock: Clock; config: Config; logger: Logger }): { stop(): void } {
  const policy = healthPolicy(deps.config);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepMailboxHealth({ prisma: deps.prisma, clock: deps.clock, policy })
      .then((paused) => {
        if (paused > 0) deps.logger.warn({ paused }, 'mailboxes auto-paused for hard bounces');
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'mailbox health sweep failed'))
      .finally(() => {
        running = false;
      });
  }, deps.config.MAILBOX_HEALTH_INTERVAL_SECONDS * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

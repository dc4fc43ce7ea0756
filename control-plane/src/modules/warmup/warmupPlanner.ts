import { formatLocalDate, zonedParts } from '../../../../custom-nodes/nodes/shared/zonedTime.js';
import type { Mailbox, MailboxWarmup } from '../../generated/prisma/client.js';
import type { Clock } from '../../lib/clock.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { mailboxCapacity } from '../mailboxes/limits/capacity.js';
import { pairRecipients } from './warmupPairing.js';
import { warmupQuota } from './warmupRamp.js';
import { newWarmupTag, tagFraction } from './warmupTag.js';
import { warmupWindowOn } from './warmupWindow.js';
import { markMissingPlacements } from './warmupPlacement.js';

export type WarmupMember = MailboxWarmup & { mailbox: Mailbox & { organization: { warmupInstancePool: boolean } } };

/** The mailbox's local day, `YYYY-MM-DD`: what a day's plan is filed under. */
export const localDay = (instant: Date, timeZone: string) => formatLocalDate(zonedParts(instant.getTime(), timeZone));

/**
 * The pools warm-up runs in: each organization's active mailboxes with warm-up on, and, where the
 * operator allows it, one instance pool of the organizations that opted in.
 */
export function warmupPools(members: WarmupMember[], instancePoolEnabled: boolean): WarmupMember[][] {
  const pools = new Map<string, WarmupMember[]>();
  for (const member of members) {
    const key = instancePoolEnabled && member.mailbox.organization.warmupInstancePool ? 'instance' : member.organizationId;
    pools.set(key, [...(pools.get(key) ?? []), member]);
  }
  return [...pools.values()];
}

/** What one mailbox sends today: the ramp's quota, within its daily budget, less what today's plan already holds. */
export interface DailyPlan {
  member: WarmupMember;
  day: string;
  rampDay: number;
  quota: number;
  alreadyPlanned: number;
  toPlan: number;
  window: { start: Date; end: Date };
}

/**
 * Queues each day's warm-up messages. For every mailbox with warm-up on, on each local day: the
 * ramp's quota (day n: min(target, start + step·(n−1)); none at weekends when weekdays only), never
 * more than the mailbox's daily limit (the budget campaigns share), paired evenly with the pool's
 * other mailboxes and spread over what is left of the day's warm-up window. Idempotent per day: a
 * run finds what the day already holds and adds only the difference, so it can run as often as the
 * upkeep likes. Runs on the leading replica only (src/runtime/periodicJobs.ts).
 */
export class WarmupPlanner {
  constructor(private readonly deps: { prisma: PrismaClient; clock: Clock; instancePoolEnabled: boolean }) {}

  /** Marks what went unseen for a day as missing, then plans each pool's day; returns how many messages it queued. */
  async planDue(): Promise<number> {
    const now = this.deps.clock.now();
    await markMissingPlacements(this.deps.prisma, now);
    const members = await this.deps.prisma.mailboxWarmup.findMany({
      where: { enabled: true, mailbox: { status: 'active' } },
      include: { mailbox: { include: { organization: { select: { warmupInstancePool: true } } } } },
      orderBy: { mailboxId: 'asc' },
    });
    let planned = 0;
    for (const pool of warmupPools(members, this.deps.instancePoolEnabled)) {
      if (pool.length >= 2) planned += await this.planPool(pool, now);
    }
    return planned;
  }

  async dailyPlan(member: WarmupMember, now: Date): Promise<DailyPlan> {
    const { mailbox } = member;
    const db = scopedDb(this.deps.prisma, member.organizationId);
    const day = localDay(now, mailbox.timezone);
    const { rampDay, quota } = warmupQuota({ ...member, startedAt: member.startedAt ?? member.createdAt }, now, mailbox.timezone);
    const window = warmupWindowOn(now, mailbox.timezone);
    const [capacity, alreadyPlanned] = await Promise.all([
      mailboxCapacity(db, mailbox, now),
      db.warmupMessage.count({ where: { senderMailboxId: mailbox.id, kind: 'initial', plannedDay: day } }),
    ]);
    const open = now < window.end;
    const toPlan = open ? Math.max(0, Math.min(quota, capacity.limitToday) - alreadyPlanned) : 0;
    return { member, day, rampDay, quota, alreadyPlanned, toPlan, window };
  }

  private async planPool(pool: WarmupMember[], now: Date): Promise<number> {
    const plans = await Promise.all(pool.map((member) => this.dailyPlan(member, now)));
    const received = await Promise.all(
      plans.map(({ member, day }) =>
        this.deps.prisma.warmupMessage.count({ where: { recipientMailboxId: member.mailboxId, kind: 'initial', plannedDay: day } }),
      ),
    );
    const pairs = pairRecipients(
      plans.map((plan, index) => ({ mailboxId: plan.member.mailboxId, sends: plan.toPlan, receivedSoFar: received[index]! })),
    );
    const byId = new Map(plans.map((plan) => [plan.member.mailboxId, plan]));
    for (const plan of plans) {
      const recipients = pairs.filter((pair) => pair.senderId === plan.member.mailboxId).map((pair) => byId.get(pair.recipientId)!.member);
      if (recipients.length === 0) continue;
      // Spread over what is left of the window: one slot each, at a point in its slot fixed by the tag.
      const from = Math.max(now.getTime(), plan.window.start.getTime());
      const slot = (plan.window.end.getTime() - from) / recipients.length;
      const rows = recipients.map((recipient, index) => {
        const tag = newWarmupTag();
        return {
          organizationId: plan.member.organizationId,
          tag,
          senderMailboxId: plan.member.mailboxId,
          recipientMailboxId: recipient.mailboxId,
          recipientOrganizationId: recipient.organizationId,
          kind: 'initial' as const,
          plannedDay: plan.day,
          dueAt: new Date(Math.floor(from + slot * (index + 0.5 * tagFraction(tag, 'due')))),
        };
      });
      await scopedDb(this.deps.prisma, plan.member.organizationId).warmupMessage.createMany({ data: rows });
    }
    return pairs.length;
  }
}

/** Plans on a timer; one run at a time, a failed run logged and the next one on schedule. */
export function startWarmupPlanning(planner: WarmupPlanner, intervalSeconds: number, onError: (error: unknown) => void): { stop(): void } {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    planner
      .planDue()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(run, intervalSeconds * 1000);
  timer.unref();
  run();
  return { stop: () => clearInterval(timer) };
}

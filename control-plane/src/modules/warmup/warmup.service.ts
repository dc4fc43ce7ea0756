import type { Clock } from '../../lib/clock.js';
import type { AuthContext } from '../../lib/http/route.js';
import { NotFoundError } from '../../lib/errors.js';
import { localDaysStart, placementRate, PLACEMENT_WINDOW_DAYS } from '../mailboxes/health/inboxPlacement.js';
import { zonedDayNumber } from '../mailboxes/limits/zonedDay.js';
import { recordAudit } from '../organizations/audit.js';
import type { UpdateWarmupSettings, WarmupPoolStatus, WarmupSeries } from './warmup.schemas.js';
import { asWarmupLanguage } from './warmupCorpus.js';
import { rampAllowance, warmupQuota } from './warmupRamp.js';
import { isWarming } from '../mailboxes/limits/warming.js';

/** The defaults a mailbox starts with (docs/warmup.md says where they come from). */
export const WARMUP_DEFAULTS = {
  targetPerDay: 30,
  rampStart: 2,
  rampStep: 2,
  replyRatePercent: 30,
  weekdaysOnly: true,
  language: 'en',
} as const;

/**
 * Warm-up as a marketer sees and sets it: a mailbox's settings with its ramp today, its per-day
 * series, and the pool it warms up in. Another organization's mailboxes are only ever counted.
 */
export class WarmupService {
  constructor(private readonly deps: { clock: Clock; instancePoolEnabled: boolean }) {}

  async settings(auth: Pick<AuthContext, 'db' | 'organizationId'>, mailboxId: string) {
    const mailbox = await auth.db.mailbox.findUnique({ where: { id: mailboxId }, include: { warmup: true } });
    if (!mailbox) throw new NotFoundError('Mailbox');
    const now = this.deps.clock.now();
    const warmup = mailbox.warmup;
    const settings = { ...WARMUP_DEFAULTS, enabled: false, startedAt: null as Date | null, ...(warmup ?? {}) };
    const on = settings.enabled && settings.startedAt !== null;
    const today = on ? warmupQuota({ ...settings, startedAt: settings.startedAt! }, now, mailbox.timezone) : null;
    return {
      mailboxId: mailbox.id,
      enabled: settings.enabled,
      targetPerDay: settings.targetPerDay,
      rampStart: settings.rampStart,
      rampStep: settings.rampStep,
      replyRatePercent: settings.replyRatePercent,
      weekdaysOnly: settings.weekdaysOnly,
      language: asWarmupLanguage(settings.language),
      startedAt: settings.startedAt?.toISOString() ?? null,
      rampDay: today?.rampDay ?? null,
      todayQuota: today?.quota ?? 0,
      rampValue: today ? rampAllowance(settings, today.rampDay) : null,
      warming: isWarming(settings, now, mailbox.timezone),
      pool: await this.pool(auth),
    };
  }

  /** Saves a mailbox's settings; switching warm-up on starts the ramp at day 1, switching it off drops what was queued. */
  async update(auth: AuthContext, mailboxId: string, input: UpdateWarmupSettings) {
    const mailbox = await auth.db.mailbox.findUnique({ where: { id: mailboxId }, include: { warmup: true } });
    if (!mailbox) throw new NotFoundError('Mailbox');
    const now = this.deps.clock.now();
    const switchedOn = input.enabled && !mailbox.warmup?.enabled;
    const startedAt = switchedOn ? now : (mailbox.warmup?.startedAt ?? null);
    await auth.db.mailboxWarmup.upsert({
      where: { mailboxId },
      create: { organizationId: auth.organizationId, mailboxId, ...input, startedAt },
      update: { ...input, startedAt },
    });
    if (!input.enabled) {
      await auth.db.warmupMessage.updateMany({
        where: { senderMailboxId: mailboxId, kind: 'initial', status: { in: ['queued', 'retrying'] } },
        data: { status: 'cancelled' },
      });
    }
    await recordAudit(auth, { action: 'mailbox.warmup_updated', targetType: 'mailbox', targetId: mailboxId, data: { ...input } });
    return this.settings(auth, mailboxId);
  }

  /** The pool this organization warms up in, counted; another organization's addresses never leave the control plane. */
  async pool(auth: Pick<AuthContext, 'db' | 'organizationId'>): Promise<WarmupPoolStatus> {
    const organization = await auth.db.organization.findUniqueOrThrow({ where: { id: auth.organizationId } });
    const instance = this.deps.instancePoolEnabled && organization.warmupInstancePool;
    const ownMailboxes = await auth.db.mailboxWarmup.count({ where: { enabled: true, mailbox: { status: 'active' } } });
    // The one count across organizations: a number, never a row.
    const otherOrganizationsMailboxes = instance
      ? await auth.db.mailbox.count({
          where: { status: 'active', warmup: { enabled: true }, organization: { warmupInstancePool: true } },
        })
      : 0;
    const total = ownMailboxes + otherOrganizationsMailboxes;
    const reason =
      total >= 2
        ? null
        : ownMailboxes === 0
          ? 'Warm-up is off for every mailbox: switch it on for at least 2 mailboxes of your organization.'
          : 'Warm-up needs at least 2 mailboxes in your organization: switch it on for another mailbox (or connect one) so they can write to each other.';
    return {
      scope: instance ? 'instance' : 'organization',
      ownMailboxes,
      otherOrganizationsMailboxes,
      ready: total >= 2,
      reason,
      instancePoolAllowed: this.deps.instancePoolEnabled,
      instancePoolOptIn: organization.warmupInstancePool,
    };
  }

  async setInstancePool(auth: AuthContext, instancePool: boolean): Promise<WarmupPoolStatus> {
    await auth.db.organization.update({ where: { id: auth.organizationId }, data: { warmupInstancePool: instancePool } });
    await recordAudit(auth, {
      action: 'organization.warmup_pool_updated',
      targetType: 'organization',
      targetId: auth.organizationId,
      data: { instancePool },
    });
    return this.pool(auth);
  }

  /** Per local day of the mailbox: what it sent and received, and where what it sent landed. */
  async series(auth: Pick<AuthContext, 'db'>, mailboxId: string, days: number): Promise<WarmupSeries> {
    const mailbox = await auth.db.mailbox.findUnique({ where: { id: mailboxId } });
    if (!mailbox) throw new NotFoundError('Mailbox');
    const { timezone } = mailbox;
    const now = this.deps.clock.now();
    const from = localDaysStart(now, timezone, days);
    const select = { sentAt: true, placement: true, rescuedAt: true, repliedAt: true } as const;
    const [sent, receivedByDay] = await Promise.all([
      auth.db.warmupMessage.findMany({ where: { senderMailboxId: mailboxId, status: 'sent', sentAt: { gte: from } }, select }),
      this.receivedByDay(auth, mailboxId, from, timezone),
    ]);
    const firstDay = zonedDayNumber(from, timezone);
    const series = Array.from({ length: days }, (_, index) => ({
      date: new Date((firstDay + index) * 86_400_000).toISOString().slice(0, 10),
      sent: 0,
      received: receivedByDay.get(firstDay + index) ?? 0,
      inbox: 0,
      spam: 0,
      missing: 0,
      rescued: 0,
      replied: 0,
      placementRate: null as number | null,
    }));
    for (const row of sent) {
      const day = series[zonedDayNumber(row.sentAt!, timezone) - firstDay];
      if (!day) continue;
      day.sent += 1;
      if (row.placement) day[row.placement] += 1;
      if (row.rescuedAt) day.rescued += 1;
      if (row.repliedAt) day.replied += 1;
    }
    for (const day of series) day.placementRate = placementRate(day);
    const lastWeek = series
      .slice(-PLACEMENT_WINDOW_DAYS)
      .reduce((sum, day) => ({ inbox: sum.inbox + day.inbox, spam: sum.spam + day.spam, missing: sum.missing + day.missing }), {
        inbox: 0,
        spam: 0,
        missing: 0,
      });
    return { timezone, days: series, placementRate7d: placementRate(lastWeek) };
  }

  /** Received from this organization's mailboxes: rows another organization sent (instance pool) stay in its scope. */
  private async receivedByDay(auth: Pick<AuthContext, 'db'>, mailboxId: string, from: Date, timezone: string) {
    const byDay = new Map<number, number>();
    const rows = await auth.db.warmupMessage.findMany({
      where: { recipientMailboxId: mailboxId, status: 'sent', sentAt: { gte: from } },
      select: { sentAt: true },
    });
    for (const row of rows) {
      const day = zonedDayNumber(row.sentAt!, timezone);
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    return byDay;
  }
}

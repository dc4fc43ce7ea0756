import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { zonedDayBounds, zonedDayNumber } from './zonedDay.js';

export interface DailyUsage {
  timezone: string;
  days: Array<{ date: string; sent: number }>;
}

/** `YYYY-MM-DD` of a local day number (days since 1970-01-01 in the zone). */
const dayLabel = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * Messages sent per local calendar day over the last `days` days, today included, oldest first: the same
 * day and the same count (campaign sends, inbox replies and warm-up messages: one daily budget) as `sentToday`
 * in the mailbox's capacity.
 */
export async function mailboxDailyUsage(
  db: ScopedDb,
  mailbox: { id: string; timezone: string },
  now: Date,
  days: number,
): Promise<DailyUsage> {
  const { timezone } = mailbox;
  // Walk back day by day: a fixed 24 h step would skip or repeat a day across a DST change.
  let from = zonedDayBounds(now, timezone).start;
  for (let day = 1; day < days; day += 1) from = zonedDayBounds(new Date(from.getTime() - 1), timezone).start;
  const [campaignSends, inboxReplies, warmupSends] = await Promise.all([
    db.message.findMany({ where: { mailboxId: mailbox.id, status: 'sent', sentAt: { gte: from } }, select: { sentAt: true } }),
    db.inboxMessage.findMany({
      where: { mailboxId: mailbox.id, direction: 'outbound', status: 'sent', sentAt: { gte: from } },
      select: { sentAt: true },
    }),
    db.warmupMessage.findMany({ where: { senderMailboxId: mailbox.id, status: 'sent', sentAt: { gte: from } }, select: { sentAt: true } }),
  ]);
  const firstDay = zonedDayNumber(from, timezone);
  const sent = new Array<number>(days).fill(0);
  for (const { sentAt } of [...campaignSends, ...inboxReplies, ...warmupSends]) {
    if (!sentAt) continue;
    const index = zonedDayNumber(sentAt, timezone) - firstDay;
    if (index >= 0 && index < days) sent[index]! += 1;
  }
  return { timezone, days: sent.map((count, index) => ({ date: dayLabel(firstDay + index), sent: count })) };
}

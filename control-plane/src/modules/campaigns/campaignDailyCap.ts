import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { zonedDayBounds } from '../mailboxes/limits/zonedDay.js';

/** The campaign's daily cap counts its calendar day in the campaign's zone, in-flight claims included. */
export async function campaignUsedToday(db: ScopedDb, campaignId: string, timeZone: string, now: Date): Promise<number> {
  const { start, end } = zonedDayBounds(now, timeZone);
  return db.message.count({
    where: { campaignId, OR: [{ status: 'sent', sentAt: { gte: start, lt: end } }, { status: 'claimed' }] },
  });
}

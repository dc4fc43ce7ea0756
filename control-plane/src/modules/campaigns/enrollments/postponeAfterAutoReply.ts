import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { campaignSettings } from '../campaignSettings.js';
import { waitingMessage } from '../messageStates.js';

const DAY_MS = 86_400_000;

/**
 * An out-of-office says the lead is away: when the campaign asks for it (`autoReplyDelayDays`), the
 * lead's next step waits that many days from now. A step already planned later keeps its time, and a
 * leased send is in flight and is not touched. Runs inside the event's transaction, once per event.
 */
export async function postponeAfterAutoReply(db: ScopedDb, enrollmentId: string, now: Date): Promise<{ postponedMessages: number }> {
  const enrollment = await db.enrollment.findUnique({
    where: { id: enrollmentId },
    select: { state: true, campaign: { select: { settings: true } } },
  });
  const days = enrollment ? campaignSettings(enrollment.campaign.settings).autoReplyDelayDays : null;
  if (!enrollment || enrollment.state !== 'active' || !days) return { postponedMessages: 0 };
  const until = new Date(now.getTime() + days * DAY_MS);
  const postponed = await db.message.updateMany({
    where: { enrollmentId, ...waitingMessage, dueAt: { lt: until } },
    data: { dueAt: until },
  });
  await db.enrollment.updateMany({ where: { id: enrollmentId, nextDueAt: { lt: until } }, data: { nextDueAt: until } });
  return { postponedMessages: postponed.count };
}

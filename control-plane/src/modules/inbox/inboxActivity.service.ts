import type { ScopedDb } from '../../lib/db/tenantScope.js';
import type { InboxSummary } from './inboxActivity.schemas.js';

/** The inbox's counts and when anything in it last changed: what the page's badge shows and its live stream compares. */
export async function inboxSummary(db: ScopedDb): Promise<InboxSummary> {
  const [threads, unreadThreads, threadChange, messageChange] = await Promise.all([
    db.inboxThread.count(),
    db.inboxThread.count({ where: { unread: true } }),
    db.inboxThread.aggregate({ _max: { updatedAt: true } }),
    db.inboxMessage.aggregate({ _max: { updatedAt: true } }),
  ]);
  const changes = [threadChange._max.updatedAt, messageChange._max.updatedAt].filter((at): at is Date => at !== null);
  const changedAt = changes.length === 0 ? null : new Date(Math.max(...changes.map((at) => at.getTime())));
  return { threads, unreadThreads, changedAt: changedAt?.toISOString() ?? null };
}

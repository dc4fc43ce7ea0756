import type { ScopedDb } from '../../lib/db/tenantScope.js';

/** The first four things a new organization does, each read from what exists. */
export async function gettingStarted(db: ScopedDb) {
  const [mailboxes, leads, campaigns, started] = await Promise.all([
    db.mailbox.count({ take: 1 }),
    db.lead.count({ take: 1 }),
    db.campaign.count({ take: 1 }),
    db.campaign.count({ where: { startedAt: { not: null } }, take: 1 }),
  ]);
  return { mailboxConnected: mailboxes > 0, leadsImported: leads > 0, campaignCreated: campaigns > 0, campaignStarted: started > 0 };
}

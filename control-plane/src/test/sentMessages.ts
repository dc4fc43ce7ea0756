import { expect } from 'vitest';
import type { ManualClock } from '../lib/clock.js';
import { scopedDb } from '../lib/db/tenantScope.js';
import { enrollLeads } from '../modules/campaigns/enrollments/enrollLeads.js';
import { seedCampaign } from './campaignFixtures.js';
import { callAsN8n } from './n8nCallbacks.js';
import type { TestApp } from './testApp.js';

export type ClaimedItem = Record<string, any>;

/** Claims a campaign's due sends through the signed callback, as the workflow does. */
export async function claimDue(t: TestApp, campaignId: string, batchSize = 100): Promise<ClaimedItem[]> {
  const response = await callAsN8n(t, '/api/internal/n8n/claims', { campaignId, batchSize });
  expect(response.status).toBe(200);
  return response.body.items;
}

/** The `sent` result the Send node reports for a claimed item sent from `mailboxId` (Message-ID `<ophir.<sendId>@ophir.example>`, Gmail-like thread per lead). */
export function sentResult(clock: ManualClock, item: ClaimedItem, mailboxId: string) {
  return {
    status: 'sent',
    sendId: item.sendId,
    attempt: item.attempt,
    eventId: `${item.sendId}:${item.attempt}:sent`,
    mailboxId,
    messageId: `<ophir.${item.sendId}@ophir.example>`,
    providerMessageId: `p-${item.sendId}`,
    threadId: `thread-${item.lead.id}`,
    sentAt: clock.now().toISOString(),
  };
}

/** Reports claimed items as sent, first steps spread over the pool's mailboxes in turn as a rotating Send node would. */
export async function reportSent(t: TestApp, clock: ManualClock, items: ClaimedItem[]) {
  const response = await callAsN8n(t, '/api/internal/n8n/events', {
    results: items.map((item, index) =>
      sentResult(clock, item, item.threading?.mailboxId ?? item.mailboxes[index % item.mailboxes.length].id),
    ),
  });
  expect(response.status).toBe(200);
  return response.body as { applied: number; duplicates: number; stale: number; unknown: number };
}

/**
 * A seeded, enrolled campaign whose first step was claimed and reported sent: the state every
 * tracking, inbound and stats test starts from.
 */
export async function campaignWithFirstStepSent(
  t: TestApp,
  clock: ManualClock,
  options: Parameters<typeof seedCampaign>[1] & {
    campaign?: { trackOpens?: boolean; trackClicks?: boolean; stopOnReply?: boolean; settings?: object; timezone?: string };
    bodyHtml?: string;
  },
) {
  const seeded = await seedCampaign(t.prisma, options);
  if (options.campaign) await t.prisma.campaign.update({ where: { id: seeded.campaign.id }, data: options.campaign });
  if (options.bodyHtml)
    await t.prisma.stepVariant.updateMany({
      where: { step: { campaignId: seeded.campaign.id, position: 0 } },
      data: { bodyHtml: options.bodyHtml },
    });
  await enrollLeads(scopedDb(t.prisma, options.organizationId), {
    organizationId: options.organizationId,
    campaignId: seeded.campaign.id,
    leadIds: seeded.leadIds,
    now: clock.now(),
  });
  const items = await claimDue(t, seeded.campaign.id);
  expect(items).toHaveLength(options.leads);
  expect((await reportSent(t, clock, items)).applied).toBe(options.leads);
  return { ...seeded, items };
}

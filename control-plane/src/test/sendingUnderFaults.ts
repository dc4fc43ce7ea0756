// The campaign the fault-injection tests break things under (n8n or a worker killed mid-batch, Redis
// stopped): Gmail mailboxes with no caps or gaps, slow sends that keep a batch in flight, and the one check
// that matters afterwards — every lead received exactly one message, recorded once.
import { expect } from 'vitest';
import type { PrismaClient } from '../lib/db/prisma.js';
import { startSendingCampaign } from './campaignFixtures.js';
import type { FakeGoogle } from './fakes/fakeGoogle.js';
import { connectOAuthMailbox } from './mailboxFlows.js';
import type { TestApp } from './testApp.js';

export interface FaultScene {
  http: TestApp['http'];
  prisma: PrismaClient;
  google: FakeGoogle;
  auth: { Authorization: string };
  organizationId: string;
  /** The Gmail addresses connected as the campaign's mailboxes. */
  senders: readonly string[];
}

export interface CampaignUnderFault {
  campaignId: string;
  tag: string;
  leads: number;
  /** Asks the campaign's workflow to run now (a tick), without waiting for it. */
  runNow(): Promise<void>;
  /** Messages Gmail received per lead. */
  deliveries(): Map<string, number>;
}

/** Connects the senders and starts a campaign to `leads` leads whose sends each take `sendLatencyMs` at Gmail. */
export async function startCampaignUnderFault(
  scene: FaultScene,
  options: { name: string; leads: number; sendLatencyMs: number; now?: Date },
): Promise<CampaignUnderFault> {
  const mailboxIds: string[] = [];
  for (const email of scene.senders) {
    scene.google.nextConsent({ email });
    mailboxIds.push((await connectOAuthMailbox(scene, scene.auth, 'gmail')).mailboxId!);
  }
  await scene.prisma.mailbox.updateMany({
    where: { id: { in: mailboxIds } },
    data: { dailyCap: 10_000, rampEnabled: false, minGapSeconds: 0, gapJitterSeconds: 0 },
  });
  scene.google.setLatency('gmail.send', options.sendLatencyMs);
  const { campaignId, tag } = await startSendingCampaign({
    http: scene.http,
    prisma: scene.prisma,
    auth: scene.auth,
    organizationId: scene.organizationId,
    mailboxIds,
    leads: options.leads,
    name: options.name,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    campaignId,
    tag,
    leads: options.leads,
    runNow: async () => {
      expect((await scene.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(scene.auth)).status).toBe(202);
    },
    deliveries: () => scene.google.deliveriesPerRecipient(scene.senders, tag),
  };
}

/** Every lead received exactly one message, each recorded as sent with one sent event; `retried` sends were flagged. */
export async function expectEachLeadSentOnce(
  scene: FaultScene,
  campaign: CampaignUnderFault,
  options: { retried: boolean },
): Promise<void> {
  const delivered = campaign.deliveries();
  expect(delivered.size).toBe(campaign.leads);
  expect([...delivered.values()].every((count) => count === 1)).toBe(true);
  const { campaignId } = campaign;
  expect(await scene.prisma.message.count({ where: { campaignId, status: 'sent' } })).toBe(campaign.leads);
  expect(await scene.prisma.event.count({ where: { campaignId, type: 'sent' } })).toBe(campaign.leads);
  const retried = await scene.prisma.message.findMany({ where: { campaignId, attempt: { gt: 1 } } });
  if (options.retried) expect(retried.length).toBeGreaterThan(0);
  expect(retried.every((message) => message.mayHaveBeenSent)).toBe(true);
}

// Integration, fault injection: the real n8n (our nodes loaded) is killed with SIGKILL in the middle of
// a batch and restarted. Real PostgreSQL, the control plane on a real port, fake Gmail on 127.0.0.1.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { descendantPids, killQuietly } from '../../../runtime/n8n/processTree.js';
import { startSendingCampaign } from '../../../test/campaignFixtures.js';
import { FakeGoogle } from '../../../test/fakes/fakeGoogle.js';
import { createListeningTestApp } from '../../../test/listeningApp.js';
import { connectOAuthMailbox } from '../../../test/mailboxFlows.js';
import { n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from '../../../test/realN8n.js';
import { signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { n8nApiKeyName } from '../../platform/platformSecrets.js';
import { until } from '../../../test/until.js';

const leads = 120;
const leaseSeconds = 120;
const clock = new ManualClock(new Date());
const google = new FakeGoogle();
const senders = ['crash.a@gmail.example', 'crash.b@gmail.example'];
let n8n: TestN8n;
let t: TestApp & { url: string };
let owner: SignedUp;

const deliveries = (tag: string) => google.deliveriesPerRecipient(senders, tag);

describe.skipIf(!n8nProvisioned)(n8nSuite('n8n killed mid-batch'), () => {
  beforeAll(async () => {
    await google.start();
    n8n = await startTestN8n();
    t = await createListeningTestApp({
      clock,
      env: { ...google.env(), N8N_URL: n8n.url, N8N_CLAIM_BATCH_SIZE: String(leads), CLAIM_LEASE_SECONDS: String(leaseSeconds) },
    });
    await t.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
    owner = await signUp(t.http);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await n8n?.stop();
    await google.stop();
  }, 60_000);

  it('sends every message exactly once after a crash between sending and reporting', async () => {
    const mailboxIds: string[] = [];
    for (const email of senders) {
      google.nextConsent({ email });
      mailboxIds.push((await connectOAuthMailbox(t, owner.auth, 'gmail')).mailboxId!);
    }
    await t.prisma.mailbox.updateMany({
      where: { id: { in: mailboxIds } },
      data: { dailyCap: 10_000, rampEnabled: false, minGapSeconds: 0, gapJitterSeconds: 0 },
    });
    // Slow sends keep the batch in flight long enough to kill n8n in the middle of it.
    google.setLatency('gmail.send', 40);
    const { campaignId, tag } = await startSendingCampaign({
      http: t.http,
      prisma: t.prisma,
      auth: owner.auth,
      organizationId: owner.organization.id,
      mailboxIds,
      leads,
      name: 'Crash test',
      now: clock.now(),
    });

    expect((await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
    await until('a third of the batch to reach Gmail', () => deliveries(tag).size >= leads / 3, 60_000);
    for (const pid of [...descendantPids(n8n.process.process.pid!), n8n.process.process.pid!]) killQuietly(pid, 'SIGKILL');
    await n8n.process.exited;
    const beforeCrash = deliveries(tag).size;
    expect(beforeCrash).toBeLessThan(leads);
    expect(await t.prisma.message.count({ where: { campaignId, status: 'sent' } })).toBe(0);

    google.setLatency('gmail.send', 0);
    await n8n.restart();
    // Nothing comes back before its lease ends: the dead execution might still have been sending.
    expect((await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
    await sleep(1000);
    expect(deliveries(tag).size).toBe(beforeCrash);

    clock.advance((leaseSeconds + 1) * 1000);
    await until(
      'every message sent',
      async () => {
        await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth);
        await sleep(300);
        return (await t.prisma.message.count({ where: { campaignId, status: 'sent' } })) === leads;
      },
      60_000,
    );

    const delivered = deliveries(tag);
    expect(delivered.size).toBe(leads);
    expect([...delivered.values()].every((count) => count === 1)).toBe(true);
    const retried = await t.prisma.message.findMany({ where: { campaignId, attempt: { gt: 1 } } });
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((message) => message.mayHaveBeenSent)).toBe(true);
    expect(await t.prisma.event.count({ where: { campaignId, type: 'sent' } })).toBe(leads);
  }, 240_000);
});

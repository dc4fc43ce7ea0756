// Integration, fault injection: the real n8n (our nodes loaded) is killed with SIGKILL in the middle of
// a batch and restarted. Real PostgreSQL, the control plane on a real port, fake Gmail on 127.0.0.1.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { descendantPids, killQuietly } from '../../../runtime/n8n/processTree.js';
import { FakeGoogle } from '../../../test/fakes/fakeGoogle.js';
import { createListeningTestApp } from '../../../test/listeningApp.js';
import { expectEachLeadSentOnce, startCampaignUnderFault } from '../../../test/sendingUnderFaults.js';
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
    const scene = { ...t, google, auth: owner.auth, organizationId: owner.organization.id, senders };
    // Slow sends keep the batch in flight long enough to kill n8n in the middle of it.
    const campaign = await startCampaignUnderFault(scene, { name: 'Crash test', leads, sendLatencyMs: 40, now: clock.now() });
    const { campaignId } = campaign;

    await campaign.runNow();
    await until('a third of the batch to reach Gmail', () => campaign.deliveries().size >= leads / 3, 60_000);
    for (const pid of [...descendantPids(n8n.process.process.pid!), n8n.process.process.pid!]) killQuietly(pid, 'SIGKILL');
    await n8n.process.exited;
    const beforeCrash = campaign.deliveries().size;
    expect(beforeCrash).toBeLessThan(leads);
    expect(await t.prisma.message.count({ where: { campaignId, status: 'sent' } })).toBe(0);

    google.setLatency('gmail.send', 0);
    await n8n.restart();
    // Nothing comes back before its lease ends: the dead execution might still have been sending.
    await campaign.runNow();
    await sleep(1000);
    expect(campaign.deliveries().size).toBe(beforeCrash);

    clock.advance((leaseSeconds + 1) * 1000);
    await until(
      'every message sent',
      async () => {
        await campaign.runNow();
        await sleep(300);
        return (await t.prisma.message.count({ where: { campaignId, status: 'sent' } })) === leads;
      },
      60_000,
    );
    await expectEachLeadSentOnce(scene, campaign, { retried: true });
  }, 240_000);
});

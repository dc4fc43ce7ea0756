// Integration: a sandbox campaign on the real stack (provisioned n8n with our nodes, the control plane on
// a real port, real PostgreSQL). Simulated replies, bounces and out-of-office messages are read by the
// organization's inbox watcher in n8n and classified by Inbox Watch exactly as real mail would be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { seedCampaign } from '../../../test/campaignFixtures.js';
import { createListeningTestApp } from '../../../test/listeningApp.js';
import { n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from '../../../test/realN8n.js';
import { signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { until } from '../../../test/until.js';
import { enrollLeads } from '../../campaigns/enrollments/enrollLeads.js';
import { n8nApiKeyName } from '../../platform/platformSecrets.js';

let n8n: TestN8n;
let t: TestApp & { url: string };
let owner: SignedUp;

describe.skipIf(!n8nProvisioned)(n8nSuite('simulated mail in a sandbox mailbox on the real stack'), () => {
  beforeAll(async () => {
    n8n = await startTestN8n();
    t = await createListeningTestApp({ env: { N8N_URL: n8n.url, N8N_POLL_MINUTES: '60' } });
    await t.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
    owner = await signUp(t.http);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await n8n?.stop();
  }, 60_000);

  it('a reply stops that lead and shows in the unified inbox, an out-of-office does not stop, a bounce suppresses the address', async () => {
    const organizationId = owner.organization.id;
    const seeded = await seedCampaign(t.prisma, { organizationId, leads: 3, status: 'draft' });
    await enrollLeads(scopedDb(t.prisma, organizationId), {
      organizationId,
      campaignId: seeded.campaign.id,
      leadIds: seeded.leadIds,
      now: new Date(),
    });
    const campaignId = seeded.campaign.id;
    const mailboxId = seeded.mailboxes[0]!.id;
    expect((await t.http.post(`/api/campaigns/${campaignId}/start`).set(owner.auth)).status).toBe(200);
    expect((await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
    await until(
      'the three first steps sent',
      async () => (await t.prisma.message.count({ where: { campaignId, status: 'sent' } })) === 3,
      60_000,
    );

    const captured = (await t.http.get(`/api/mailboxes/${mailboxId}/sandbox-messages`).set(owner.auth)).body.data as Array<{
      id: string;
      to: string;
    }>;
    const leads = await t.prisma.lead.findMany({ where: { id: { in: seeded.leadIds } } });
    const captureOf = (leadId: string) => captured.find((message) => message.to.includes(leads.find((lead) => lead.id === leadId)!.email))!;
    const [replier, away, gone] = seeded.leadIds as [string, string, string];
    const enrollmentOf = (leadId: string) => t.prisma.enrollment.findFirstOrThrow({ where: { campaignId, leadId } });
    const simulate = (leadId: string, body: object) =>
      t.http
        .post(`/api/mailboxes/${mailboxId}/sandbox-messages/${captureOf(leadId).id}/simulate`)
        .set(owner.auth)
        .send(body);

    const reply = await simulate(replier, { kind: 'reply', bodyText: 'Interested, call me on Thursday.' });
    expect(reply.status, reply.text).toBe(202);
    expect(reply.body.watch).toMatchObject({ started: true });
    const stopped = await until('the reply stopped the lead', async () => {
      const enrollment = await enrollmentOf(replier);
      return enrollment.state === 'stopped' && enrollment;
    });
    expect(stopped.stopReason).toBe('replied');
    expect(await t.prisma.message.findFirst({ where: { enrollmentId: stopped.id, stepPosition: 1 } })).toMatchObject({
      status: 'cancelled',
    });
    const threads = (await t.http.get(`/api/inbox/threads?campaignId=${campaignId}`).set(owner.auth)).body.data;
    expect(threads).toEqual([
      expect.objectContaining({
        lead: expect.objectContaining({ id: replier }),
        snippet: 'Interested, call me on Thursday.',
        unread: true,
        label: null,
      }),
    ]);
    const thread = (await t.http.get(`/api/inbox/threads/${threads[0].id}`).set(owner.auth)).body;
    expect(thread.messages.map((message: { kind: string }) => message.kind)).toEqual(['campaign', 'reply']);

    expect((await simulate(away, { kind: 'out_of_office' })).status).toBe(202);
    await until(
      'the out-of-office filed',
      async () => (await t.prisma.event.count({ where: { campaignId, leadId: away, type: 'auto_replied' } })) === 1,
    );
    expect(await enrollmentOf(away)).toMatchObject({ state: 'active', stopReason: null });
    const awayThread = (await t.http.get(`/api/inbox/threads?campaignId=${campaignId}&label=out_of_office`).set(owner.auth)).body.data;
    expect(awayThread).toEqual([expect.objectContaining({ lead: expect.objectContaining({ id: away }), labelSuggested: true })]);

    expect((await simulate(gone, { kind: 'bounce' })).status).toBe(202);
    await until(
      'the bounce recorded',
      async () => (await t.prisma.event.count({ where: { campaignId, leadId: gone, type: 'bounced' } })) === 1,
    );
    expect(await enrollmentOf(gone)).toMatchObject({ state: 'stopped', stopReason: 'bounced' });
    const goneEmail = leads.find((lead) => lead.id === gone)!.email;
    expect(
      await t.prisma.suppression.count({ where: { organizationId, kind: 'email', value: goneEmail.toLowerCase(), reason: 'bounced' } }),
    ).toBe(1);

    const stats = (await t.http.get(`/api/campaigns/${campaignId}/stats`).set(owner.auth)).body;
    expect(stats.totals).toMatchObject({ sent: 3, replied: 1, autoReplied: 1, bounced: 1 });
    // The bounce is a thread of its own in the mailbox, never a conversation in the inbox.
    expect((await t.http.get('/api/inbox/threads').set(owner.auth)).body.data).toHaveLength(2);
  });
});

// On the real stack: PostgreSQL, the control plane on a real port, the provisioned n8n running the
// campaign-sender workflow with our nodes, sandbox mailboxes (the Send node hands each message to the
// control plane, which captures it). A 2-step campaign sends step 1; then one lead's address, another's
// domain and a third lead (through a suppression CSV) are suppressed; the clock moves past step 2's
// delay: none of them gets step 2, everyone else does.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { N8nClient } from '../../../lib/n8n/n8nClient.js';
import { createListeningTestApp } from '../../../test/listeningApp.js';
import { n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from '../../../test/realN8n.js';
import { signUp, type TestApp } from '../../../test/testApp.js';
import { n8nApiKeyName } from '../../platform/platformSecrets.js';

const clock = new ManualClock(new Date('2026-12-01T09:00:00Z'));
const dayMs = 86_400_000;
let n8n: TestN8n;
let n8nApi: N8nClient;
let t: TestApp & { url: string };

const leads = [
  'address.suppressed@alpha.example',
  'domain.suppressed@beta.example',
  'colleague.at.domain@beta.example',
  'csv.suppressed@gamma.example',
  'keeps.going@alpha.example',
  'keeps.going@delta.example',
  'keeps.going@epsilon.example',
];
const stopped = leads.slice(0, 4);
const continuing = leads.slice(4);

describe.skipIf(!n8nProvisioned)(n8nSuite('a suppression added after step 1 stops the sequence'), () => {
  beforeAll(async () => {
    n8n = await startTestN8n();
    n8nApi = new N8nClient({ baseUrl: n8n.url, apiKey: n8n.apiKey, attempts: 2 });
    t = await createListeningTestApp({ clock, env: { N8N_URL: n8n.url, N8N_CLAIM_BATCH_SIZE: '100', N8N_POLL_MINUTES: '60' } });
    await t.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await n8n?.stop();
  }, 60_000);

  it('none of the three suppressed leads gets step 2; everyone else does', async () => {
    const signedUp = await signUp(t.http);
    // Access tokens expire on the moving clock; an API key does not.
    const key = await t.http.post('/api/api-keys').set(signedUp.auth).send({ name: 'suppression test', role: 'admin' });
    const auth = { Authorization: `Bearer ${key.body.key}` };

    const mailboxIds: string[] = [];
    for (const email of ['one.sender@ophir.example', 'two.sender@ophir.example']) {
      const mailbox = await t.http.post('/api/mailboxes/sandbox').set(auth).send({ email });
      expect(mailbox.status).toBe(201);
      const limits = await t.http
        .patch(`/api/mailboxes/${mailbox.body.id}`)
        .set(auth)
        .send({ dailyCap: 100, rampEnabled: false, minGapSeconds: 0, gapJitterSeconds: 0 });
      expect(limits.status).toBe(200);
      mailboxIds.push(mailbox.body.id);
    }
    const leadIds: string[] = [];
    for (const email of leads) {
      const lead = await t.http
        .post('/api/leads')
        .set(auth)
        .send({ email, firstName: email.split('.')[0] });
      expect(lead.status).toBe(201);
      leadIds.push(lead.body.id);
    }
    const campaign = await t.http
      .post('/api/campaigns')
      .set(auth)
      .send({
        name: 'Suppression after enrolment',
        timezone: 'UTC',
        mailboxIds,
        schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00', useLeadTimezone: false },
      });
    const campaignId = campaign.body.id as string;
    const sequence = await t.http
      .put(`/api/campaigns/${campaignId}/sequence`)
      .set(auth)
      .send({
        steps: [
          {
            delayAmount: 0,
            delayUnit: 'days',
            variants: [{ label: 'A', subject: 'Hello {{lead.firstName}}', bodyText: 'A question.\n\n{{unsubscribeUrl}}' }],
          },
          { delayAmount: 2, delayUnit: 'days', variants: [{ label: 'A', bodyText: 'Following up.\n\n{{unsubscribeUrl}}' }] },
        ],
      });
    expect(sequence.status).toBe(200);
    expect((await t.http.post(`/api/campaigns/${campaignId}/enrollments`).set(auth).send({ leadIds })).body.enrolled).toBe(leads.length);
    const started = await t.http.post(`/api/campaigns/${campaignId}/start`).set(auth);
    expect(started.body.deployment.status).toBe('active');
    const workflowId = started.body.deployment.n8nWorkflowId as string;

    let lastExecution = 0;
    // One run at a time, each finished and reported before anything else happens.
    const runOnce = async () => {
      expect((await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(auth)).status).toBe(202);
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(50)) {
        const [latest] = await n8nApi.listExecutions({ workflowId, limit: 1 });
        if (latest && Number(latest.id) > lastExecution && latest.stoppedAt) {
          lastExecution = Number(latest.id);
          if ((await t.prisma.sendLease.count({ where: { campaignId } })) === 0) return;
        }
      }
      throw new Error('the workflow run did not finish');
    };
    const captured = async () => {
      const rows = await t.prisma.sandboxMessage.findMany({ where: { mailboxId: { in: mailboxIds } }, select: { toAddress: true } });
      const perLead = new Map<string, number>();
      for (const row of rows) perLead.set(row.toAddress.toLowerCase(), (perLead.get(row.toAddress.toLowerCase()) ?? 0) + 1);
      return perLead;
    };
    const sentSteps = (stepPosition: number) => t.prisma.message.count({ where: { campaignId, stepPosition, status: 'sent' } });

    for (let run = 0; run < 5 && (await sentSteps(0)) < leads.length; run += 1) await runOnce();
    expect(await sentSteps(0)).toBe(leads.length);
    expect(await captured()).toEqual(new Map(leads.map((email) => [email, 1])));

    // After step 1: an address by hand, a whole domain by hand, and an address through a suppression CSV.
    expect((await t.http.post('/api/suppressions').set(auth).send({ kind: 'email', value: stopped[0], reason: 'manual' })).status).toBe(
      201,
    );
    expect(
      (await t.http.post('/api/suppressions').set(auth).send({ kind: 'domain', value: 'beta.example', reason: 'manual' })).status,
    ).toBe(201);
    const imported = await t.http
      .post('/api/suppressions/import')
      .set(auth)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(`email,reason\n${stopped[3]},unsubscribed\n`));
    expect(imported.body).toMatchObject({ added: 1, rejected: 0 });

    clock.advance(3 * dayMs);
    for (let run = 0; run < 5 && (await sentSteps(1)) < continuing.length; run += 1) await runOnce();
    // One more run: nothing is left for anyone.
    await runOnce();

    expect(await captured()).toEqual(
      new Map([...stopped.map((email) => [email, 1] as const), ...continuing.map((email) => [email, 2] as const)]),
    );
    expect(await sentSteps(1)).toBe(continuing.length);
    const enrollments = await t.prisma.enrollment.findMany({ where: { campaignId }, include: { lead: { select: { email: true } } } });
    for (const enrollment of enrollments) {
      expect(enrollment.state).toBe(stopped.includes(enrollment.lead.email) ? 'stopped' : 'completed');
    }
    const stats = await t.http.get(`/api/campaigns/${campaignId}/stats`).set(auth);
    expect(stats.body.totals).toMatchObject({ sent: leads.length + continuing.length, cancelled: stopped.length });
  }, 300_000);
});

// On the real stack: the control plane on a real port delivering webhooks, the provisioned n8n with our nodes running
// the campaign-sender, the inbox watcher and a workflow that starts with the Ophir Trigger. A lead answers at a
// sandbox mailbox; the trigger's workflow must run with lead.replied, and lose its subscription when deactivated.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8nClient } from '../../lib/n8n/n8nClient.js';
import type { N8nWorkflowBody } from '../../lib/n8n/n8nWorkflow.js';
import { repoRoot } from '../../lib/paths.js';
import { createListeningTestApp } from '../../test/listeningApp.js';
import { n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from '../../test/realN8n.js';
import { signUp, type TestApp } from '../../test/testApp.js';
import { until } from '../../test/until.js';
import { n8nApiKeyName } from '../platform/platformSecrets.js';

describe.skipIf(!n8nProvisioned)(n8nSuite('the Ophir Trigger node'), () => {
  let n8n: TestN8n;
  let n8nApi: N8nClient;
  let t: TestApp & { url: string };
  let auth: { Authorization: string };
  let apiKey: string;
  let credential: { id: string; name: string } | undefined;
  const ophirCredential = async () =>
    (credential ??= await n8nApi.createCredential({ name: 'Ophir API', type: 'ophirApi', data: { baseUrl: t.url, apiKey } }));

  beforeAll(async () => {
    n8n = await startTestN8n();
    n8nApi = new N8nClient({ baseUrl: n8n.url, apiKey: n8n.apiKey, attempts: 2 });
    t = await createListeningTestApp({ env: { N8N_URL: n8n.url } });
    await t.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
    t.app.webhookDeliveries.start();
    const owner = await signUp(t.http);
    const key = await t.http.post('/api/api-keys').set(owner.auth).send({ name: 'n8n trigger', role: 'admin' }).expect(201);
    apiKey = key.body.key as string;
    auth = { Authorization: `Bearer ${apiKey}` };
    // n8n is on this host: its webhook URL is plain http.
    await t.http.put('/api/webhooks/settings').set(auth).send({ allowHttp: true }).expect(200);
  }, 180_000);

  afterAll(async () => {
    await t?.app.webhookDeliveries.stop();
    await t?.close();
    await n8n?.stop();
  }, 60_000);

  /** A sandbox campaign that has sent its first step to one lead: the message the lead will answer. */
  async function sentMessage(name: string) {
    const mailbox = await t.http
      .post('/api/mailboxes/sandbox')
      .set(auth)
      .send({ email: `${name}@acme.example` })
      .expect(201);
    const lead = await t.http
      .post('/api/leads')
      .set(auth)
      .send({ email: `${name}@prospect.example`, firstName: name })
      .expect(201);
    const campaign = await t.http
      .post('/api/campaigns')
      .set(auth)
      .send({
        name: `Trigger ${name}`,
        mailboxIds: [mailbox.body.id],
        schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' },
      })
      .expect(201);
    await t.http
      .put(`/api/campaigns/${campaign.body.id}/sequence`)
      .set(auth)
      .send({
        steps: [{ delayAmount: 0, delayUnit: 'days', variants: [{ label: 'A', subject: 'Hello', bodyText: 'Hi.\n\n{{unsubscribeUrl}}' }] }],
      })
      .expect(200);
    await t.http
      .post(`/api/campaigns/${campaign.body.id}/enrollments`)
      .set(auth)
      .send({ leadIds: [lead.body.id] })
      .expect(200);
    await t.http.post(`/api/campaigns/${campaign.body.id}/start`).set(auth).expect(200);
    const run = await t.http.post(`/api/campaigns/${campaign.body.id}/run-now`).set(auth);
    expect(run.body, run.text).toMatchObject({ finished: true, sent: 1 });
    const captured = await t.http.get(`/api/mailboxes/${mailbox.body.id}/sandbox-messages`).set(auth).expect(200);
    return { mailboxId: mailbox.body.id as string, messageId: captured.body.data[0].id as string, leadId: lead.body.id as string };
  }

  const simulateReply = (sent: { mailboxId: string; messageId: string }) =>
    t.http
      .post(`/api/mailboxes/${sent.mailboxId}/sandbox-messages/${sent.messageId}/simulate`)
      .set(auth)
      .send({ kind: 'reply', bodyText: 'Interested, call me on Thursday.' })
      .expect((response) => expect(response.status).toBeLessThan(300));

  it('receives lead.replied when a lead replies, and its subscription is gone after deactivation', async () => {
    const sent = await sentMessage('grace');
    const { id, name } = await ophirCredential();
    const workflow = await n8nApi.createWorkflow({
      name: 'CRM sync',
      nodes: [
        {
          id: randomUUID(),
          name: 'Ophir Trigger',
          type: 'CUSTOM.ophirTrigger',
          typeVersion: 1,
          position: [0, 0],
          webhookId: randomUUID(),
          parameters: { events: ['lead.replied'], campaignId: '' },
          credentials: { ophirApi: { id, name } },
        },
      ],
      connections: {},
      settings: { executionOrder: 'v1' },
    });
    await n8nApi.activateWorkflow(workflow.id);
    const subscribed = await t.http.get('/api/webhooks/endpoints').set(auth).expect(200);
    expect(subscribed.body.data).toEqual([
      expect.objectContaining({ eventTypes: ['lead.replied'], enabled: true, url: expect.stringContaining(n8n.url) }),
    ]);

    await simulateReply(sent);
    const execution = await until(
      'the trigger workflow to run',
      async () => {
        const [latest] = await n8nApi.listExecutions({ workflowId: workflow.id, limit: 1 });
        return latest?.stoppedAt ? latest : undefined;
      },
      15_000,
    );
    const detail = (await n8nApi.getExecution(execution.id, true)) as {
      status: string;
      data: { resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, any> }>> } }>> } };
    };
    expect(detail.status).toBe('success');
    const items = detail.data.resultData.runData['Ophir Trigger']![0]!.data.main[0]!;
    expect(items).toHaveLength(1);
    expect(items[0]!.json).toMatchObject({ type: 'lead.replied', data: { leadId: sent.leadId, version: 1 } });

    await n8nApi.deactivateWorkflow(workflow.id);
    expect((await t.http.get('/api/webhooks/endpoints').set(auth).expect(200)).body.data).toEqual([]);
  }, 240_000);

  it('runs the CRM sync example: a thread labelled interested becomes one deal, a reply on an unlabelled thread none', async () => {
    const crm = await startCrm();
    try {
      const sent = await sentMessage('alan');
      const example = JSON.parse(
        readFileSync(path.join(repoRoot, 'workflow-templates/examples/crm-sync-interested-reply.json'), 'utf8'),
      ) as N8nWorkflowBody;
      const { id, name } = await ophirCredential();
      const nodes = example.nodes.map((node) => ({
        ...node,
        type: node.type.replace('n8n-nodes-ophir.', 'CUSTOM.'),
        ...(node.credentials ? { credentials: { ophirApi: { id, name } } } : {}),
        ...(node.name === 'Create Deal in CRM' ? { parameters: { ...node.parameters, url: crm.url } } : {}),
      }));
      const workflow = await n8nApi.createWorkflow({ ...example, nodes });
      await n8nApi.activateWorkflow(workflow.id);

      await simulateReply(sent);
      const threads = await until('the reply in the inbox', async () => {
        const listed = await t.http.get('/api/inbox/threads').set(auth).expect(200);
        return (listed.body.data as Array<{ id: string; lead: { id: string } }>).find((thread) => thread.lead.id === sent.leadId);
      });
      await until(
        'the reply to run the workflow',
        async () => (await n8nApi.listExecutions({ workflowId: workflow.id, limit: 1 }))[0]?.stoppedAt,
      );
      expect(crm.received).toEqual([]);

      await t.http.patch(`/api/inbox/threads/${threads.id}`).set(auth).send({ label: 'interested' }).expect(200);
      await until('the deal', () => crm.received.length > 0, 15_000);
      expect(crm.received).toHaveLength(1);
      expect(crm.received[0]!.headers['idempotency-key']).toBe(sent.leadId);
      expect(JSON.parse(crm.received[0]!.body)).toMatchObject({
        event: 'inbox.thread_labelled',
        leadId: sent.leadId,
        threadId: threads.id,
      });
      await n8nApi.deactivateWorkflow(workflow.id);
    } finally {
      await crm.close();
    }
  }, 240_000);
});

/** A stand-in for a CRM's HTTP API: records what it is sent. */
async function startCrm() {
  const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"deal-1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/deals`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

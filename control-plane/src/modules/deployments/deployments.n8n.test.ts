// Integration: the real provisioned n8n (with our custom nodes loaded), the control plane listening on
// a real port for n8n's callbacks, and a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8nClient } from '../../lib/n8n/n8nClient.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { seedCampaign } from '../../test/campaignFixtures.js';
import { createListeningTestApp } from '../../test/listeningApp.js';
import { n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from '../../test/realN8n.js';
import { signUp, type SignedUp, type TestApp } from '../../test/testApp.js';
import { enrollLeads } from '../campaigns/enrollments/enrollLeads.js';
import { n8nApiKeyName } from '../platform/platformSecrets.js';
import { until } from '../../test/until.js';
import { webhookPaths } from './templates/validateWorkflow.js';
import { inboxWatcherTemplate, inboxWatcherTickPath } from './inboxWatcherWorkflow.js';

let n8n: TestN8n;
let t: TestApp & { url: string };
let owner: SignedUp;
let n8nApi: N8nClient;

async function campaignWithLeads(leads: number) {
  const seeded = await seedCampaign(t.prisma, { organizationId: owner.organization.id, leads, status: 'draft' });
  await enrollLeads(scopedDb(t.prisma, owner.organization.id), {
    organizationId: owner.organization.id,
    campaignId: seeded.campaign.id,
    leadIds: seeded.leadIds,
    now: new Date(),
  });
  return seeded;
}

const api = {
  start: (id: string) => t.http.post(`/api/campaigns/${id}/start`).set(owner.auth),
  pause: (id: string) => t.http.post(`/api/campaigns/${id}/pause`).set(owner.auth),
  resume: (id: string) => t.http.post(`/api/campaigns/${id}/resume`).set(owner.auth),
  archive: (id: string) => t.http.post(`/api/campaigns/${id}/archive`).set(owner.auth),
  deployment: (id: string) => t.http.get(`/api/deployments/${id}`).set(owner.auth),
};

describe.skipIf(!n8nProvisioned)(n8nSuite('campaign deployments on a real n8n'), () => {
  beforeAll(async () => {
    n8n = await startTestN8n();
    t = await createListeningTestApp({ env: { N8N_URL: n8n.url } });
    await t.app.platformSecrets.set(n8nApiKeyName, n8n.apiKey);
    owner = await signUp(t.http);
    n8nApi = new N8nClient({ baseUrl: n8n.url, apiKey: n8n.apiKey, attempts: 1 });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await n8n?.stop();
  }, 60_000);

  it('deploys a campaign, runs it on a tick: n8n claims, sends through the sandbox mailbox and reports back', async () => {
    const { campaign } = await campaignWithLeads(2);
    const started = await api.start(campaign.id);
    expect(started.status).toBe(200);
    expect(started.body.deployment).toMatchObject({ status: 'active', lastError: null });
    const workflow = await n8nApi.getWorkflow(started.body.deployment.n8nWorkflowId);
    expect(workflow).toMatchObject({ active: true });
    expect(workflow!.nodes.map((node) => node.type)).toEqual(expect.arrayContaining(['CUSTOM.claimDueSends', 'CUSTOM.ophirSendEmail']));

    expect((await t.http.post(`/api/campaigns/${campaign.id}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
    const events = await until('both sends reported', async () => {
      const rows = await t.prisma.event.findMany({ where: { campaignId: campaign.id, type: 'sent' } });
      return rows.length === 2 && rows;
    });
    expect(events).toHaveLength(2);
    const messages = await t.prisma.message.findMany({ where: { campaignId: campaign.id, stepPosition: 0 } });
    expect(messages.every((m) => m.status === 'sent' && m.messageIdHeader.startsWith('<ophir.'))).toBe(true);
    const captured = await t.prisma.sandboxMessage.findMany({ where: { mailbox: { campaigns: { some: { campaignId: campaign.id } } } } });
    expect(captured).toHaveLength(2);
    expect(captured[0]!.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);

    // n8n's Public API lists an execution only once it has finished, which is after its Report node has written the events.
    const detail = await until('the finished execution is listed', async () => {
      const response = await api.deployment(started.body.deployment.id);
      return response.body.recentExecutions.length > 0 && response;
    });
    expect(detail.body.editorUrl).toBe(`${n8n.url}/workflow/${started.body.deployment.n8nWorkflowId}`);
    expect(detail.body.recentExecutions[0]).toMatchObject({ status: 'success' });
  });

  it('pauses, resumes, updates in place and archives, with n8n following each step', async () => {
    const { campaign } = await campaignWithLeads(0);
    const workflowId = (await api.start(campaign.id)).body.deployment.n8nWorkflowId as string;
    expect((await api.pause(campaign.id)).body.deployment.status).toBe('paused');
    expect((await n8nApi.getWorkflow(workflowId))!.active).toBe(false);
    expect((await api.resume(campaign.id)).body.deployment.status).toBe('active');
    expect((await n8nApi.getWorkflow(workflowId))!.active).toBe(true);

    const renamed = await t.http
      .patch(`/api/campaigns/${campaign.id}`)
      .set(owner.auth)
      .send({ name: 'Renamed campaign', rotationStrategy: 'weighted' });
    expect(renamed.body.deployment).toMatchObject({ status: 'active', n8nWorkflowId: workflowId });
    const updated = (await n8nApi.getWorkflow(workflowId))!;
    expect(updated.name).toContain('Renamed campaign');
    expect(updated.nodes.find((node) => node.name === 'Mailbox Rotation')!.parameters.strategy).toBe('weighted');
    expect(updated.active).toBe(true);

    expect((await api.archive(campaign.id)).body.deployment.status).toBe('archived');
    expect(await n8nApi.getWorkflow(workflowId)).toBeUndefined();
  });

  it('detects an edit made in n8n as drift, shows the diff, and never overwrites it silently', async () => {
    const { campaign } = await campaignWithLeads(0);
    const deployment = (await api.start(campaign.id)).body.deployment;
    const workflow = (await n8nApi.getWorkflow(deployment.n8nWorkflowId))!;
    const gate = workflow.nodes.find((node) => node.name === 'Business Hours Gate')!;
    gate.parameters = { ...gate.parameters, scheduleSource: 'node', start: '10:00' };
    // An operator moving a node is not drift; changing a parameter is.
    workflow.nodes.find((node) => node.name === 'Send Email')!.position = [1111, 222];
    await n8nApi.updateWorkflow(workflow.id, {
      name: workflow.name,
      nodes: workflow.nodes,
      connections: workflow.connections,
      settings: { executionOrder: 'v1', timezone: 'UTC' },
    });

    await t.app.reconciler.runOnce();
    const drift = await t.http.get(`/api/deployments/${deployment.id}/drift`).set(owner.auth);
    expect(drift.body.drifted).toBe(true);
    expect(drift.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'parameter_changed', node: 'Business Hours Gate', path: 'start', after: '10:00' }),
        expect.objectContaining({ kind: 'parameter_changed', node: 'Business Hours Gate', path: 'scheduleSource', after: 'node' }),
      ]),
    );
    expect(drift.body.changes.some((change: { node?: string }) => change.node === 'Send Email')).toBe(false);
    expect(drift.body.workflows.n8n).toContain('"start": "10:00"');
    expect(drift.body.workflows.deployed).not.toContain('"start": "10:00"');
    expect(drift.body.workflows.n8n).not.toContain('position');

    const blocked = await t.http.patch(`/api/campaigns/${campaign.id}`).set(owner.auth).send({ name: 'Would overwrite' });
    expect(blocked.status).toBe(409);
    expect((await n8nApi.getWorkflow(workflow.id))!.nodes.find((node) => node.name === 'Business Hours Gate')!.parameters.start).toBe(
      '10:00',
    );

    const kept = await t.http.post(`/api/deployments/${deployment.id}/resolve-drift`).set(owner.auth).send({ action: 'keep_n8n' });
    expect(kept.body).toMatchObject({ status: 'active', hasOverride: true });
    await t.app.reconciler.runOnce();
    expect((await api.deployment(deployment.id)).body.status).toBe('active');

    gate.parameters = { ...gate.parameters, start: '11:00' };
    await n8nApi.updateWorkflow(workflow.id, {
      name: workflow.name,
      nodes: workflow.nodes,
      connections: workflow.connections,
      settings: { executionOrder: 'v1', timezone: 'UTC' },
    });
    await t.app.reconciler.runOnce();
    const reset = await t.http
      .post(`/api/deployments/${deployment.id}/resolve-drift`)
      .set(owner.auth)
      .send({ action: 'reset_to_template' });
    expect(reset.body).toMatchObject({ status: 'active', hasOverride: false });
    const restored = (await n8nApi.getWorkflow(workflow.id))!.nodes.find((node) => node.name === 'Business Hours Gate')!;
    expect(restored.parameters).toEqual({});
  });

  // Stopping and restarting n8n takes 20 s on a quiet 2-core host; a loaded CI host needs more than the default 30 s.
  it('keeps serving while n8n is down, and the reconciler restores deployments when it returns', async () => {
    const { campaign } = await campaignWithLeads(0);
    const deployment = (await api.start(campaign.id)).body.deployment;
    const lost = await campaignWithLeads(0);
    const lostDeployment = (await api.start(lost.campaign.id)).body.deployment;
    await n8nApi.deactivateWorkflow(lostDeployment.n8nWorkflowId);
    await n8nApi.deleteWorkflow(lostDeployment.n8nWorkflowId);

    await n8n.process.stop();
    const notReady = await t.http.get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({
      status: 'not_ready',
      checks: { database: { status: 'ok' }, n8n: { status: 'failing', detail: 'n8n is not reachable' } },
    });
    expect((await t.http.get('/readyz?check=database')).status).toBe(200);
    expect((await t.http.get('/api/deployments').set(owner.auth)).status).toBe(200);
    const detail = await api.deployment(deployment.id);
    expect(detail.status).toBe(503);
    expect(detail.body.code).toBe('dependency_unavailable');
    const paused = await api.pause(campaign.id);
    expect(paused.status).toBe(503);
    expect(paused.headers['retry-after']).toBe('30');
    expect((await t.http.get(`/api/campaigns/${campaign.id}`).set(owner.auth)).body).toMatchObject({
      status: 'paused',
      deployment: { status: 'error' },
    });
    expect((await t.app.reconciler.runOnce()).n8nUnavailable).toBe(true);

    await n8n.restart();
    const summary = await t.app.reconciler.runOnce();
    expect(summary.n8nUnavailable).toBe(false);
    // n8n's own test of our credential calls back, signed: the whole loop works again.
    expect((await t.http.get('/readyz?check=n8n,n8n_credential')).body).toEqual({
      status: 'ready',
      checks: { n8n: { status: 'ok' }, n8n_credential: { status: 'ok' } },
    });
    expect((await api.deployment(deployment.id)).body.status).toBe('paused');
    expect((await n8nApi.getWorkflow(deployment.n8nWorkflowId))!.active).toBe(false);
    const recreated = (await api.deployment(lostDeployment.id)).body;
    expect(recreated.status).toBe('active');
    expect(recreated.n8nWorkflowId).not.toBe(lostDeployment.n8nWorkflowId);
    expect((await n8nApi.getWorkflow(recreated.n8nWorkflowId))!.active).toBe(true);
  }, 120_000);

  it('gives an organization one inbox watcher while it has a mailbox, runs it on a tick, and removes it with the last mailbox', async () => {
    const other = await signUp(t.http);
    const organizationId = other.organization.id;
    const watcherRow = () =>
      t.prisma.workflowDeployment.findFirst({ where: { organizationId, campaignId: null, templateName: 'inbox-watcher' } });
    await t.app.reconciler.runOnce();
    expect(await watcherRow()).toBeNull();

    const mailbox = await t.prisma.mailbox.create({ data: { organizationId, provider: 'sandbox', email: 'watch@sender.example' } });
    await t.app.reconciler.runOnce();
    const deployed = (await watcherRow())!;
    expect(deployed).toMatchObject({ status: 'active', lastError: null });
    const workflow = (await n8nApi.getWorkflow(deployed.n8nWorkflowId!))!;
    expect(workflow.active).toBe(true);
    expect(workflow.nodes.find((node) => node.type === 'CUSTOM.inboxWatch')?.parameters.organizationId).toBe(organizationId);

    // Idempotent: another pass (or a second start) neither redeploys nor duplicates it.
    await t.app.reconciler.runOnce();
    await t.app.deployments.ensureInboxWatcher(scopedDb(t.prisma, organizationId), organizationId);
    expect((await watcherRow())!.n8nWorkflowId).toBe(deployed.n8nWorkflowId);
    let copies = 0;
    for await (const candidate of n8nApi.listWorkflows())
      if (webhookPaths(candidate).includes(inboxWatcherTickPath(organizationId))) copies += 1;
    expect(copies).toBe(1);

    // An Ophir upgrade with a newer template: the reconciler pushes it into the same workflow.
    await t.prisma.workflowDeployment.update({ where: { id: deployed.id }, data: { templateVersion: '0.0.1' } });
    await t.app.reconciler.runOnce();
    expect(await watcherRow()).toMatchObject({
      templateVersion: inboxWatcherTemplate().manifest.version,
      n8nWorkflowId: deployed.n8nWorkflowId,
      status: 'active',
    });
    expect((await t.http.get('/api/deployments').set(other.auth)).body.data).toEqual([
      expect.objectContaining({ templateName: 'inbox-watcher', campaignId: null, status: 'active' }),
    ]);

    await t.app.deployments.tickInboxWatcher(organizationId);
    const executions = await until('the ticked watch finished', async () => {
      const done = await n8nApi.listExecutions({ workflowId: deployed.n8nWorkflowId!, status: 'success' });
      return done.length > 0 && done;
    });
    expect(executions[0]).toMatchObject({ mode: 'webhook' });

    await t.prisma.mailbox.delete({ where: { id: mailbox.id } });
    await t.app.reconciler.runOnce();
    expect(await watcherRow()).toMatchObject({ status: 'archived', n8nWorkflowId: null });
    expect(await n8nApi.getWorkflow(deployed.n8nWorkflowId!)).toBeUndefined();
  });
});

// Integration, fault injection: two control-plane replicas (`OPHIR_ROLE=replica` launcher processes) on one
// database behind a balancer, with the real n8n (our nodes loaded) calling back through the balancer and
// fake Gmail on 127.0.0.1. The leader is killed with SIGKILL in the middle of a campaign: every lead still
// gets exactly one message, the survivor takes the periodic jobs over and its reconciler puts back a
// workflow deleted in n8n, and nothing is deployed twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8nClient } from '../lib/n8n/n8nClient.js';
import type { N8nWorkflow } from '../lib/n8n/n8nWorkflow.js';
import { startSendingCampaign } from '../test/campaignFixtures.js';
import { FakeGoogle } from '../test/fakes/fakeGoogle.js';
import { createListeningTestApp } from '../test/listeningApp.js';
import { connectOAuthMailbox } from '../test/mailboxFlows.js';
import { n8nProvisioned, n8nSuite, startTestN8n, type TestN8n } from '../test/realN8n.js';
import { ReplicaBalancer } from '../test/replicaBalancer.js';
import { signUp, type SignedUp, type TestApp } from '../test/testApp.js';
import { until } from '../test/until.js';
import { findFreePort } from './freePort.js';

const leads = 90;
const leaseSeconds = 30;
const senders = ['replica.a@gmail.example', 'replica.b@gmail.example'];
const leadsMessage = 'this replica now leads';
const google = new FakeGoogle();
const secrets = {
  JWT_SECRET: randomBytes(32).toString('hex'),
  ENCRYPTION_KEYS: `replicas:${randomBytes(32).toString('base64')}`,
  ENCRYPTION_ACTIVE_KEY_ID: 'replicas',
};

interface Replica {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

let n8n: TestN8n;
let n8nApi: N8nClient;
let balancer: ReplicaBalancer;
let t: TestApp & { url: string };
let owner: SignedUp;
let scratch: string;
const replicas: Replica[] = [];

async function startReplica(name: string, port: number, balancerUrl: string): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'bin', 'start.ts')], {
    cwd: path.resolve(import.meta.dirname, '..', '..'),
    env: {
      ...process.env,
      ...google.env(),
      ...secrets,
      OPHIR_ROLE: 'replica',
      OPHIR_DATA_DIR: path.join(scratch, name),
      LEAD_IMPORTS_DIR: path.join(scratch, name, 'imports'),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: t.config.DATABASE_URL,
      N8N_URL: n8n.url,
      N8N_API_KEY: n8n.apiKey,
      N8N_CALLBACK_BASE_URL: balancerUrl,
      PUBLIC_URL: balancerUrl,
      N8N_CLAIM_BATCH_SIZE: '30',
      CLAIM_LEASE_SECONDS: String(leaseSeconds),
      RECONCILE_CRON: '*/2 * * * * *',
      LEADERSHIP_CHECK_MS: '500',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const replica = { name, url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
  replicas.push(replica);
  await until(`${name} to be ready`, () => output.includes('control plane ready'), 90_000).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; its output:\n${output.slice(-3000)}`);
  });
  return replica;
}

async function workflows(): Promise<N8nWorkflow[]> {
  const all: N8nWorkflow[] = [];
  for await (const workflow of n8nApi.listWorkflows()) all.push(workflow);
  return all;
}

describe.skipIf(!n8nProvisioned)(n8nSuite('control-plane replicas on one database'), () => {
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'ophir-replicas-'));
    await google.start();
    n8n = await startTestN8n();
    n8nApi = new N8nClient({ baseUrl: n8n.url, apiKey: n8n.apiKey });
    const ports = [await findFreePort(), await findFreePort()];
    balancer = new ReplicaBalancer(ports.map((port) => `http://127.0.0.1:${port}`));
    const balancerUrl = await balancer.start();
    // The app the test drives the API through (it runs no periodic jobs); n8n calls back through the balancer.
    t = await createListeningTestApp({
      env: {
        ...google.env(),
        ...secrets,
        N8N_URL: n8n.url,
        N8N_API_KEY: n8n.apiKey,
        N8N_CALLBACK_BASE_URL: balancerUrl,
        PUBLIC_URL: balancerUrl,
        N8N_CLAIM_BATCH_SIZE: '30',
        CLAIM_LEASE_SECONDS: String(leaseSeconds),
      },
    });
    // The first launcher sets n8n up (docs/scaling.md): replicas join a database where the credential exists.
    await t.app.n8n.controlPlaneCredential();
    owner = await signUp(t.http);
    await startReplica('first', ports[0]!, balancerUrl);
    await startReplica('second', ports[1]!, balancerUrl);
  }, 240_000);

  afterAll(async () => {
    for (const replica of replicas) {
      replica.child.kill('SIGTERM');
      await Promise.race([replica.exited, sleep(20_000)]);
    }
    await balancer?.stop();
    await t?.close();
    await n8n?.stop();
    await google.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }, 90_000);

  it('keeps sending exactly once and reconciling when the leader is killed', async () => {
    const [first, second] = replicas as [Replica, Replica];
    await until('one replica to lead', () => first.output().includes(leadsMessage) || second.output().includes(leadsMessage), 30_000);
    await sleep(2000);
    const leaders = replicas.filter((replica) => replica.output().includes(leadsMessage));
    expect(leaders).toHaveLength(1);
    const leader = leaders[0]!;
    const survivor = leader === first ? second : first;

    const mailboxIds: string[] = [];
    for (const email of senders) {
      google.nextConsent({ email });
      mailboxIds.push((await connectOAuthMailbox(t, owner.auth, 'gmail')).mailboxId!);
    }
    await t.prisma.mailbox.updateMany({
      where: { id: { in: mailboxIds } },
      data: { dailyCap: 10_000, rampEnabled: false, minGapSeconds: 0, gapJitterSeconds: 0 },
    });
    google.setLatency('gmail.send', 60);
    const { campaignId, tag } = await startSendingCampaign({
      http: t.http,
      prisma: t.prisma,
      auth: owner.auth,
      organizationId: owner.organization.id,
      mailboxIds,
      leads,
      name: 'Replica test',
    });
    const deliveries = () => google.deliveriesPerRecipient(senders, tag);
    const runNow = () => t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth);

    // Sends go out through both replicas (claims and results alternate between them) until the leader dies.
    expect((await runNow()).status).toBe(202);
    await until('a third of the campaign to reach Gmail', () => deliveries().size >= leads / 3, 60_000);
    leader.child.kill('SIGKILL');
    await leader.exited;
    expect(deliveries().size).toBeLessThan(leads);
    await until('the survivor to lead', () => survivor.output().includes(leadsMessage), 15_000);

    google.setLatency('gmail.send', 0);
    await until(
      'every message sent',
      async () => {
        await runNow();
        await sleep(1000);
        return (await t.prisma.message.count({ where: { campaignId, status: 'sent' } })) === leads;
      },
      // A claim cut off by the kill holds its sends until the lease ends.
      leaseSeconds * 1000 + 60_000,
    );
    const delivered = deliveries();
    expect(delivered.size).toBe(leads);
    expect([...delivered.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(await t.prisma.event.count({ where: { campaignId, type: 'sent' } })).toBe(leads);

    // The survivor's reconciler: a campaign workflow deleted in n8n comes back, once.
    const deployment = await t.prisma.workflowDeployment.findFirstOrThrow({ where: { campaignId } });
    await n8nApi.deleteWorkflow(deployment.n8nWorkflowId!);
    const redeployed = await until(
      'the survivor to redeploy the deleted workflow',
      async () => {
        const row = await t.prisma.workflowDeployment.findFirstOrThrow({ where: { campaignId } });
        return row.n8nWorkflowId && row.n8nWorkflowId !== deployment.n8nWorkflowId && row.status === 'active' ? row : undefined;
      },
      30_000,
    );
    expect((await n8nApi.getWorkflow(redeployed.n8nWorkflowId!))?.active).toBe(true);
    // Several reconcile passes later, still one workflow per deployment: no replica deployed anything twice.
    await sleep(5000);
    const live = await t.prisma.workflowDeployment.findMany({ where: { status: { not: 'archived' } } });
    const inN8n = await workflows();
    expect(inN8n.map((workflow) => workflow.id).sort()).toEqual(live.map((row) => row.n8nWorkflowId).sort());
    expect(survivor.output()).not.toContain('lost its leadership');
  }, 240_000);
});

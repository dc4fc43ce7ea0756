// Integration, supervision: the platform runs through the real launcher (`npm start`'s src/bin/start.ts)
// as its own process, with the real provisioned n8n and our nodes, on a real PostgreSQL, sending through
// fake Gmail on 127.0.0.1. n8n is SIGKILLed in the middle of a batch and nobody brings it back but the launcher.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../lib/db/prisma.js';
import { startSendingCampaign } from '../test/campaignFixtures.js';
import { FakeGoogle } from '../test/fakes/fakeGoogle.js';
import { headerValue } from '../test/fakes/mimeHeaders.js';
import { launchPlatform, type LaunchedPlatform } from '../test/launcher.js';
import { connectOAuthMailbox } from '../test/mailboxFlows.js';
import { n8nProvisioned, n8nSuite } from '../test/realN8n.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { signUp } from '../test/testApp.js';
import { until } from '../test/until.js';
import { findFreePort } from './freePort.js';
import { lockFilePath } from './n8n/dataFolderLock.js';
import { startN8n, type RunningN8n } from './n8n/index.js';
import { isProcessAlive } from './n8n/processTree.js';
import { repoRoot } from '../lib/paths.js';
import { inboxWatcherTickPath } from '../modules/deployments/inboxWatcherWorkflow.js';

const leads = 120;
const google = new FakeGoogle();
const senders = ['supervised.a@gmail.example', 'supervised.b@gmail.example'];

const deliveries = (tag: string) => google.deliveriesPerRecipient(senders, tag);

/** Polls /readyz and keeps every status it saw, in order, without repeats. */
function watchReadiness(platform: LaunchedPlatform) {
  const seen: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const status = await fetch(`${platform.url}/readyz`).then(
        (response) => response.status,
        () => 0,
      );
      if (seen.at(-1) !== status) seen.push(status);
      await sleep(200);
    }
  })();
  return {
    seen,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

describe.skipIf(!n8nProvisioned)(n8nSuite('the launcher supervises n8n'), () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let platform: LaunchedPlatform;
  /** Runs the organization's inbox watcher now, through its tick webhook in n8n. */
  const tickInboxWatcher = async (organizationId: string) => {
    const response = await fetch(`http://127.0.0.1:${platform.n8nPort}/webhook/${inboxWatcherTickPath(organizationId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.ok).toBe(true);
  };

  beforeAll(async () => {
    await google.start();
    database = await createTestDatabase();
    prisma = createPrismaClient({ databaseUrl: database.url, poolSize: 3 });
    platform = await launchPlatform({
      databaseUrl: database.url,
      env: {
        ...google.env(),
        N8N_CLAIM_BATCH_SIZE: String(leads),
        CLAIM_LEASE_SECONDS: '30',
        RECONCILE_CRON: '*/5 * * * * *',
        SUPERVISOR_BACKOFF_INITIAL_MS: '500',
      },
    });
    await platform.waitUntilReady();
  }, 180_000);

  afterAll(async () => {
    const code = await platform?.stop();
    expect(code).toBe(0);
    await prisma?.$disconnect();
    await database?.drop();
    await google.stop();
  }, 120_000);

  it('brings n8n back after a SIGKILL mid-batch, readiness goes not-ready then ready, and every lead gets exactly one message', async () => {
    const owner = await signUp(platform.http);
    const mailboxIds: string[] = [];
    for (const email of senders) {
      google.nextConsent({ email });
      mailboxIds.push((await connectOAuthMailbox(platform, owner.auth, 'gmail')).mailboxId!);
    }
    await prisma.mailbox.updateMany({
      where: { id: { in: mailboxIds } },
      data: { dailyCap: 10_000, rampEnabled: false, minGapSeconds: 0, gapJitterSeconds: 0 },
    });
    // Slow sends keep the batch in flight long enough to kill n8n in the middle of it.
    google.setLatency('gmail.send', 40);
    const { campaignId, tag } = await startSendingCampaign({
      http: platform.http,
      prisma,
      auth: owner.auth,
      organizationId: owner.organization.id,
      mailboxIds,
      leads,
      name: 'Supervised',
    });

    const readiness = watchReadiness(platform);
    expect((await platform.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
    await until('a third of the batch to reach Gmail', () => deliveries(tag).size >= leads / 3, 60_000);
    // The inbox watcher has watched once before the crash: each mailbox has a cursor to resume from.
    await tickInboxWatcher(owner.organization.id);
    const cursorsBefore = await until(
      'every mailbox to have an inbox cursor',
      async () => {
        const rows = await prisma.mailbox.findMany({ where: { id: { in: mailboxIds } }, select: { id: true, inboxCursor: true } });
        return rows.every((row) => row.inboxCursor) ? new Map(rows.map((row) => [row.id, row.inboxCursor])) : undefined;
      },
      30_000,
    );
    const n8nPid = Number.parseInt(readFileSync(lockFilePath(path.join(platform.dataDir, 'n8n')), 'utf8'), 10);
    process.kill(n8nPid, 'SIGKILL');
    expect(deliveries(tag).size).toBeLessThan(leads);
    google.setLatency('gmail.send', 0);

    await until('readiness to turn not-ready', () => readiness.seen.includes(503), 10_000);
    await until('n8n to be back and the platform ready', () => readiness.seen.at(-1) === 200 && readiness.seen.includes(503), 60_000);
    await readiness.stop();
    expect(readiness.seen[0]).toBe(200);
    const newPid = Number.parseInt(readFileSync(lockFilePath(path.join(platform.dataDir, 'n8n')), 'utf8'), 10);
    expect(newPid).not.toBe(n8nPid);
    expect(isProcessAlive(n8nPid)).toBe(false);
    expect(platform.output.join('\n')).toMatch(/n8n exited unexpectedly \(signal SIGKILL/);
    expect(platform.output.join('\n')).toMatch(/n8n is running again \(restart 1\)/);

    // The sends the dead execution held come back when their lease ends, flagged, and are not sent twice.
    await until(
      'every lead to have its message',
      async () => {
        if (deliveries(tag).size === leads) return true;
        await platform.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth);
        await sleep(2_000);
        return false;
      },
      120_000,
    );
    await until(
      'every send to be recorded',
      async () => (await prisma.message.count({ where: { campaignId, status: 'sent' } })) === leads,
      30_000,
    );
    expect([...deliveries(tag).values()].every((count) => count === 1)).toBe(true);
    expect(await prisma.message.count({ where: { campaignId, mayHaveBeenSent: true } })).toBeGreaterThan(0);

    // The watcher resumes from its cursor after the restart: a reply is found, and only it is read.
    const [ours] = google.messagesOf(senders[0]!).filter((message) => message.labelIds.includes('SENT'));
    const lead = (headerValue(ours!.headers, 'to') ?? '').replace(/.*</, '').replace(/>.*/, '');
    google.deliver(
      senders[0]!,
      [
        `From: <${lead}>`,
        `To: <${senders[0]}>`,
        `Subject: Re: ${headerValue(ours!.headers, 'subject')}`,
        'Message-ID: <reply.after-restart@lead.example>',
        `In-Reply-To: ${ours!.messageId}`,
        `References: ${ours!.messageId}`,
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'Yes, let us talk.',
      ].join('\r\n'),
    );
    const readsBefore = google.calls('gmail.get').length;
    await tickInboxWatcher(owner.organization.id);
    const reply = await until(
      'the reply to reach the unified inbox',
      () => prisma.inboxMessage.findFirst({ where: { messageIdHeader: '<reply.after-restart@lead.example>', direction: 'inbound' } }),
      60_000,
    );
    expect(reply).toMatchObject({ inboundType: 'replied', fromAddress: `<${lead}>` });
    expect(google.calls('gmail.get').length - readsBefore).toBeLessThanOrEqual(2);
    // The cursor is written when the watch's last results are, which may be just after the reply itself.
    const sender = await prisma.mailbox.findFirstOrThrow({ where: { id: { in: mailboxIds }, email: senders[0] } });
    await until(
      "the watch to move that mailbox's cursor on",
      async () => (await prisma.mailbox.findUniqueOrThrow({ where: { id: sender.id } })).inboxCursor !== cursorsBefore.get(sender.id),
      30_000,
    );

    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toMatch(/ophir_process_restarts_total\{process="n8n"\} 1/);
    expect(metrics).toMatch(/ophir_process_up\{process="n8n"\} 1/);
    expect(metrics).toMatch(new RegExp(`ophir_campaign_seconds_since_last_claim\\{campaign_id="${campaignId}"\\} \\d`));
  }, 300_000);
});

describe.skipIf(!n8nProvisioned)(n8nSuite('the launcher gives up on an n8n that crashes in a loop'), () => {
  let database: TestDatabase;
  let dataDir: string;
  let platform: LaunchedPlatform | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ophir-crashloop-'));
    // n8n refuses to start when its settings file holds another encryption key, as after a careless key change.
    await mkdir(path.join(dataDir, 'n8n', '.n8n'), { recursive: true });
    await writeFile(path.join(dataDir, 'n8n', '.n8n', 'config'), JSON.stringify({ encryptionKey: 'not-the-key-the-launcher-uses' }));
  });

  afterAll(async () => {
    expect(await platform?.stop()).toBe(0);
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('stops restarting it, says why, and readiness stays not-ready', async () => {
    platform = await launchPlatform({
      databaseUrl: database.url,
      dataDir,
      env: { SUPERVISOR_BACKOFF_INITIAL_MS: '200', SUPERVISOR_MAX_FAST_CRASHES: '3' },
    });
    const gaveUp = await platform.waitForLine(/giving up on n8n: n8n crashed 3 times in a row/, 240_000);
    expect(gaveUp).toMatch(/Mismatching encryption keys.*Readiness stays not-ready/);
    expect(platform.output.filter((line) => /n8n could not start/.test(line))).toHaveLength(3);

    // The control plane keeps serving; readiness says what is wrong, and keeps saying it.
    for (let i = 0; i < 3; i += 1) {
      const readiness = await platform.http.get('/readyz');
      expect(readiness.status).toBe(503);
      expect(readiness.body.checks.n8n_process).toMatchObject({
        status: 'failing',
        detail: expect.stringMatching(/^gave_up: n8n crashed 3 times/),
      });
      await sleep(1_000);
    }
    expect(platform.output.filter((line) => /n8n could not start/.test(line))).toHaveLength(3);
    expect((await platform.http.get('/healthz')).status).toBe(200);
  }, 300_000);
});

describe.skipIf(!n8nProvisioned)(n8nSuite('an external n8n that is down when the control plane starts'), () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let platform: LaunchedPlatform | undefined;
  let n8n: RunningN8n | undefined;
  let n8nFolder: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrismaClient({ databaseUrl: database.url, poolSize: 3 });
    n8nFolder = await mkdtemp(path.join(os.tmpdir(), 'ophir-external-n8n-'));
  });

  afterAll(async () => {
    expect(await platform?.stop()).toBe(0);
    await n8n?.stop();
    await prisma?.$disconnect();
    await database?.drop();
    await rm(n8nFolder, { recursive: true, force: true });
  }, 60_000);

  it('is waited for: bootstrap completes once it is up, with no restart, and the reconciler deploys what was started meanwhile', async () => {
    const n8nPort = await findFreePort();
    platform = await launchPlatform({
      databaseUrl: database.url,
      env: {
        N8N_URL: `http://127.0.0.1:${n8nPort}`,
        RECONCILE_CRON: '*/5 * * * * *',
        SUPERVISOR_BACKOFF_INITIAL_MS: '500',
        SUPERVISOR_BACKOFF_MAX_MS: '2000',
      },
    });
    await until(
      'the control plane to serve',
      async () => (await fetch(`${platform!.url}/healthz`).catch(() => undefined))?.status === 200,
      90_000,
    );
    const notReady = await platform.http.get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.n8n).toEqual({ status: 'failing', detail: expect.stringMatching(/not set up yet|not reachable/) });

    const owner = await signUp(platform.http);
    const mailbox = await platform.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'waiting@ophir.example' });
    await prisma.mailbox.update({ where: { id: mailbox.body.id }, data: { rampEnabled: false, minGapSeconds: 0, gapJitterSeconds: 0 } });
    const { campaignId } = await startSendingCampaignWhileN8nIsDown(platform, prisma, owner, mailbox.body.id);

    const pid = platform.process.pid;
    n8n = await startN8n({
      port: n8nPort,
      userFolder: path.join(n8nFolder, 'user'),
      encryptionKey: 'external-n8n-key',
      customExtensions: [path.join(repoRoot, 'custom-nodes', 'dist')],
      logLevel: 'warn',
    });
    await until('the platform to be ready', async () => (await platform!.http.get('/readyz')).status === 200, 90_000);
    expect(platform.process.pid).toBe(pid);
    expect(platform.process.exitCode).toBeNull();

    const campaign = await until(
      'the reconciler to deploy the campaign started while n8n was down',
      async () => {
        const body = (await platform!.http.get(`/api/campaigns/${campaignId}`).set(owner.auth)).body;
        return body.deployment?.status === 'active' ? body : undefined;
      },
      30_000,
    );
    expect(campaign.status).toBe('active');
    expect((await platform.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth)).status).toBe(202);
    await until(
      'its sends to go out through n8n',
      async () => (await prisma.message.count({ where: { campaignId, status: 'sent' } })) === 3,
      60_000,
    );
    const second = await startSendingCampaign({
      http: platform.http,
      prisma,
      auth: owner.auth,
      organizationId: owner.organization.id,
      mailboxIds: [mailbox.body.id],
      leads: 1,
      name: 'After n8n came up',
    });
    expect(second.workflowId).toBeTruthy();
  }, 300_000);
});

/** Starting records the intent, and answers 503 with Retry-After because the workflow cannot be deployed yet. */
async function startSendingCampaignWhileN8nIsDown(
  platform: LaunchedPlatform,
  prisma: PrismaClient,
  owner: Awaited<ReturnType<typeof signUp>>,
  mailboxId: string,
) {
  await expect(
    startSendingCampaign({
      http: platform.http,
      prisma,
      auth: owner.auth,
      organizationId: owner.organization.id,
      mailboxIds: [mailboxId],
      leads: 3,
      name: 'Started while n8n is down',
    }),
  ).rejects.toThrow(/start failed: .*"code":"dependency_unavailable"/);
  const campaign = await prisma.campaign.findFirstOrThrow({ where: { name: 'Started while n8n is down' } });
  expect(campaign.status).toBe('active');
  const retry = await platform.http.post(`/api/campaigns/${campaign.id}/pause`).set(owner.auth);
  expect(retry.status).toBe(503);
  expect(retry.headers['retry-after']).toBe('30');
  expect((await platform.http.post(`/api/campaigns/${campaign.id}/resume`).set(owner.auth)).status).toBe(503);
  return { campaignId: campaign.id };
}

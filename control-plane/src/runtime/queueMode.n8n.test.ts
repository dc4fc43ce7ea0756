// Integration, queue mode: `OPHIR_N8N_MODE=queue npm start` as its own process — n8n main and two workers
// on a Redis of this test's own (a redis-server child, so stopping it disturbs nobody), n8n's data in its own
// PostgreSQL database, the control plane, fake Gmail on 127.0.0.1. A worker is SIGKILLed mid-batch and Redis
// is stopped mid-batch; every lead still receives exactly one message.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../lib/db/prisma.js';
import { FakeGoogle } from '../test/fakes/fakeGoogle.js';
import { launchPlatform, type LaunchedPlatform } from '../test/launcher.js';
import { n8nProvisioned, n8nSuite } from '../test/realN8n.js';
import { startTestRedis, type TestRedis } from '../test/redisServer.js';
import { expectEachLeadSentOnce, startCampaignUnderFault, type CampaignUnderFault, type FaultScene } from '../test/sendingUnderFaults.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { signUp } from '../test/testApp.js';
import { until } from '../test/until.js';
import { findFreePort } from './freePort.js';
import { lockFilePath } from './n8n/dataFolderLock.js';
import { descendantPids, killQuietly } from './n8n/processTree.js';
import { dropN8nDatabase, n8nDatabaseName } from './n8n/queueMode.js';

const leads = 120;
const leaseSeconds = 30;
const queueMode = { OPHIR_N8N_MODE: 'queue', N8N_WORKERS: '2' };

describe.skipIf(!n8nProvisioned)(n8nSuite('queue mode without Redis'), () => {
  it('refuses to start, naming the Redis it could not reach, before starting any n8n', async () => {
    const database = await createTestDatabase();
    const redisUrl = `redis://127.0.0.1:${await findFreePort()}`;
    try {
      const platform = await launchPlatform({ databaseUrl: database.url, env: { ...queueMode, REDIS_URL: redisUrl } });
      await platform.waitForLine(/Redis is not reachable/, 150_000);
      expect(await platform.stop()).toBe(1);
      expect(platform.output.join('\n')).toContain(`Redis is not reachable at ${redisUrl}`);
      expect(platform.output.some((line) => line.startsWith('[n8n'))).toBe(false);
    } finally {
      await database.drop();
    }
  }, 240_000);
});

describe.skipIf(!n8nProvisioned)(n8nSuite('queue mode: n8n main and two workers on Redis'), () => {
  const google = new FakeGoogle();
  let redis: TestRedis;
  let database: TestDatabase;
  let prisma: PrismaClient;
  let platform: LaunchedPlatform;
  let scene: Omit<FaultScene, 'senders'>;
  let campaignCount = 0;

  const workerPid = (worker: string) => Number.parseInt(readFileSync(lockFilePath(path.join(platform.dataDir, worker)), 'utf8'), 10);
  const startedExecutions = () => platform.output.filter((line) => /^\[n8n-worker-\d\] .*Worker started execution/.test(line));
  /** A campaign of its own mailbox, and the scene that sees its deliveries. */
  const campaign = async (sendLatencyMs: number, count = leads): Promise<[CampaignUnderFault, FaultScene]> => {
    campaignCount += 1;
    const own = { ...scene, senders: [`queue.${campaignCount}@gmail.example`] };
    return [await startCampaignUnderFault(own, { name: `Queue mode ${campaignCount}`, leads: count, sendLatencyMs }), own];
  };
  /** Ticks the campaign until every lead has its message (sends held by a dead execution return when their lease ends). */
  const sendEverything = async (sending: CampaignUnderFault) => {
    await until(
      'every lead to have its message',
      async () => {
        if (sending.deliveries().size === sending.leads) return true;
        await sending.runNow();
        await sleep(2_000);
        return false;
      },
      (leaseSeconds + 90) * 1000,
    );
    await until(
      'every send to be recorded',
      async () => (await prisma.message.count({ where: { campaignId: sending.campaignId, status: 'sent' } })) === sending.leads,
      30_000,
    );
  };

  beforeAll(async () => {
    await google.start();
    redis = await startTestRedis();
    database = await createTestDatabase();
    prisma = createPrismaClient({ databaseUrl: database.url, poolSize: 3 });
    platform = await launchPlatform({
      databaseUrl: database.url,
      env: {
        ...google.env(),
        ...queueMode,
        REDIS_URL: redis.url,
        N8N_CLAIM_BATCH_SIZE: String(leads),
        CLAIM_LEASE_SECONDS: String(leaseSeconds),
        SUPERVISOR_BACKOFF_INITIAL_MS: '500',
      },
    });
    await platform.waitUntilReady(660_000);
    const owner = await signUp(platform.http);
    scene = { http: platform.http, prisma, google, auth: owner.auth, organizationId: owner.organization.id };
  }, 720_000);

  afterAll(async () => {
    const code = await platform?.stop();
    expect(code).toBe(0);
    await prisma?.$disconnect();
    if (database) await dropN8nDatabase(inject('postgresAdminUrl'), n8nDatabaseName(database.url));
    await database?.drop();
    await redis?.stop();
    await google.stop();
  }, 120_000);

  it('runs a main and two workers, each health-checked, supervised and logged under its own name', async () => {
    const readiness = await (await fetch(`${platform.url}/readyz`)).json();
    expect(JSON.stringify(readiness)).toMatch(/n8n-worker-1_process.*n8n-worker-2_process|n8n-worker-2_process.*n8n-worker-1_process/);
    for (const worker of ['n8n-worker-1', 'n8n-worker-2']) {
      const line = platform.output.find((text) => text.startsWith(`[${worker}] running; health check at `))!;
      expect((await fetch(line.replace(/.* health check at /, ''))).status).toBe(200);
    }
    expect(platform.output.join('\n')).toContain(`queue mode: n8n main and 2 worker(s) on Redis at ${redis.url}`);
  });

  it('deploys, pauses, resumes and archives a campaign, and the workers run its sends', async () => {
    const [sending, own] = await campaign(0, 10);
    const tick = () => fetch(`http://127.0.0.1:${platform.n8nPort}/webhook/ophir/campaigns/${sending.campaignId}/tick`, { method: 'POST' });
    const lifecycle = (action: string) => platform.http.post(`/api/campaigns/${sending.campaignId}/${action}`).set(scene.auth);

    expect((await lifecycle('pause')).body.deployment.status).toBe('paused');
    expect((await tick()).status).toBe(404);
    expect((await lifecycle('resume')).body.deployment.status).toBe('active');
    await sendEverything(sending);
    await expectEachLeadSentOnce(own, sending, { retried: false });
    expect(startedExecutions().length).toBeGreaterThan(0);
    expect((await lifecycle('archive')).body.deployment.status).toBe('archived');
    expect((await tick()).status).toBe(404);
  });

  it('a worker killed mid-batch is restarted, and every lead receives exactly one message', async () => {
    // Slow sends keep the batch in flight long enough to kill its worker in the middle of it.
    const [sending, own] = await campaign(40);
    const executionsBefore = startedExecutions().length;
    await sending.runNow();
    await until('a third of the batch to reach Gmail', () => sending.deliveries().size >= leads / 3, 60_000);
    const worker = startedExecutions()
      .slice(executionsBefore)[0]!
      .replace(/^\[(n8n-worker-\d)\].*/, '$1');
    const pid = workerPid(worker);
    for (const member of [...descendantPids(pid), pid]) killQuietly(member, 'SIGKILL');
    expect(sending.deliveries().size).toBeLessThan(leads);
    google.setLatency('gmail.send', 0);

    await platform.waitForLine(new RegExp(`${worker} is running again \\(restart 1\\)`), 90_000);
    expect(workerPid(worker)).not.toBe(pid);
    await sendEverything(sending);
    await expectEachLeadSentOnce(own, sending, { retried: true });
  }, 240_000);

  it('Redis stopped for a few seconds mid-batch: executions resume, and nothing is lost or sent twice', async () => {
    const [sending, own] = await campaign(40);
    await sending.runNow();
    await until('a third of the batch to reach Gmail', () => sending.deliveries().size >= leads / 3, 60_000);
    await redis.stop();
    await sleep(4_000);
    await redis.start();
    google.setLatency('gmail.send', 0);
    const executionsBefore = startedExecutions().length;

    await sendEverything(sending);
    await expectEachLeadSentOnce(own, sending, { retried: false });
    // The queue works again: a new campaign's executions reach the workers through the restarted Redis.
    const [after] = await campaign(0, 5);
    await sendEverything(after);
    expect(startedExecutions().length).toBeGreaterThan(executionsBefore);
  }, 240_000);
});

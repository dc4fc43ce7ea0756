/**
 * `npm run bench:api -- [--connections 32] [--duration 5] [--rounds 3] [--burst 10000] [--profile file.cpuprofile] [--routes healthz,me,openPixel]`
 *
 * What one request costs the control plane, route by route: the control plane as `npm start` runs it
 * (bench/platform.ts, without n8n: no route measured here calls it) on a scratch database, at
 * info-level logging: /healthz as the reference, /api/me, a leads page of an organization with
 * 100,000 leads, a campaign's stats, the open pixel and a click redirect of real sent messages, and
 * n8n's claim of an empty batch (signed). Each route is driven by autocannon in a separate process at
 * a fixed concurrency for a fixed time, after a short warm-up, in rounds that interleave the routes;
 * each route's figures are those of its median round. Then a burst of 10,000 pixel hits and
 * 10,000 clicks (--burst) on messages not hit before must show in the campaign's stats exactly. With
 * --profile, the control plane's CPU is profiled during the timed runs and summarised on stderr
 * and in the JSON. --routes measures only the routes named (/healthz always, as the reference). Each
 * route also reports what its median round cost the process (bench/processCost.ts: CPU per request,
 * garbage-collection pauses, event-loop delay). The last line is JSON.
 */
import { fork } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { destination } from 'pino';
import { TrackingLinks, trackingLinkSecretName } from '../src/modules/campaigns/messages/trackingLinks.js';
import { callbackSigningSecretName } from '../src/modules/platform/platformSecrets.js';
import type { LoadFigures, LoadJob, LoadRequest } from './apiLoad.js';
import { summariseProfile } from './cpuProfile.js';
import { measureProcessCost, type ProcessCost } from './processCost.js';
import { benchLog, startBenchControlPlane, type BenchControlPlane } from './platform.js';
import { createScratchDatabase } from './scratchDatabase.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    burst: { type: 'string', default: '10000' },
    profile: { type: 'string' },
    routes: { type: 'string' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const roundCount = Number(values.rounds);
const leadCount = 100_000;
/** Sent messages per tracking phase: each is hit a few times at most, under the per-message engagement throttle. */
const messagesPerPhase = 10_000;
const burst = Number(values.burst);
const here = path.dirname(fileURLToPath(import.meta.url));

function load(job: LoadJob): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'apiLoad.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (figures) => resolve(figures as LoadFigures));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the load generator exited with ${code}`))));
    child.send(job);
  });
}

interface Seeded {
  accessToken: string;
  organizationId: string;
  campaignId: string;
  messageIds: string[];
}

async function seed(platform: BenchControlPlane): Promise<Seeded> {
  const registered = await fetch(`${platform.url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@ophir.example', password: 'bench password 1', name: 'Bench', organizationName: 'Bench' }),
  });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${await registered.text()}`);
  const session = (await registered.json()) as { accessToken: string; organization: { id: string } };
  const organizationId = session.organization.id;
  const sql = platform.prisma.$executeRawUnsafe.bind(platform.prisma);
  const one = async (query: string, ...args: unknown[]) =>
    ((await platform.prisma.$queryRawUnsafe(query, ...args)) as Array<{ id: string }>)[0]!.id;

  benchLog(`seeding ${leadCount} leads and ${4 * messagesPerPhase} sent messages`);
  await sql(
    `INSERT INTO leads (id, "organizationId", email, "emailDomain", "firstName", company, "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, 'lead' || i || '@d' || (i % 1000) || '.example', 'd' || (i % 1000) || '.example', 'Lead ' || i, 'Company ' || (i % 500), now()
     FROM generate_series(1, $2) i`,
    organizationId,
    leadCount,
  );
  const campaignId = await one(
    `INSERT INTO campaigns (id, "organizationId", name, status, timezone, "updatedAt") VALUES (gen_random_uuid(), $1::uuid, 'Bench', 'active', 'Europe/Paris', now()) RETURNING id`,
    organizationId,
  );
  const stepId = await one(
    `INSERT INTO sequence_steps (id, "organizationId", "campaignId", position, "updatedAt") VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 0, now()) RETURNING id`,
    organizationId,
    campaignId,
  );
  const variantId = await one(
    `INSERT INTO step_variants (id, "organizationId", "stepId", label, subject, "bodyText", "updatedAt") VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'A', 's', 'b', now()) RETURNING id`,
    organizationId,
    stepId,
  );
  const mailboxId = await one(
    `INSERT INTO mailboxes (id, "organizationId", provider, email, "updatedAt") VALUES (gen_random_uuid(), $1::uuid, 'sandbox', 'sender@bench.example', now()) RETURNING id`,
    organizationId,
  );
  await sql(
    `INSERT INTO campaign_mailboxes ("organizationId", "campaignId", "mailboxId") VALUES ($1::uuid, $2::uuid, $3::uuid)`,
    organizationId,
    campaignId,
    mailboxId,
  );
  await sql(
    `INSERT INTO enrollments (id, "organizationId", "campaignId", "leadId", state, "nextStep", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, id, 'active', 1, now() FROM (SELECT id FROM leads WHERE "organizationId" = $1::uuid ORDER BY id LIMIT $3) l`,
    organizationId,
    campaignId,
    4 * messagesPerPhase,
  );
  await sql(
    `INSERT INTO messages (id, "organizationId", "campaignId", "enrollmentId", "leadId", "stepPosition", "variantId", "mailboxId", status, "dueAt", "messageIdHeader", "sentAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, e.id, e."leadId", 0, $3::uuid, $4::uuid, 'sent', now() - interval '1 hour',
            '<' || gen_random_uuid() || '@bench.example>', now() - interval '1 hour', now()
     FROM enrollments e WHERE e."campaignId" = $2::uuid`,
    organizationId,
    campaignId,
    variantId,
    mailboxId,
  );
  await sql(
    `INSERT INTO events (id, "organizationId", type, "campaignId", "leadId", "messageId", "mailboxId", "idempotencyKey", data, "occurredAt")
     SELECT gen_random_uuid(), m."organizationId", 'sent', m."campaignId", m."leadId", m.id, m."mailboxId", 'sent:' || m.id, '{}', m."sentAt"
     FROM messages m WHERE m."campaignId" = $1::uuid`,
    campaignId,
  );
  await sql('VACUUM ANALYZE');
  const messages = (await platform.prisma.$queryRawUnsafe(
    `SELECT id FROM messages WHERE "campaignId" = $1::uuid ORDER BY id`,
    campaignId,
  )) as Array<{
    id: string;
  }>;
  return { accessToken: session.accessToken, organizationId, campaignId, messageIds: messages.map((message) => message.id) };
}

/** Opens and clicks (each split human/machine) as the stats API reports them. */
async function engagementTotals(platform: BenchControlPlane, seeded: Seeded): Promise<{ opened: number; clicked: number }> {
  const response = await fetch(`${platform.url}/api/campaigns/${seeded.campaignId}/stats`, {
    headers: { authorization: `Bearer ${seeded.accessToken}` },
  });
  if (response.status !== 200) throw new Error(`the stats read failed: ${response.status} ${await response.text()}`);
  const { totals } = (await response.json()) as { totals: Record<'opened' | 'clicked', { human: number; machine: number }> };
  return { opened: totals.opened.human + totals.opened.machine, clicked: totals.clicked.human + totals.clicked.machine };
}

async function main(): Promise<void> {
  const database = await createScratchDatabase(`ophir_bench_api_${process.pid}`, benchLog);
  const platform = await startBenchControlPlane({
    databaseUrl: database.url.toString(),
    // A session that outlives a run on a loaded host (seeding, rounds and the burst can take over 15 minutes).
    env: { LOG_LEVEL: 'info', ACCESS_TOKEN_TTL_SECONDS: '7200' },
    // Serialised like production's access log, written nowhere: the bench's stdout carries its JSON.
    logDestination: destination({ dest: '/dev/null', sync: false }),
  });
  try {
    const seeded = await seed(platform);
    const links = new TrackingLinks({
      publicUrl: platform.url,
      secret: () => platform.app.platformSecrets.getOrCreate(trackingLinkSecretName),
    });
    const phase = (index: number) => seeded.messageIds.slice(index * messagesPerPhase, (index + 1) * messagesPerPhase);
    const pixels = async (ids: string[]) =>
      Promise.all(ids.map(async (id): Promise<LoadRequest> => ({ method: 'GET', path: `/o/${await links.token('o', id)}` })));
    const clicks = async (ids: string[]) =>
      Promise.all(
        ids.map(async (id): Promise<LoadRequest> => ({
          method: 'GET',
          path: `/c/${await links.clickToken(id, 'https://example.com/pricing?ref=bench')}`,
        })),
      );
    const bearer = { authorization: `Bearer ${seeded.accessToken}` };
    const claimBody = JSON.stringify({ campaignId: seeded.campaignId, batchSize: 10 });
    const n8nSigningSecret = await platform.app.platformSecrets.getOrCreate(callbackSigningSecretName);

    const allRoutes: Array<{ name: string; expect: number; requests: LoadRequest[]; n8nSigningSecret?: string }> = [
      { name: 'healthz', expect: 200, requests: [{ method: 'GET', path: '/healthz' }] },
      { name: 'me', expect: 200, requests: [{ method: 'GET', path: '/api/me', headers: bearer }] },
      { name: 'leadsPage', expect: 200, requests: [{ method: 'GET', path: '/api/leads?limit=50', headers: bearer }] },
      {
        name: 'campaignStats',
        expect: 200,
        requests: [{ method: 'GET', path: `/api/campaigns/${seeded.campaignId}/stats`, headers: bearer }],
      },
      { name: 'openPixel', expect: 200, requests: await pixels(phase(0)) },
      { name: 'clickRedirect', expect: 302, requests: await clicks(phase(1)) },
      {
        name: 'n8nClaimEmpty',
        expect: 200,
        n8nSigningSecret,
        requests: [{ method: 'POST', path: '/api/internal/n8n/claims', headers: { 'content-type': 'application/json' }, body: claimBody }],
      },
    ];
    const chosen = values.routes?.split(',');
    const routes = allRoutes.filter((spec) => !chosen || spec.name === 'healthz' || chosen.includes(spec.name));

    const loadBefore = os.loadavg();
    const profiler = values.profile ? new Session() : undefined;
    const jobs = routes.map((spec) => ({
      spec,
      job: {
        url: platform.url,
        connections,
        requests: spec.requests,
        ...(spec.n8nSigningSecret ? { n8nSigningSecret: spec.n8nSigningSecret } : {}),
      },
    }));
    for (const { job } of jobs) await load({ ...job, duration: 1 });
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    // Rounds interleave the routes, so a change in the host's load (other processes) weighs on each alike.
    const rounds = new Map<string, Array<LoadFigures & { process: ProcessCost }>>();
    for (let round = 1; round <= roundCount; round += 1) {
      for (const { spec, job } of jobs) {
        const cost = measureProcessCost();
        const loaded = await load({ ...job, duration });
        const figures = { ...loaded, process: cost.stop(loaded.requests) };
        rounds.set(spec.name, [...(rounds.get(spec.name) ?? []), figures]);
        benchLog(
          `round ${round} ${spec.name}: ${figures.requestsPerSecond} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms; ${JSON.stringify(figures.process)}`,
        );
      }
    }
    const results: Record<string, LoadFigures & { process: ProcessCost; unexpected: number; roundsRequestsPerSecond: number[] }> = {};
    for (const { spec } of jobs) {
      const measured = rounds.get(spec.name)!;
      const median = [...measured].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(measured.length / 2)]!;
      const unexpected = measured.reduce((sum, figures) => sum + figures.requests - (figures.statusCodes[String(spec.expect)] ?? 0), 0);
      results[spec.name] = {
        ...median,
        requests: measured.reduce((sum, figures) => sum + figures.requests, 0),
        unexpected,
        roundsRequestsPerSecond: measured.map((figures) => figures.requestsPerSecond),
      };
    }
    let profile: ReturnType<typeof summariseProfile> | undefined;
    if (profiler && values.profile) {
      const { profile: recorded } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      await writeFile(values.profile, JSON.stringify(recorded));
      profile = summariseProfile(recorded);
      benchLog(`profile (share of busy time): ${profile.map((entry) => `${entry.part} ${entry.percent}%`).join(', ')}`);
    }
    const loadAfter = os.loadavg();

    benchLog(`burst: ${burst} pixel hits and ${burst} clicks on messages not hit before`);
    const before = await engagementTotals(platform, seeded);
    const burstOpens = await load({ url: platform.url, connections, amount: burst, requests: await pixels(phase(2)) });
    const burstClicks = await load({ url: platform.url, connections, amount: burst, requests: await clicks(phase(3)) });
    const after = await engagementTotals(platform, seeded);
    const acknowledged = { opened: burstOpens.statusCodes['200'] ?? 0, clicked: burstClicks.statusCodes['302'] ?? 0 };
    const recorded = { opened: after.opened - before.opened, clicked: after.clicked - before.clicked };
    const exact =
      acknowledged.opened === burst && acknowledged.clicked === burst && recorded.opened === burst && recorded.clicked === burst;

    const reference = results.healthz!.requestsPerSecond;
    const share = (name: string) => Math.round((results[name]!.requestsPerSecond / reference) * 100) / 100;
    const result = {
      connections,
      durationSeconds: duration,
      rounds: roundCount,
      cpus: os.cpus().length,
      loadAverageBefore: loadBefore.map((value) => Math.round(value * 100) / 100),
      loadAverageAfter: loadAfter.map((value) => Math.round(value * 100) / 100),
      routes: Object.fromEntries(
        Object.entries(results).map(([name, figures]) => [
          name,
          {
            requestsPerSecond: figures.requestsPerSecond,
            p50Ms: figures.p50Ms,
            p99Ms: figures.p99Ms,
            roundsRequestsPerSecond: figures.roundsRequestsPerSecond,
            requests: figures.requests,
            unexpected: figures.unexpected,
            process: figures.process,
          },
        ]),
      ),
      shareOfHealthz: Object.fromEntries(Object.keys(results).map((name) => [name, share(name)])),
      burst: { acknowledged, recorded, exact },
      ...(profile ? { profile } : {}),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!exact || Object.values(results).some((figures) => figures.unexpected > 0 || figures.errors > 0)) process.exitCode = 1;
  } finally {
    await platform.stop();
    await database.drop();
  }
}

await main();

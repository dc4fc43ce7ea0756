/**
 * `npm run bench:stats -- --events N` (default 5,000,000)
 *
 * Campaign stats at scale: loads N events (10 per sent message: sent, deferred, 4 opens, 2 clicks,
 * a reply and an auto-reply; half the opens and clicks machine) into one campaign of 3 steps x 2
 * variants x 3 mailboxes, through the real events trigger, on PostgreSQL (DATABASE_URL, or an
 * embedded one). Times the event inserts with and without the trigger (the first 500,000 go through
 * it; the rest are bulk-loaded with the same deltas written set-wise), the first read (which folds
 * every pending delta), steady-state reads, and the alternative without pre-aggregation (GROUP BY
 * over the events joined to their messages). Checks the stats equal the events. Then times, over HTTP
 * against the real app with the page's live stream open, exactly the requests the campaign page makes:
 * the summary, the daily series, the first page of enrolments and of activity, and the stream's first
 * event; each one K times after a warm-up, and the page's parallel set as a whole. The last line is JSON.
 */
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/lib/clock.js';
import { pgConnectionOptions } from '../src/lib/db/connectionOptions.js';
import { createPrismaClient } from '../src/lib/db/prisma.js';
import { scopedDb } from '../src/lib/db/tenantScope.js';
import { createLogger } from '../src/lib/logger.js';
import { CampaignStatsService } from '../src/modules/stats/campaignStats.service.js';
import { findFreePort } from '../src/runtime/freePort.js';
import { benchConfig } from './platform.js';
import { createScratchDatabase } from './scratchDatabase.js';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '5000000' }, iterations: { type: 'string', default: '40' } },
});
const iterations = Number(values.iterations);
const eventsPerMessage = 10;
const messages = Math.ceil(Number(values.events) / eventsPerMessage);
const messagesPerChunk = 50_000;
const triggeredMessages = 50_000;

/** What the trigger writes, set-wise, for the events of one chunk of messages loaded with triggers off. */
const bulkDeltasSql = `
  WITH chunk AS (SELECT id FROM messages WHERE "campaignId" = $1::uuid ORDER BY id OFFSET $2 LIMIT $3),
  counted AS (
    SELECT e."organizationId", e."campaignId", e."messageId",
      ((e."occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE c.timezone)::date AS day,
      m."stepPosition", m."variantId", COALESCE(e."mailboxId", m."mailboxId") AS "mailboxId",
      campaign_event_metric(e.type, e.data) AS metric,
      row_number() OVER (PARTITION BY e."messageId", campaign_event_metric(e.type, e.data) ORDER BY e."occurredAt", e.id) = 1 AS first
    FROM events e JOIN chunk ON chunk.id = e."messageId" JOIN messages m ON m.id = e."messageId" JOIN campaigns c ON c.id = e."campaignId"
  ), seen AS (
    INSERT INTO message_metrics_seen ("organizationId", "messageId", metric) SELECT "organizationId", "messageId", metric FROM counted WHERE first
  )
  INSERT INTO campaign_stats_deltas ("organizationId", "campaignId", day, "stepPosition", "variantId", "mailboxId", metric, "uniqueMessage")
  SELECT "organizationId", "campaignId", day, "stepPosition", "variantId", "mailboxId", metric, CASE WHEN first THEN 1 ELSE 0 END FROM counted`;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: Math.round(performance.now() - started), value };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

/** The events for one chunk of messages: ten per message, in one statement (one transaction). */
function eventsSql(table: string): string {
  return `
    INSERT INTO ${table} (id, "organizationId", type, "campaignId", "leadId", "messageId", "mailboxId", "idempotencyKey", data, "occurredAt")
    SELECT gen_random_uuid(), m."organizationId", kind.type::"EventType", m."campaignId", m."leadId", m.id, m."mailboxId",
           gen_random_uuid()::text, jsonb_build_object('machine', kind.machine), m."sentAt" + kind.delay
    FROM (SELECT * FROM messages WHERE "campaignId" = $1::uuid ORDER BY id OFFSET $2 LIMIT $3) m
    CROSS JOIN (VALUES
      ('sent', false, interval '0'), ('deferred', false, interval '0'),
      ('opened', false, interval '2 hours'), ('opened', false, interval '1 day'), ('opened', true, interval '1 second'), ('opened', true, interval '3 hours'),
      ('clicked', false, interval '2 hours'), ('clicked', true, interval '2 seconds'),
      ('replied', false, interval '5 hours'), ('auto_replied', false, interval '1 hour')
    ) AS kind(type, machine, delay)`;
}

async function seed(client: pg.Client, organizationId: string): Promise<{ campaignId: string }> {
  const {
    rows: [campaign],
  } = await client.query(
    `INSERT INTO campaigns (id, "organizationId", name, status, timezone, "updatedAt") VALUES (gen_random_uuid(), $1, 'bench', 'active', 'Europe/Paris', now()) RETURNING id`,
    [organizationId],
  );
  const campaignId = campaign.id as string;
  const variantIds: string[] = [];
  for (let position = 0; position < 3; position += 1) {
    const {
      rows: [step],
    } = await client.query(
      `INSERT INTO sequence_steps (id, "organizationId", "campaignId", position, "updatedAt") VALUES (gen_random_uuid(), $1, $2, $3, now()) RETURNING id`,
      [organizationId, campaignId, position],
    );
    for (const label of ['A', 'B']) {
      const {
        rows: [variant],
      } = await client.query(
        `INSERT INTO step_variants (id, "organizationId", "stepId", label, subject, "bodyText", "updatedAt") VALUES (gen_random_uuid(), $1, $2, $3, 's', 'b', now()) RETURNING id`,
        [organizationId, step.id, label],
      );
      variantIds.push(variant.id);
    }
  }
  const mailboxIds: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    const {
      rows: [mailbox],
    } = await client.query(
      `INSERT INTO mailboxes (id, "organizationId", provider, email, "updatedAt") VALUES (gen_random_uuid(), $1, 'sandbox', $2, now()) RETURNING id`,
      [organizationId, `sender${index}@bench.example`],
    );
    mailboxIds.push(mailbox.id);
  }
  const leads = Math.ceil(messages / 3);
  await client.query(
    `INSERT INTO leads (id, "organizationId", email, "emailDomain", "updatedAt")
     SELECT gen_random_uuid(), $1, 'lead' || i || '@d' || (i % 1000) || '.example', 'd' || (i % 1000) || '.example', now() FROM generate_series(1, $2) i`,
    [organizationId, leads],
  );
  await client.query(
    `INSERT INTO enrollments (id, "organizationId", "campaignId", "leadId", state, "nextStep", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, $2, id, 'active', 3, timestamp '2026-11-01' + (random() * interval '20 days'), now() FROM leads WHERE "organizationId" = $1`,
    [organizationId, campaignId],
  );
  await client.query(
    `INSERT INTO messages (id, "organizationId", "campaignId", "enrollmentId", "leadId", "stepPosition", "variantId", "mailboxId", status, "dueAt", "messageIdHeader", "sentAt", "updatedAt")
     SELECT gen_random_uuid(), $1, $2, e.id, e."leadId", s.position, ($3::uuid[])[s.position * 2 + 1 + (abs(hashtext(e.id::text)) % 2)],
            ($4::uuid[])[1 + abs(hashtext(e."leadId"::text)) % 3], 'sent', e."createdAt", '<' || gen_random_uuid() || '@bench.example>',
            e."createdAt" + s.position * interval '2 days', now()
     FROM enrollments e CROSS JOIN generate_series(0, 2) AS s(position) WHERE e."campaignId" = $2`,
    [organizationId, campaignId, variantIds, mailboxIds],
  );
  return { campaignId };
}

async function run(databaseUrl: string, api: BenchApi): Promise<void> {
  const client = new pg.Client(pgConnectionOptions(databaseUrl));
  // Dropping the scratch database after a failure ends this connection: that must not hide the failure itself.
  client.on('error', (error) => log(`bench connection: ${error.message}`));
  await client.connect();
  const organizationId = api.organizationId;
  const { campaignId } = await seed(client, organizationId);
  const {
    rows: [{ count: messageCount }],
  } = await client.query(`SELECT count(*)::int AS count FROM messages WHERE "campaignId" = $1`, [campaignId]);
  log(`seeded ${messageCount} sent messages; loading ${messageCount * eventsPerMessage} events`);

  // The first chunks go through the trigger (its throughput is measured there); the rest is bulk-loaded
  // with triggers off, its deltas written set-wise the way the migration's backfill counts history.
  let withTriggerMs = 0;
  let throughTrigger = 0;
  for (let offset = 0; offset < messageCount; offset += messagesPerChunk) {
    const viaTrigger = offset < triggeredMessages;
    if (!viaTrigger) await client.query('SET session_replication_role = replica');
    const chunk = await timed(() => client.query(eventsSql('events'), [campaignId, offset, messagesPerChunk]));
    if (viaTrigger) {
      withTriggerMs += chunk.ms;
      throughTrigger += Math.min(messagesPerChunk, messageCount - offset) * eventsPerMessage;
    } else {
      await client.query('SET session_replication_role = DEFAULT');
      await client.query(bulkDeltasSql, [campaignId, offset, messagesPerChunk]);
    }
    log(
      `  ${Math.min(offset + messagesPerChunk, messageCount) * eventsPerMessage} events (${chunk.ms} ms for this chunk${viaTrigger ? ', through the trigger' : ''})`,
    );
  }
  const eventCount = messageCount * eventsPerMessage;
  // The same inserts into a copy of the events table without the trigger: the trigger's cost.
  await client.query('CREATE TABLE events_without_trigger (LIKE events INCLUDING ALL)');
  const baseline = await timed(() => client.query(eventsSql('events_without_trigger'), [campaignId, 0, messagesPerChunk]));
  await client.query('DROP TABLE events_without_trigger');
  await client.query('VACUUM ANALYZE');

  const prisma = createPrismaClient({ databaseUrl, poolSize: 2 });
  const db = scopedDb(prisma, organizationId);
  const stats = new CampaignStatsService({ clock: systemClock });
  const firstRead = await timed(() => stats.summary({ db, organizationId }, campaignId));
  const reads: number[] = [];
  for (let i = 0; i < 20; i += 1) reads.push((await timed(() => stats.summary({ db, organizationId }, campaignId))).ms);
  const dailyReads: number[] = [];
  for (let i = 0; i < 20; i += 1)
    dailyReads.push((await timed(() => stats.daily({ db, organizationId }, campaignId, { from: '2026-11-01', to: '2026-12-31' }))).ms);

  // Steady state: 10,000 new events (one chunk of 1,000 messages), then a read that folds them.
  await client.query(eventsSql('events'), [campaignId, 0, 1_000]);
  const foldRead = await timed(() => stats.summary({ db, organizationId }, campaignId));

  // Without pre-aggregation: the same breakdown straight from the events, joined to their messages.
  const groupByRuns: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    groupByRuns.push(
      (
        await timed(() =>
          client.query(
            `SELECT m."stepPosition", m."variantId", e."mailboxId", e.type, e.data->>'machine' AS machine, count(*), count(DISTINCT e."messageId")
             FROM events e JOIN messages m ON m.id = e."messageId"
             WHERE e."campaignId" = $1 GROUP BY 1, 2, 3, 4, 5`,
            [campaignId],
          ),
        )
      ).ms,
    );
  }

  const { rows: truth } = await client.query(
    `SELECT type::text, count(*)::int AS total, count(DISTINCT "messageId")::int AS messages FROM events WHERE "campaignId" = $1 GROUP BY 1`,
    [campaignId],
  );
  const of = (type: string) => truth.find((row) => row.type === type)!;
  const totals = foldRead.value.totals;
  const exact =
    totals.sent === of('sent').total &&
    totals.opened.human + totals.opened.machine === of('opened').total &&
    totals.clicked.human + totals.clicked.machine === of('clicked').total &&
    totals.replied === of('replied').messages;
  const {
    rows: [{ rows: aggregateRows }],
  } = await client.query(`SELECT count(*)::int AS rows FROM campaign_stats_daily WHERE "campaignId" = $1`, [campaignId]);

  await prisma.$disconnect();
  // Right after a backlog was folded the deltas table holds the folded rows as dead tuples (and planner
  // statistics from before), which every read scans until autovacuum runs (within a minute of the fold).
  // The page is timed in that state, then in the steady state autovacuum leaves.
  const pageRightAfterFold = await timeCampaignPage(api, campaignId);
  await client.query('VACUUM ANALYZE campaign_stats_deltas');
  const page = await timeCampaignPage(api, campaignId);
  await client.end();
  const result = {
    events: eventCount + 10_000,
    aggregateRows,
    eventsThroughTrigger: throughTrigger,
    insertEventsPerSecondWithTrigger: Math.round(throughTrigger / (withTriggerMs / 1000)),
    insertEventsPerSecondWithoutTrigger: Math.round((messagesPerChunk * eventsPerMessage) / (baseline.ms / 1000)),
    firstReadFoldingAllMs: firstRead.ms,
    readP50Ms: percentile(reads, 50),
    readP95Ms: percentile(reads, 95),
    dailyReadP50Ms: percentile(dailyReads, 50),
    readAfter10kNewEventsMs: foldRead.ms,
    groupByOverEventsMs: Math.min(...groupByRuns),
    exact,
    campaignPageOverHttp: page,
    campaignPageOverHttpBeforeAutovacuum: pageRightAfterFold,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (!exact) process.exitCode = 1;
}

interface BenchApi {
  url: string;
  organizationId: string;
  /** A fresh access token: loading the events can outlast one. */
  authorization(): Promise<string>;
}

/** The app as `npm start` assembles it, listening on 127.0.0.1, with an owner registered through the API. */
async function startApi(databaseUrl: string): Promise<BenchApi & { stop(): Promise<void> }> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const config = benchConfig(databaseUrl, port);
  const prisma = createPrismaClient({ databaseUrl, poolSize: config.DATABASE_POOL_SIZE });
  const app = createApp({ config, prisma, logger: createLogger({ level: config.LOG_LEVEL }), clock: systemClock });
  const server: Server = app.express.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const owner = { email: 'owner@bench.example', password: 'correct horse battery staple' };
  const signIn = async (path: string, body: object) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { accessToken: string; organization: { id: string } };
  };
  const registered = await signIn('/api/auth/register', { ...owner, name: 'Bench Owner', organizationName: 'Bench' });
  return {
    url,
    organizationId: registered.organization.id,
    authorization: async () => `Bearer ${(await signIn('/api/auth/login', owner)).accessToken}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await prisma.$disconnect();
    },
  };
}

/** Opens the campaign's stats stream and resolves once its first `stats` event has arrived; `close` ends it. */
async function openStatsStream(api: BenchApi, campaignId: string, authorization: string) {
  const controller = new AbortController();
  const response = await fetch(`${api.url}/api/campaigns/${campaignId}/stats/stream`, {
    headers: { authorization },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`stats stream answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let received = '';
  while (!received.includes('event: stats\n')) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stats stream closed before its first event');
    received += value;
  }
  return { close: () => controller.abort() };
}

/**
 * The campaign page's requests over HTTP, while one page holds the live stream open (its poller re-reads
 * the stats every interval, as in use): each request alone K times after a warm-up, then the set the page
 * sends at once when it opens (summary, daily series, first enrolments and activity pages, stream).
 */
async function timeCampaignPage(api: BenchApi, campaignId: string) {
  const authorization = await api.authorization();
  const get = async (path: string) => {
    const response = await fetch(`${api.url}${path}`, { headers: { authorization } });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  const base = `/api/campaigns/${campaignId}`;
  const requests: Record<string, () => Promise<unknown>> = {
    summary: () => get(`${base}/stats`),
    daily: () => get(`${base}/stats/daily`),
    enrollments: () => get(`${base}/enrollments?limit=50`),
    activity: () => get(`${base}/activity?limit=50`),
    streamFirstEvent: async () => (await openStatsStream(api, campaignId, authorization)).close(),
  };
  const pageStream = await openStatsStream(api, campaignId, authorization);
  try {
    const perRequest: Record<string, { p50: number; p95: number; max: number }> = {};
    for (const [name, request] of Object.entries(requests)) {
      await request();
      const samples: number[] = [];
      for (let i = 0; i < iterations; i += 1) samples.push((await timed(request)).ms);
      perRequest[name] = { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
      log(`  GET ${name}: p50 ${perRequest[name].p50} ms, p95 ${perRequest[name].p95} ms`);
    }
    const wholePage: number[] = [];
    for (let i = 0; i < iterations; i += 1)
      wholePage.push((await timed(() => Promise.all(Object.values(requests).map((request) => request())))).ms);
    return { iterations, perRequestMs: perRequest, allAtOnceMs: { p50: percentile(wholePage, 50), p95: percentile(wholePage, 95) } };
  } finally {
    pageStream.close();
  }
}

async function main(): Promise<void> {
  const database = await createScratchDatabase(`ophir_bench_stats_${process.pid}`, log);
  const api = await startApi(database.url.toString());
  try {
    await run(database.url.toString(), api);
  } finally {
    await api.stop();
    await database.drop();
  }
}

await main();

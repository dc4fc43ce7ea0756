/**
 * `npm run bench:claims -- --enrolments N [--campaigns C] [--mailboxes M] [--organizations O] [--batch B] [--claims K] [--profile] [--reuse]`
 * (defaults: 1,000,000 enrolments, 1,000 campaigns, 200 mailboxes, 20 organizations, batches of 500, 200 claims)
 *
 * Claims at scale: seeds N due enrolments (one queued first-step send each) spread evenly over C
 * campaigns and M mailboxes (each organization's campaigns share its mailboxes, 2,000 sends a day each,
 * no gap: Google Workspace's limit), set-wise in SQL, on PostgreSQL (DATABASE_URL, or an embedded one).
 * Then calls the claim of the n8n claim route (ClaimService.claim, the real transaction) K times with
 * a batch of B, on K different campaigns spread over the organizations, one at a time, and reports
 * exact percentiles over every call's wall time (`--profile`: where the process's CPU went). Prints EXPLAIN (ANALYZE, BUFFERS) of the claim's
 * queries on stderr. The last line is JSON. `--reuse` claims again from the database an earlier `--reuse` run
 * seeded and kept (`ophir_bench_claims` on DATABASE_URL's server), skipping the seeding.
 */
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { systemClock } from '../src/lib/clock.js';
import { pgConnectionOptions } from '../src/lib/db/connectionOptions.js';
import { createPrismaClient } from '../src/lib/db/prisma.js';
import { TrackingLinks } from '../src/modules/campaigns/messages/trackingLinks.js';
import { ClaimService } from '../src/modules/sending/campaignSends/claimDueSends.js';
import {
  claimProbe,
  leaseSends,
  lockDueCampaignSends,
  returnExpiredCampaignLeases,
} from '../src/modules/sending/campaignSends/claimStatements.js';
import { pendingMessageStatuses } from '../src/modules/campaigns/messageStates.js';
import { summariseProfile } from './cpuProfile.js';
import { benchLog } from './platform.js';
import { createScratchDatabase, type ScratchDatabase } from './scratchDatabase.js';

const { values } = parseArgs({
  options: {
    enrolments: { type: 'string', default: '1000000' },
    campaigns: { type: 'string', default: '1000' },
    mailboxes: { type: 'string', default: '200' },
    organizations: { type: 'string', default: '20' },
    batch: { type: 'string', default: '500' },
    claims: { type: 'string', default: '200' },
    profile: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
  },
});
const enrolments = Number(values.enrolments);
const campaigns = Number(values.campaigns);
const mailboxes = Number(values.mailboxes);
const organizations = Number(values.organizations);
const batch = Number(values.batch);
const claims = Number(values.claims);
if (campaigns % organizations !== 0 || mailboxes % organizations !== 0 || enrolments % campaigns !== 0) {
  throw new Error('--campaigns and --mailboxes must divide by --organizations, and --enrolments by --campaigns');
}
const perCampaign = enrolments / campaigns;

const loadAverage = () => os.loadavg().map((value) => Number(value.toFixed(2)));
const load = { start: loadAverage(), end: [] as number[] };
benchLog(`load average at the start: ${load.start.join(' ')}`);

const databaseName = 'ophir_bench_claims';
async function keptDatabase(): Promise<ScratchDatabase | undefined> {
  if (!values.reuse || !process.env.DATABASE_URL) return undefined;
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${databaseName}`;
  const probe = new pg.Client(pgConnectionOptions(url.toString()));
  const seeded = await probe.connect().then(
    () => probe.query<{ due: number }>(`SELECT count(*)::int AS due FROM messages`).then((result) => result.rows[0]!.due === enrolments),
    () => false,
  );
  await probe.end().catch(() => undefined);
  return seeded ? { name: databaseName, url, drop: async () => void benchLog(`kept ${databaseName} for the next --reuse run`) } : undefined;
}
const kept = await keptDatabase();
const fresh = kept ? undefined : await createScratchDatabase(databaseName, benchLog);
const database: ScratchDatabase = kept ?? fresh!;
const sql = new pg.Client(pgConnectionOptions(database.url.toString()));
await sql.connect();
if (values.reuse && !kept) {
  const { keep } = fresh!;
  database.drop = async () => {
    await keep();
    benchLog(`kept ${databaseName} for the next --reuse run`);
  };
}

async function timed(label: string, statement: string, params: unknown[] = []): Promise<void> {
  const started = performance.now();
  await sql.query(statement, params);
  benchLog(`${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The organizations, mailboxes, campaigns, leads, enrolments and their due sends, set-wise. */
async function seed(): Promise<void> {
  // Organizations, their mailboxes and campaigns (numbered so organization = campaign % organizations),
  // one step with one variant each, every campaign on all of its organization's mailboxes.
  await timed(
    'organizations, mailboxes, campaigns',
    `
    INSERT INTO organizations (id, name, "updatedAt")
      SELECT md5('org' || o)::uuid, 'Bench ' || o, now() FROM generate_series(0, $1 - 1) o;
    INSERT INTO mailboxes (id, "organizationId", provider, email, "dailyCap", "rampEnabled", "minGapSeconds", "gapJitterSeconds", "updatedAt")
      SELECT md5('mbx' || m)::uuid, md5('org' || (m % $1))::uuid, 'sandbox', 'sender' || m || '@bench.example', 2000, false, 0, 0, now()
      FROM generate_series(0, $2 - 1) m;
    INSERT INTO campaigns (id, "organizationId", name, status, schedule, "startedAt", "updatedAt")
      SELECT md5('cmp' || c)::uuid, md5('org' || (c % $1))::uuid, 'Campaign ' || c, 'active',
        '{"days":[1,2,3,4,5,6,7],"start":"00:00","end":"23:59","useLeadTimezone":false,"holidays":[]}', now(), now()
      FROM generate_series(0, $3 - 1) c;
    INSERT INTO campaign_mailboxes ("organizationId", "campaignId", "mailboxId")
      SELECT md5('org' || (c % $1))::uuid, md5('cmp' || c)::uuid, md5('mbx' || m)::uuid
      FROM generate_series(0, $3 - 1) c JOIN generate_series(0, $2 - 1) m ON m % $1 = c % $1;
    INSERT INTO sequence_steps (id, "organizationId", "campaignId", position, "updatedAt")
      SELECT md5('stp' || c)::uuid, md5('org' || (c % $1))::uuid, md5('cmp' || c)::uuid, 0, now() FROM generate_series(0, $3 - 1) c;
    INSERT INTO step_variants (id, "organizationId", "stepId", subject, "bodyText", "updatedAt")
      SELECT md5('var' || c)::uuid, md5('org' || (c % $1))::uuid, md5('stp' || c)::uuid, 'Hello {{firstName}}',
        'Hi {{firstName}}, a short note about {{company}}.', now()
      FROM generate_series(0, $3 - 1) c;`
      .replaceAll('$1', String(organizations))
      .replaceAll('$2', String(mailboxes))
      .replaceAll('$3', String(campaigns)),
  );

  // Each organization's leads: as many as one of its campaigns enrols; every campaign of the organization enrols all of them.
  await timed(
    `${(perCampaign * organizations).toLocaleString('en')} leads`,
    `INSERT INTO leads (id, "organizationId", email, "emailDomain", "firstName", company, "updatedAt")
     SELECT md5('lead' || o || ':' || l)::uuid, md5('org' || o)::uuid, 'lead' || l || '@org' || o || '.example', 'org' || o || '.example',
       'Lead' || l, 'Company ' || l, now()
     FROM generate_series(0, $1 - 1) o, generate_series(0, $2 - 1) l`,
    [organizations, perCampaign],
  );
  await timed(
    `${enrolments.toLocaleString('en')} enrolments`,
    `INSERT INTO enrollments (id, "organizationId", "campaignId", "leadId", "nextDueAt", "updatedAt")
     SELECT md5('enr' || c || ':' || l)::uuid, md5('org' || (c % $1))::uuid, md5('cmp' || c)::uuid, md5('lead' || (c % $1) || ':' || l)::uuid,
       now() - interval '1 minute', now()
     FROM generate_series(0, $2 - 1) c, generate_series(0, $3 - 1) l`,
    [organizations, campaigns, perCampaign],
  );
  await timed(
    `${enrolments.toLocaleString('en')} due sends`,
    `INSERT INTO messages (id, "organizationId", "campaignId", "enrollmentId", "leadId", "stepPosition", "variantId", "dueAt", "messageIdHeader", "updatedAt")
     SELECT md5('msg' || c || ':' || l)::uuid, md5('org' || (c % $1))::uuid, md5('cmp' || c)::uuid, md5('enr' || c || ':' || l)::uuid,
       md5('lead' || (c % $1) || ':' || l)::uuid, 0, md5('var' || c)::uuid,
       now() - interval '1 minute' + (l || ' milliseconds')::interval, '<' || md5('msg' || c || ':' || l) || '@bench.example>', now()
     FROM generate_series(0, $2 - 1) c, generate_series(0, $3 - 1) l`,
    [organizations, campaigns, perCampaign],
  );
  // As autovacuum does after a bulk load (it would start on these million rows during the measurement
  // otherwise): the rows' hint bits and the visibility map are set once, as in a database in service.
  await timed('VACUUM (ANALYZE)', 'VACUUM (ANALYZE)');
  // The seed's and the vacuum's writes reach the disk now, not during the measured claims' commits.
  await timed('CHECKPOINT', 'CHECKPOINT');
}

if (!kept) await seed();

const prisma = createPrismaClient({ databaseUrl: database.url.toString(), poolSize: 10 });
const links = new TrackingLinks({ publicUrl: 'https://bench.example', secret: async () => 'bench-tracking-secret-0123456789abcdef' });
const service = new ClaimService({ prisma, clock: systemClock, links, leaseSeconds: 600 });
// Campaigns with a whole batch still due and no lease (an earlier --reuse run leased some: once expired,
// a claim would first return them, a different measurement), the organizations interleaved.
const { rows: due } = await sql.query<{ id: string }>(
  `SELECT "campaignId" AS id FROM messages m WHERE status = 'queued' AND NOT EXISTS (SELECT 1 FROM send_leases l WHERE l."campaignId" = m."campaignId")
   GROUP BY "campaignId" HAVING count(*) >= $1
   ORDER BY min("createdAt"), "campaignId" LIMIT $2`,
  [batch, claims + 6],
);
if (due.length < claims + 6) throw new Error(`only ${due.length} campaigns have ${batch} sends due; seed afresh (without --reuse)`);
const explainCampaign = due.pop()!.id;

// Warm-up on campaigns the measured claims do not touch: compiled queries, the pool's connections, the buffer cache's indexes.
for (const { id } of due.splice(claims, 5)) await service.claim(id, batch);

const profiler = values.profile ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
// Every statement any connection sends (BEGIN and COMMIT included), to report the round trips per claim.
let statements = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;
const samples: number[] = [];
let claimed = 0;
const failures: string[] = [];
/**
 * One claim, timed, as the claim route makes it: in an async function of its own. A loop awaiting the claim
 * directly would keep the last batch alive through the loop's suspended frame, long-lived and so in the old
 * generation, until the next call (docs/performance.md, "Claims at scale"), a cost the server does not pay.
 */
async function timedClaim(campaignId: string): Promise<{ ms: number; items: number }> {
  const started = performance.now();
  // A failed call (the claim's transaction timing out on an overloaded host) counts with its time: n8n would retry it.
  const result = await service.claim(campaignId, batch).catch((error: unknown) => {
    failures.push((error as Error).message.split('\n')[0]!);
    return undefined;
  });
  return { ms: performance.now() - started, items: result?.items.length ?? 0 };
}
for (const { id } of due) {
  const { ms, items } = await timedClaim(id);
  samples.push(ms);
  claimed += items;
}
pg.Client.prototype.query = clientQuery;
if (failures.length > 0) benchLog(`${failures.length} claims failed: ${[...new Set(failures)].join('; ')}`);
load.end = loadAverage();
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  // A connected session keeps the process alive after the last line.
  profiler.disconnect();
  benchLog(`the claims' CPU by part: ${JSON.stringify(summariseProfile(profile))}`);
  const selfByFunction = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  profile.samples?.forEach((id, index) => {
    const frame = nodes.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + (profile.timeDeltas?.[index] ?? 0));
  });
  const top = [...selfByFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  benchLog(`top self time:\n${top.map(([name, micros]) => `  ${(micros / 1000).toFixed(0)} ms ${name}`).join('\n')}`);
}
benchLog(`load average at the end: ${load.end.join(' ')}`);

// In call order: a periodic spike (a garbage collection, a checkpoint) shows as such.
benchLog(`calls in order, ms: ${samples.map((ms) => ms.toFixed(0)).join(' ')}`);
const sorted = [...samples].sort((a, b) => a - b);
/** The nearest-rank percentile over every sample. */
const percentile = (p: number) => Number(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(2));

// The claim's statements on one more campaign, as ClaimService issues them (inside a rolled-back transaction); the
// mailbox capacity statement's parts one by one.
const organizationId = (await sql.query<{ id: string }>(`SELECT "organizationId" AS id FROM campaigns WHERE id = $1`, [explainCampaign]))
  .rows[0]!.id;
const explain = async (label: string, statement: string, params: unknown[]) => {
  const { rows } = await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement}`, params);
  benchLog(`--- ${label}\n${rows.map((row) => row['QUERY PLAN']).join('\n')}`);
};
await sql.query('BEGIN');
const nowText = new Date().toISOString();
await explain(
  'probe (campaign, pool, anything to do; the heartbeat when idle)',
  claimProbe.text,
  claimProbe.values(explainCampaign, new Date()),
);
await explain('return expired leases', returnExpiredCampaignLeases.text, [organizationId, explainCampaign, nowText]);
const pool = (
  await sql.query<{ id: string }>(`SELECT "mailboxId" AS id FROM campaign_mailboxes WHERE "campaignId" = $1 ORDER BY "mailboxId"`, [
    explainCampaign,
  ])
).rows.map((row) => row.id);
const lockValues = [organizationId, explainCampaign, nowText, pendingMessageStatuses, batch, pool];
await explain(
  'lock due sends, then the pool mailboxes, with enrolment, lead, variant, step and thread',
  lockDueCampaignSends.text,
  lockValues,
);
const locked = (await sql.query<{ id: string }>(lockDueCampaignSends.text, lockValues)).rows.map((row) => row.id);
await explain('lease the batch (and the heartbeat)', leaseSends.text, [
  organizationId,
  explainCampaign,
  JSON.stringify(locked.map((messageId, index) => ({ messageId, attempt: 1, mailboxId: pool[index % pool.length], subject: 'Hello' }))),
  new Date(Date.now() + 600_000).toISOString(),
  nowText,
]);
const mailboxId = pool[0]!;
await explain(
  'mailbox capacity: reserved by live leases',
  `SELECT count(*) FROM send_leases WHERE "mailboxId" = $2::uuid AND "leaseExpiresAt" > now() AND "organizationId" = $1::uuid`,
  [organizationId, mailboxId],
);
await explain(
  'campaign daily cap: sent today and in flight',
  `SELECT (SELECT count(*) FROM messages WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid AND status = 'sent'
     AND "sentAt" >= date_trunc('day', now()) AND "sentAt" < date_trunc('day', now()) + interval '1 day')
   + (SELECT count(*) FROM send_leases WHERE "organizationId" = $1::uuid AND "campaignId" = $2::uuid)`,
  [organizationId, explainCampaign],
);
await explain(
  'mailbox capacity: sent today',
  `SELECT count(*) FROM messages WHERE "organizationId" = $1::uuid AND "mailboxId" = $2::uuid AND status = 'sent'
   AND "sentAt" >= date_trunc('day', now()) AND "sentAt" < date_trunc('day', now()) + interval '1 day'`,
  [organizationId, mailboxId],
);
await explain(
  'mailbox capacity: last send',
  `SELECT max("sentAt") FROM messages WHERE "organizationId" = $1::uuid AND "mailboxId" = $2::uuid AND status = 'sent'`,
  [organizationId, mailboxId],
);
await sql.query('ROLLBACK');

await prisma.$disconnect();
await sql.end();
await database.drop();

const result = {
  bench: 'claims',
  enrolments,
  campaigns,
  mailboxes,
  organizations,
  batch,
  calls: samples.length,
  failedCalls: failures.length,
  claimedPerCall: Math.round(claimed / (samples.length - failures.length || 1)),
  p50Ms: percentile(50),
  p95Ms: percentile(95),
  p99Ms: percentile(99),
  maxMs: Number(sorted.at(-1)!.toFixed(2)),
  meanMs: Number((samples.reduce((sum, ms) => sum + ms, 0) / samples.length).toFixed(2)),
  statementsPerCall: Number((statements / samples.length).toFixed(1)),
  targetP95Ms: 20,
  loadAverage: load,
};
console.log(JSON.stringify(result));

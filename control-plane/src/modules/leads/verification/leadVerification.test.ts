// Lead address verification through the API, against a real DNS server on 127.0.0.1.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '../../../lib/clock.js';
import { createLogger } from '../../../lib/logger.js';
import { createDnsResolver } from '../../../lib/net/dnsResolver.js';
import { createCampaign, sequenceBody } from '../../../test/campaignApi.js';
import { startLocalDnsServer, type LocalDnsServer } from '../../../test/localDnsServer.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { until } from '../../../test/until.js';
import type { MailDomainResolver } from './domainVerdicts.js';
import { LeadVerificationService } from './leadVerification.service.js';

let t: TestApp;
let dns: LocalDnsServer;
let importsDir: string;

beforeAll(async () => {
  dns = await startLocalDnsServer(
    {
      'acme.example': { MX: [{ exchange: 'mx.acme.example', priority: 10 }] },
      'web-only.example': { A: ['192.0.2.10'] },
    },
    { silent: ['slow.example'] },
  );
  importsDir = await mkdtemp(path.join(os.tmpdir(), 'ophir-verify-'));
  t = await createTestApp({ env: { OPHIR_DNS_SERVERS: dns.address, OPHIR_DNS_TIMEOUT_MS: '300', LEAD_IMPORTS_DIR: importsDir } });
});
afterAll(async () => {
  await t.close();
  await dns.close();
  await rm(importsDir, { recursive: true, force: true });
});

type Run = { id: string; status: string; progress: { total: number; checked: number; domains: number }; counts: Record<string, number> };

async function importCsv(owner: SignedUp, csv: string, commit: object = {}) {
  const preview = await t.http
    .post('/api/lead-imports?fileName=leads.csv')
    .set(owner.auth)
    .set('Content-Type', 'text/csv')
    .send(Buffer.from(csv));
  expect(preview.status, preview.text).toBe(201);
  const started = await t.http.post(`/api/lead-imports/${preview.body.id}/commit`).set(owner.auth).send(commit);
  expect(started.status, started.text).toBe(202);
  const importId = preview.body.id as string;
  await until(
    'the import to complete',
    async () => (await t.http.get(`/api/lead-imports/${importId}`).set(owner.auth)).body.status === 'completed',
  );
  return importId;
}

async function importVerification(owner: SignedUp, importId: string): Promise<Run> {
  return until('the import’s verification to complete', async () => {
    const response = await t.http.get(`/api/lead-imports/${importId}/verification`).set(owner.auth);
    expect(response.status).toBe(200);
    return response.body?.status === 'completed' ? (response.body as Run) : undefined;
  });
}

async function verificationsByEmail(owner: SignedUp) {
  const leads = await t.http.get('/api/leads?limit=100').set(owner.auth);
  return Object.fromEntries(
    (leads.body.data as Array<{ email: string; verification: { status: string; reason: string | null; checkedAt: string | null } }>).map(
      (lead) => [lead.email, `${lead.verification.status}:${lead.verification.reason}`],
    ),
  );
}

const mixedFile = [
  'email,first_name',
  'ada@acme.example,Ada',
  'info@acme.example,Front desk',
  'grace@web-only.example,Grace',
  'bob@dead.example,Bob',
  'carl@slow.example,Carl',
  'throwaway@mailinator.com,Temp',
  'colleague@ophir.example,Col',
].join('\n');

describe('lead address verification', () => {
  let owner: SignedUp;

  beforeAll(async () => {
    owner = await signUp(t.http);
    // The organization sends from ophir.example: leads there are its own people.
    await createCampaign(t.http, owner);
  });

  it('checks an import’s new leads once it completes (on by default for a new organization): each lead gets a status and its reason', async () => {
    expect((await t.http.get('/api/organization').set(owner.auth)).body.verifyLeadsAtImport).toBe(true);
    const before = dns.queries.length;
    const importId = await importCsv(owner, mixedFile);
    expect((await t.http.get(`/api/lead-imports/${importId}`).set(owner.auth)).body.verifyAddresses).toBe(true);
    const run = await importVerification(owner, importId);
    expect(run.progress).toEqual({ total: 7, checked: 7, domains: 6 });
    expect(run.counts).toEqual({ valid: 2, risky: 2, invalid: 2, unknown: 1 });
    expect(await verificationsByEmail(owner)).toEqual({
      'ada@acme.example': 'valid:mx_found',
      'info@acme.example': 'risky:role_address',
      'grace@web-only.example': 'valid:a_found',
      'bob@dead.example': 'invalid:domain_not_found',
      'carl@slow.example': 'unknown:dns_timeout',
      'throwaway@mailinator.com': 'invalid:disposable_domain',
      'colleague@ophir.example': 'risky:own_domain',
    });
    // Asked about: acme (MX), web-only (MX, then A and AAAA), dead (MX), slow (MX, no answer). Disposable and own domains need no lookup.
    expect(dns.queries.slice(before).sort()).toEqual(
      ['acme.example', 'dead.example', 'slow.example', 'web-only.example', 'web-only.example', 'web-only.example'].sort(),
    );

    const invalid = await t.http.get('/api/leads?verificationStatus=invalid').set(owner.auth);
    expect(invalid.body.data.map((lead: { email: string }) => lead.email).sort()).toEqual(['bob@dead.example', 'throwaway@mailinator.com']);
  });

  it('leaves the invalid addresses out of an enrolment and counts them, unless asked to include them', async () => {
    const { campaignId } = await createCampaign(t.http, owner, { name: 'Skips dead domains' });
    expect((await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send(sequenceBody())).status).toBe(200);
    const leads = await t.http.get('/api/leads?limit=100').set(owner.auth);
    const leadIds = (leads.body.data as Array<{ id: string }>).map((lead) => lead.id);
    const preview = await t.http.post(`/api/campaigns/${campaignId}/enrollments/preview`).set(owner.auth).send({ leadIds });
    expect(preview.body).toMatchObject({ enrolled: 5, skipped: { invalidAddress: 2 } });
    const included = await t.http
      .post(`/api/campaigns/${campaignId}/enrollments/preview`)
      .set(owner.auth)
      .send({ leadIds, includeInvalidAddresses: true });
    expect(included.body).toMatchObject({ enrolled: 7, skipped: { invalidAddress: 0 } });

    const enrolled = await t.http.post(`/api/campaigns/${campaignId}/enrollments`).set(owner.auth).send({ filter: {} });
    expect(enrolled.body).toMatchObject({ enrolled: 5, skipped: { invalidAddress: 2 } });
    const enrolments = await t.http.get(`/api/campaigns/${campaignId}/enrollments`).set(owner.auth);
    const enrolledEmails = (enrolments.body.data as Array<{ leadEmail: string }>).map((enrolment) => enrolment.leadEmail);
    expect(enrolledEmails).not.toContain('bob@dead.example');
    expect(enrolledEmails).not.toContain('throwaway@mailinator.com');
  });

  it('checks chosen leads on demand, reusing what DNS already said and asking again only where it did not answer', async () => {
    const leads = await t.http.get('/api/leads?limit=100').set(owner.auth);
    const ids = (leads.body.data as Array<{ id: string; email: string }>)
      .filter((lead) => ['ada@acme.example', 'bob@dead.example', 'carl@slow.example'].includes(lead.email))
      .map((lead) => lead.id);
    const before = dns.queries.length;
    const started = await t.http.post('/api/lead-verifications').set(owner.auth).send({ leadIds: ids });
    expect(started.status, started.text).toBe(202);
    const run = await until('the run to complete', async () => {
      const response = await t.http.get(`/api/lead-verifications/${started.body.id}`).set(owner.auth);
      return response.body.status === 'completed' ? (response.body as Run) : undefined;
    });
    expect(run.counts).toEqual({ valid: 1, risky: 0, invalid: 1, unknown: 1 });
    expect(dns.queries.slice(before)).toEqual(['slow.example']);

    const filtered = await t.http
      .post('/api/lead-verifications')
      .set(owner.auth)
      .send({ filter: { verificationStatus: 'unknown' } });
    expect(filtered.status, filtered.text).toBe(202);
    expect(filtered.body.progress.total).toBe(1);
    await until('the filtered run to complete', async () => {
      const response = await t.http.get(`/api/lead-verifications/${filtered.body.id}`).set(owner.auth);
      return response.body.status === 'completed';
    });
    const refused = await t.http.post('/api/lead-verifications').set(owner.auth).send({});
    expect(refused.status).toBe(400);
  });

  it('leaves an import unchecked when it says so, and an organization that turned the default off imports without checks', async () => {
    const skipped = await importCsv(owner, 'email\nnew@acme.example\n', { verifyAddresses: false });
    expect((await t.http.get(`/api/lead-imports/${skipped}/verification`).set(owner.auth)).body).toBeNull();

    const admin = await signUp(t.http);
    const switched = await t.http.patch('/api/organization').set(admin.auth).send({ verifyLeadsAtImport: false });
    expect(switched.body.verifyLeadsAtImport).toBe(false);
    const unchecked = await importCsv(admin, 'email\nsomeone@dead.example\n');
    expect((await t.http.get(`/api/lead-imports/${unchecked}/verification`).set(admin.auth)).body).toBeNull();
    expect(await verificationsByEmail(admin)).toEqual({ 'someone@dead.example': 'unverified:null' });
    const optedIn = await importCsv(admin, 'email\nother@dead.example\n', { verifyAddresses: true });
    expect((await importVerification(admin, optedIn)).counts.invalid).toBe(1);

    // A new address is a new question: what was found about the old one no longer shows.
    const leads = (await t.http.get('/api/leads?verificationStatus=invalid').set(admin.auth)).body.data as Array<{ id: string }>;
    const moved = await t.http.patch(`/api/leads/${leads[0]!.id}`).set(admin.auth).send({ email: 'other@acme.example' });
    expect(moved.body.verification).toEqual({ status: 'unverified', reason: null, checkedAt: null });
    expect(await verificationsByEmail(admin)).toEqual({
      'someone@dead.example': 'unverified:null',
      'other@acme.example': 'unverified:null',
    });
  });

  it('continues a run a stopped process left behind after the last lead it wrote, keeping its counts', async () => {
    const admin = await signUp(t.http);
    const ids: string[] = [];
    for (const email of ['one@acme.example', 'two@acme.example', 'three@acme.example'])
      ids.push((await t.http.post('/api/leads').set(admin.auth).send({ email })).body.id as string);
    ids.sort();
    // As a process that died after writing its first page (the first lead) leaves it: its last heartbeat a
    // minute ago, past the 45 s bound (LEAD_VERIFICATION_STALE_AFTER_SECONDS).
    const stopped = await t.prisma.leadVerificationRun.create({
      data: {
        organizationId: admin.organization.id,
        status: 'running',
        selection: { leadIds: ids },
        total: 3,
        checked: 1,
        valid: 1,
        domains: 1,
        lastLeadId: ids[0]!,
        startedAt: new Date(),
      },
    });
    await t.prisma.$executeRaw`UPDATE lead_verification_runs SET "updatedAt" = now() - interval '1 minute' WHERE id = ${stopped.id}::uuid`;

    expect((await t.app.leadImportUpkeep.runOnce()).verificationsResumed).toBe(1);
    const run = await until('the resumed run to complete', async () => {
      const response = await t.http.get(`/api/lead-verifications/${stopped.id}`).set(admin.auth);
      return response.body.status === 'completed' ? (response.body as Run) : undefined;
    });
    expect(run.progress).toEqual({ total: 3, checked: 3, domains: 1 });
    expect(run.counts).toEqual({ valid: 3, risky: 0, invalid: 0, unknown: 0 });
    // The lead before the resume point is not checked again; the ones after it are.
    const statuses = Object.fromEntries(
      await Promise.all(
        ids.map(async (id) => [id, (await t.http.get(`/api/leads/${id}`).set(admin.auth)).body.verification.status as string]),
      ),
    );
    expect(statuses).toEqual({ [ids[0]!]: 'unverified', [ids[1]!]: 'valid', [ids[2]!]: 'valid' });
    // A finished run, like one still making progress, is left alone.
    expect((await t.app.leadImportUpkeep.runOnce()).verificationsResumed).toBe(0);
  });
});

describe('a run and the processes that may run it', () => {
  const staleAfterMs = 45_000;
  let admin: SignedUp;

  beforeAll(async () => {
    admin = await signUp(t.http);
  });

  /** What one control-plane process runs for verification: its own service, on the test's clock. */
  function controlPlaneProcess(clock: Clock, resolver: MailDomainResolver, heartbeatMs: number) {
    return new LeadVerificationService({
      prisma: t.prisma,
      clock,
      logger: createLogger({ level: 'silent' }),
      resolver,
      concurrency: 4,
      cacheTtlMs: 0,
      staleAfterMs,
      heartbeatMs,
    });
  }

  /** A resolver whose lookups wait until the test opens it: a page held in its DNS lookups. */
  function heldResolver() {
    const real = createDnsResolver({ servers: [dns.address], timeoutMs: 300 });
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const resolver: MailDomainResolver = {
      resolveMx: async (name) => opened.then(() => real.resolveMx(name)),
      resolve4: async (name) => opened.then(() => real.resolve4(name)),
      resolve6: async (name) => opened.then(() => real.resolve6(name)),
    };
    return { resolver, open };
  }

  /** A run over three new leads at a domain with MX, as a stopped process left it before writing any: last seen a minute ago. */
  async function stoppedRun(clock: Clock, prefix: string) {
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three'])
      ids.push(
        (
          await t.http
            .post('/api/leads')
            .set(admin.auth)
            .send({ email: `${prefix}-${name}@acme.example` })
        ).body.id as string,
      );
    return t.prisma.leadVerificationRun.create({
      data: {
        organizationId: admin.organization.id,
        status: 'running',
        selection: { leadIds: ids },
        total: 3,
        startedAt: clock.now(),
        updatedAt: new Date(clock.now().getTime() - 60_000),
      },
    });
  }

  const runRow = (id: string) => t.prisma.leadVerificationRun.findUniqueOrThrow({ where: { id } });

  it('leaves alone a run whose process heartbeats while its page waits on DNS, however long the wait', async () => {
    const clock = new ManualClock(new Date());
    const held = heldResolver();
    const live = controlPlaneProcess(clock, held.resolver, 20);
    const upkeep = controlPlaneProcess(clock, createDnsResolver({ servers: [dns.address], timeoutMs: 300 }), 20);
    const stopped = await stoppedRun(clock, 'live');
    expect(await live.resumeInterrupted()).toBe(1);
    const runner = (
      await until('the run to be running again', async () => {
        const row = await runRow(stopped.id);
        return row.status === 'running' ? row : undefined;
      })
    ).runnerId;

    // Ten minutes on the page's lookups: only the heartbeat shows the process is alive.
    clock.advance(10 * 60_000);
    await until('a heartbeat at the new time', async () => (await runRow(stopped.id)).updatedAt.getTime() === clock.now().getTime());
    expect(await upkeep.resumeInterrupted()).toBe(0);

    held.open();
    await live.settled();
    expect(await runRow(stopped.id)).toMatchObject({ status: 'completed', runnerId: runner, checked: 3, valid: 3, error: null });
  });

  it('takes over, once, a run whose process went silent past the bound, and the silent process stops when it wakes', async () => {
    const clock = new ManualClock(new Date());
    const held = heldResolver();
    // Its heartbeats no longer reach the database (an hour apart): to the others it looks stopped.
    const silent = controlPlaneProcess(clock, held.resolver, 3_600_000);
    const resolver = createDnsResolver({ servers: [dns.address], timeoutMs: 300 });
    const [first, second] = [controlPlaneProcess(clock, resolver, 20), controlPlaneProcess(clock, resolver, 20)];
    const stopped = await stoppedRun(clock, 'silent');
    expect(await silent.resumeInterrupted()).toBe(1);
    const silentRunner = (
      await until('the run to be running again', async () => {
        const row = await runRow(stopped.id);
        return row.status === 'running' ? row : undefined;
      })
    ).runnerId;

    // Silent for exactly the bound: not older than it yet.
    clock.advance(staleAfterMs);
    expect(await first.resumeInterrupted()).toBe(0);
    clock.advance(1);
    const sweeps = await Promise.all([first.resumeInterrupted(), second.resumeInterrupted()]);
    expect(sweeps.sort()).toEqual([0, 1]);
    await Promise.all([first.settled(), second.settled()]);
    const taken = await runRow(stopped.id);
    expect(taken).toMatchObject({ status: 'completed', checked: 3, valid: 3, error: null });
    expect(taken.runnerId).not.toBe(silentRunner);

    // The silent process finishes its page: its writes no longer count, and it neither fails nor completes the run again.
    clock.advance(1000);
    held.open();
    await silent.settled();
    expect(await runRow(stopped.id)).toEqual(taken);
  });
});

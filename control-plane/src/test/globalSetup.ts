/**
 * Starts one PostgreSQL for the whole run (embedded, or the server in TEST_DATABASE_URL / DATABASE_URL),
 * migrates a template database once with `prisma migrate deploy`, and hands its coordinates to the
 * test files, which clone it per file (CREATE DATABASE ... TEMPLATE) for isolation.
 */
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { dataRoot } from '../lib/paths.js';
import { applyMigrations } from '../runtime/migrations.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../runtime/postgres/embeddedPostgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    templateDatabase: string;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  let embedded: RunningPostgres | undefined;
  let embeddedDir: string | undefined;
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let adminUrl: string;
  if (configured) {
    adminUrl = withDatabase(configured, 'postgres');
  } else {
    await mkdir(dataRoot, { recursive: true });
    embeddedDir = await mkdtemp(path.join(dataRoot, 'test-postgres-'));
    // mkdtemp makes the folder private; as root, Postgres runs as another user that must enter it.
    await chmod(embeddedDir, 0o755);
    embedded = await startEmbeddedPostgres({ databaseDir: path.join(embeddedDir, 'data') });
    adminUrl = embedded.adminUrl;
  }

  const templateDatabase = `ophir_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  await applyMigrations({ databaseUrl: withDatabase(adminUrl, templateDatabase) });

  project.provide('postgresAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    if (embedded) {
      await embedded.stop();
      await rm(embeddedDir!, { recursive: true, force: true });
      return;
    }
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await cleanup.end();
  };
}

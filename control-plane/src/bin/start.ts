/**
 * `npm start`: brings the platform up in order — Postgres (embedded unless DATABASE_URL is set),
 * migrations, then the control plane — and takes it down cleanly on Ctrl-C.
 */
import path from 'node:path';
import process from 'node:process';
import { loadConfig, ConfigError } from '../lib/config.js';
import { systemClock } from '../lib/clock.js';
import { createPrismaClient } from '../lib/db/prisma.js';
import { createLogger } from '../lib/logger.js';
import { dataRoot } from '../lib/paths.js';
import { loadOrCreateDevSecrets } from '../runtime/devSecrets.js';
import { applyMigrations } from '../runtime/migrations.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../runtime/postgres/embeddedPostgres.js';
import { startServer } from '../server.js';

const prefixed = (part: string) => (text: string) => {
  for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${part}] ${line}\n`);
};
const stopSteps: Array<() => Promise<void>> = [];
let stopping = false;

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const step of stopSteps.reverse()) {
      await step().catch((error: unknown) => prefixed('ophir')(`while stopping: ${String(error)}`));
    }
  }
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env };
  if (env.NODE_ENV !== 'production') {
    const devSecrets = await loadOrCreateDevSecrets(dataRoot);
    for (const [name, value] of Object.entries(devSecrets)) env[name] ??= value;
  }

  if (!env.DATABASE_URL) {
    prefixed('postgres')('no DATABASE_URL: starting the embedded PostgreSQL in .data/postgres');
    const postgres: RunningPostgres = await startEmbeddedPostgres({
      databaseDir: path.join(dataRoot, 'postgres'),
      onLog: prefixed('postgres'),
    });
    stopSteps.push(() => postgres.stop());
    await postgres.createDatabase('ophir');
    env.DATABASE_URL = postgres.databaseUrl('ophir');
  }

  const config = loadConfig(env);
  prefixed('migrate')('applying migrations');
  await applyMigrations({ databaseUrl: config.DATABASE_URL, onLog: prefixed('migrate') });

  const logger = createLogger({ level: config.LOG_LEVEL });
  const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  stopSteps.push(() => prisma.$disconnect());
  const server = await startServer({ config, prisma, logger, clock: systemClock });
  stopSteps.push(() => server.close());
  prefixed('ophir')(`control plane ready at ${server.url} (health: ${server.url}/healthz, API docs: ${server.url}/api/openapi.json)`);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

main().catch((error: unknown) => {
  prefixed('ophir')(error instanceof ConfigError ? error.message : `failed to start: ${(error as Error).stack ?? String(error)}`);
  void stopAll(1);
});

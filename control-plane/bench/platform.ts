/**
 * The real stack for benchmarks: PostgreSQL (DATABASE_URL's server with a fresh database, or an
 * embedded one), migrations, the provisioned n8n with our nodes, and the control plane listening on
 * a free port with its n8n key and credential bootstrapped — the same pieces `npm start` runs.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { createApp, type App } from '../src/app.js';
import { systemClock, type Clock } from '../src/lib/clock.js';
import { loadConfig } from '../src/lib/config.js';
import { createPrismaClient, type PrismaClient } from '../src/lib/db/prisma.js';
import { createLogger } from '../src/lib/logger.js';
import { dataRoot, repoRoot } from '../src/lib/paths.js';
import { n8nApiKeyName } from '../src/modules/platform/platformSecrets.js';
import { findFreePort } from '../src/runtime/freePort.js';
import { bootstrapN8n, startN8n, type RunningN8n, type StartN8nOptions } from '../src/runtime/n8n/index.js';
import { assertRedisReachable, dropN8nDatabase, ensureN8nDatabase } from '../src/runtime/n8n/queueMode.js';
import { createScratchDatabase } from './scratchDatabase.js';

export interface BenchControlPlane {
  app: App;
  prisma: PrismaClient;
  url: string;
  stop(): Promise<void>;
}

export interface BenchPlatform extends BenchControlPlane {
  /** n8n's main process (the only one in single mode). */
  n8n: RunningN8n;
  n8nApiKey: string;
}

export const benchLog = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** A production configuration for an app the bench serves on 127.0.0.1:`port`, with throwaway secrets. */
export function benchConfig(databaseUrl: string, port: number, env: Record<string, string> = {}) {
  const url = `http://127.0.0.1:${port}`;
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    ENCRYPTION_ACTIVE_KEY_ID: 'bench',
    ...env,
  });
}

/** The control plane alone on a free port of 127.0.0.1, over `databaseUrl` (already migrated), as `npm start` assembles it. */
export async function startBenchControlPlane(options: {
  databaseUrl: string;
  clock?: Clock;
  env?: Record<string, string>;
  logDestination?: DestinationStream;
}): Promise<BenchControlPlane> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const config = benchConfig(options.databaseUrl, port, { DATABASE_POOL_SIZE: '20', N8N_CALLBACK_BASE_URL: url, ...options.env });
  const prisma = createPrismaClient({ databaseUrl: options.databaseUrl, poolSize: config.DATABASE_POOL_SIZE });
  const app = createApp({
    config,
    prisma,
    logger: createLogger({ level: config.LOG_LEVEL, ...(options.logDestination ? { destination: options.logDestination } : {}) }),
    clock: options.clock ?? systemClock,
  });
  const server: Server = app.express.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    app,
    prisma,
    url,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await prisma.$disconnect();
    },
  };
}

/** How the bench runs n8n: one process, or `npm start`'s queue mode (a main and `workers` workers on REDIS_URL's Redis). */
export type BenchN8nMode = { mode: 'single' } | { mode: 'queue'; workers: number };

export async function startBenchPlatform(
  options: { clock?: Clock; env?: Record<string, string>; n8n?: BenchN8nMode } = {},
): Promise<BenchPlatform> {
  const stops: Array<() => Promise<unknown>> = [];
  await mkdir(dataRoot, { recursive: true });
  const scratch = await mkdtemp(path.join(dataRoot, 'bench-'));
  await chmod(scratch, 0o755);
  stops.push(() => rm(scratch, { recursive: true, force: true }));

  const database = await createScratchDatabase(`ophir_bench_${randomBytes(4).toString('hex')}`, benchLog);
  stops.push(() => database.drop());

  const common: StartN8nOptions = {
    userFolder: path.join(scratch, 'n8n'),
    encryptionKey: randomBytes(24).toString('hex'),
    customExtensions: [path.join(repoRoot, 'custom-nodes', 'dist')],
    logLevel: 'warn',
    // A loaded host (several engineers' tests) was seen to need more than the default 120 s for n8n to come up.
    readyTimeoutMs: 600_000,
  };
  const n8nMode = options.n8n ?? { mode: 'single' };
  if (n8nMode.mode === 'queue') {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    await assertRedisReachable(redisUrl);
    const n8nDatabase = `${database.name}_n8n`;
    common.postgres = await ensureN8nDatabase(database.url.toString(), n8nDatabase);
    stops.push(() => dropN8nDatabase(database.url.toString(), n8nDatabase));
    common.queue = { redisUrl, keyPrefix: n8nDatabase };
  }
  benchLog(n8nMode.mode === 'queue' ? `starting n8n: a main and ${n8nMode.workers} workers` : 'starting n8n');
  const n8n = await startN8n({ ...common, port: 0 });
  stops.push(() => n8n.stop());
  const workers = await Promise.all(
    Array.from({ length: n8nMode.mode === 'queue' ? n8nMode.workers : 0 }, (_, index) =>
      startN8n({ ...common, role: 'worker', userFolder: path.join(scratch, `n8n-worker-${index + 1}`) }),
    ),
  );
  for (const worker of workers) stops.push(() => worker.stop());
  const { apiKey } = await bootstrapN8n({
    url: n8n.url,
    owner: { email: 'owner@ophir.bench', password: 'Bench-Owner-Pass-1', firstName: 'Ophir', lastName: 'Bench' },
  });

  const controlPlane = await startBenchControlPlane({
    databaseUrl: database.url.toString(),
    ...(options.clock ? { clock: options.clock } : {}),
    env: { N8N_URL: n8n.url, ...options.env },
  });
  stops.push(() => controlPlane.stop());
  await controlPlane.app.platformSecrets.set(n8nApiKeyName, apiKey);
  await controlPlane.app.n8n.controlPlaneCredential();

  return {
    ...controlPlane,
    n8n,
    n8nApiKey: apiKey,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch((error: unknown) => benchLog(`while stopping: ${String(error)}`));
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

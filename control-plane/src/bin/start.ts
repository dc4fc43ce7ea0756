/**
 * `npm start`: brings the platform up in order — Postgres (embedded unless DATABASE_URL is set),
 * migrations, n8n (the provisioned local one unless N8N_URL is set), the control plane — and takes
 * it all down cleanly on Ctrl-C. Each part's log lines are prefixed with its name.
 */
import path from 'node:path';
import process from 'node:process';
import { loadConfig, ConfigError, type Config } from '../lib/config.js';
import { systemClock } from '../lib/clock.js';
import { createPrismaClient } from '../lib/db/prisma.js';
import { createLogger } from '../lib/logger.js';
import { dataRoot, repoRoot } from '../lib/paths.js';
import { n8nApiKeyName } from '../modules/platform/platformSecrets.js';
import { loadOrCreateDevSecrets } from '../runtime/devSecrets.js';
import { applyMigrations } from '../runtime/migrations.js';
import { bootstrapN8n, isN8nRuntimeProvisioned, startN8n, type RunningN8n } from '../runtime/n8n/index.js';
import { startEmbeddedPostgres } from '../runtime/postgres/embeddedPostgres.js';
import { startServer, type RunningServer } from '../server.js';

const prefixed = (part: string) => (text: string) => {
  for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${part}] ${line}\n`);
};
const say = prefixed('ophir');
const stopSteps: Array<() => Promise<void>> = [];
let stopping = false;

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const step of stopSteps.reverse()) {
      await step().catch((error: unknown) => say(`while stopping: ${String(error)}`));
    }
  }
  process.exit(exitCode);
}

const owner = (env: Record<string, string | undefined>) => ({
  email: env.N8N_OWNER_EMAIL ?? 'owner@ophir.example',
  password: env.N8N_OWNER_PASSWORD!,
  firstName: 'Ophir',
  lastName: 'Operator',
});

async function startLocalN8n(env: Record<string, string | undefined>): Promise<RunningN8n> {
  if (!isN8nRuntimeProvisioned()) {
    throw new Error('n8n is not provisioned: run `npm install` (it installs n8n into .n8n-runtime/), or set N8N_URL and N8N_API_KEY');
  }
  if (!env.N8N_OWNER_PASSWORD) throw new Error('Set N8N_OWNER_PASSWORD for the local n8n owner (generated automatically outside production)');
  prefixed('n8n')('starting the local n8n with the Ophir nodes');
  const n8n = await startN8n({
    userFolder: path.join(dataRoot, 'n8n'),
    encryptionKey: env.N8N_ENCRYPTION_KEY!,
    port: Number(env.N8N_PORT ?? 5678),
    customExtensions: [path.join(repoRoot, 'custom-nodes', 'dist')],
    onLog: prefixed('n8n'),
  });
  stopSteps.push(async () => {
    await n8n.stop();
  });
  // A crash of n8n is reported, not hidden; the control plane keeps serving everything else.
  void n8n.exited.then((exit) => {
    if (!stopping) say(`n8n exited unexpectedly (${JSON.stringify(exit)}); deployments answer 503 until it is back`);
  });
  return n8n;
}

/**
 * Owner and API key (stored encrypted) unless an API key is configured, then the credential our
 * nodes call back with. Works for the local n8n and for a fresh external one (docker-compose).
 */
async function connectN8n(server: RunningServer, config: Config, env: Record<string, string | undefined>): Promise<void> {
  const { platformSecrets, n8n } = server.app;
  if (!config.N8N_API_KEY) {
    if (!env.N8N_OWNER_PASSWORD) throw new Error('Set N8N_API_KEY, or N8N_OWNER_PASSWORD so the control plane can set n8n up itself');
    const result = await bootstrapN8n({ url: config.N8N_URL!, owner: owner(env), existingApiKey: await platformSecrets.get(n8nApiKeyName) });
    if (result.apiKeyMinted) await platformSecrets.set(n8nApiKeyName, result.apiKey);
    // A new n8n (its data was reset) no longer has the credential we remembered.
    if (result.ownerCreated) await n8n.forgetCredential();
  }
  await n8n.controlPlaneCredential();
}

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env };
  if (env.NODE_ENV !== 'production') {
    const devSecrets = await loadOrCreateDevSecrets(dataRoot);
    for (const [name, value] of Object.entries(devSecrets)) env[name] ??= value;
  }

  if (!env.DATABASE_URL) {
    prefixed('postgres')('no DATABASE_URL: starting the embedded PostgreSQL in .data/postgres');
    const postgres = await startEmbeddedPostgres({ databaseDir: path.join(dataRoot, 'postgres'), onLog: prefixed('postgres') });
    stopSteps.push(() => postgres.stop());
    await postgres.createDatabase('ophir');
    env.DATABASE_URL = postgres.databaseUrl('ophir');
  }

  const localN8n = !env.N8N_URL;
  let config: Config = loadConfig(env);
  prefixed('migrate')('applying migrations');
  await applyMigrations({ databaseUrl: config.DATABASE_URL, onLog: prefixed('migrate') });

  if (localN8n) {
    const n8n = await startLocalN8n(env);
    env.N8N_URL = n8n.url;
    config = loadConfig(env);
  }

  const logger = createLogger({ level: config.LOG_LEVEL });
  const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  stopSteps.push(() => prisma.$disconnect());
  const server = await startServer({ config, prisma, logger, clock: systemClock });
  stopSteps.push(() => server.close());

  try {
    await connectN8n(server, config, env);
  } catch (error) {
    // The control plane serves everything else without n8n; deployments retry once it is reachable.
    say(`n8n is not usable yet (${(error as Error).message}); deployments answer 503 until it is`);
  }
  if (config.RECONCILER_ENABLED) {
    server.app.reconciler.start(config.RECONCILE_CRON);
    stopSteps.push(async () => server.app.reconciler.stop());
  }
  server.app.leadImportUpkeep.start(config.LEAD_IMPORT_UPKEEP_CRON);
  stopSteps.push(async () => server.app.leadImportUpkeep.stop());

  say(`control plane ready at ${server.url} (health: ${server.url}/healthz, API: ${server.url}/api/openapi.json)`);
  if (localN8n) {
    say(`n8n editor at ${config.N8N_URL}: sign in as ${owner(env).email}, password N8N_OWNER_PASSWORD in .data/dev-secrets.json`);
  }
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

main().catch((error: unknown) => {
  say(error instanceof ConfigError ? error.message : `failed to start: ${(error as Error).stack ?? String(error)}`);
  void stopAll(1);
});

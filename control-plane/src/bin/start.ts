/**
 * `npm start`: brings the platform up in order — Postgres (embedded unless DATABASE_URL is set),
 * migrations, n8n (the provisioned local one unless N8N_URL is set; with OPHIR_N8N_MODE=queue a main and
 * N8N_WORKERS workers on Redis), the control plane — keeps the
 * processes it started alive (docs/operations.md), and takes it all down cleanly on Ctrl-C. Each
 * part's log lines are prefixed with its name.
 */
import path from 'node:path';
import process from 'node:process';
import { ConfigError, launcherSettings, loadConfig, type Config } from '../lib/config.js';
import { systemClock } from '../lib/clock.js';
import { controlPlaneLeaderLockKey, Leadership } from '../lib/db/leadership.js';
import { createPrismaClient } from '../lib/db/prisma.js';
import { createLogger } from '../lib/logger.js';
import { repoRoot } from '../lib/paths.js';
import { loadOrCreateDevSecrets } from '../runtime/devSecrets.js';
import { applyMigrations } from '../runtime/migrations.js';
import { isN8nRuntimeProvisioned, startN8n, type RunningN8n, type StartN8nOptions } from '../runtime/n8n/index.js';
import { N8nLink } from '../runtime/n8n/n8nLink.js';
import {
  assertRedisReachable,
  ensureN8nDatabase,
  n8nDatabaseName,
  redactedRedisUrl,
  RedisUnreachableError,
} from '../runtime/n8n/queueMode.js';
import { leaveSignalsToCaller, startEmbeddedPostgres } from '../runtime/postgres/embeddedPostgres.js';
import { periodicJobs } from '../runtime/periodicJobs.js';
import { Supervisor, type SupervisedChild, type SupervisorEvent } from '../runtime/supervisor.js';
import { startServer, type RunningServer } from '../server.js';

const prefixed = (part: string) => (text: string) => {
  for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${part}] ${line}\n`);
};
const say = prefixed('ophir');
const stopSteps: Array<{ name: string; run: () => Promise<void> }> = [];
const supervisors: Array<{ name: string; supervisor: Pick<Supervisor<SupervisedChild>, 'halt' | 'state' | 'lastProblem'> }> = [];
let stopping = false;
/** The longest one part may take to stop before Ctrl-C goes on without it. */
const stopStepLimitMs = 20_000;

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    // First, so a child exiting on the same Ctrl-C is not restarted while the rest shuts down.
    for (const { supervisor } of supervisors) supervisor.halt();
    for (const step of stopSteps.reverse()) {
      const startedAt = Date.now();
      const stopped = step.run().then(
        () => true,
        (error: unknown) => {
          say(`while stopping ${step.name}: ${String(error)}`);
          return true;
        },
      );
      // Ctrl-C always ends the launcher: a part that does not stop in time is named and left behind
      // (n8n's own stop escalates to SIGKILL within this limit, and its tree is killed on exit).
      let limit: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => (limit = setTimeout(() => resolve(false), stopStepLimitMs)));
      const finished = await Promise.race([stopped, timedOut]);
      clearTimeout(limit);
      const seconds = (Date.now() - startedAt) / 1000;
      if (!finished) say(`stopping ${step.name} did not finish within ${stopStepLimitMs / 1000} s; going on without it`);
      else if (seconds >= 5) say(`stopping ${step.name} took ${seconds.toFixed(1)} s`);
    }
  }
  process.exit(exitCode);
}

const leadershipMessages = {
  gained: 'this replica now leads: it runs the periodic jobs',
  lost: 'this replica lost its leadership connection: periodic jobs stopped, trying to lead again',
  released: 'this replica gave up leadership: periodic jobs stopped',
} as const;

const owner = (config: Config) =>
  config.N8N_OWNER_PASSWORD
    ? { email: config.N8N_OWNER_EMAIL, password: config.N8N_OWNER_PASSWORD, firstName: 'Ophir', lastName: 'Operator' }
    : undefined;

const supervisionOf = (config: Config) => ({
  backoff: { initialMs: config.SUPERVISOR_BACKOFF_INITIAL_MS, maxMs: config.SUPERVISOR_BACKOFF_MAX_MS },
  stableAfterMs: config.SUPERVISOR_STABLE_AFTER_SECONDS * 1000,
  maxFastCrashes: config.SUPERVISOR_MAX_FAST_CRASHES,
});

/** Logs a supervised process's life in words an operator acts on. Metrics are attached once the app exists. */
function narrate(name: string, metrics: () => RunningServer['app']['metrics'] | undefined) {
  return (event: SupervisorEvent) => {
    const gauges = metrics();
    switch (event.kind) {
      case 'started':
        gauges?.processUp.set({ process: name }, 1);
        if (event.restarts > 0) say(`${name} is running again (restart ${event.restarts})`);
        return;
      case 'start_failed':
        say(`${name} could not start: ${event.error}`);
        return;
      case 'crashed':
        gauges?.processUp.set({ process: name }, 0);
        if (!stopping) say(`${name} exited unexpectedly (${event.exit}, after ${Math.round(event.ranForMs / 1000)} s)`);
        return;
      case 'restarting':
        gauges?.processRestarts.inc({ process: name });
        say(`restarting ${name} in ${(event.inMs / 1000).toFixed(1)} s (restart ${event.attempt}); readiness is not-ready meanwhile`);
        return;
      case 'gave_up':
        gauges?.processUp.set({ process: name }, 0);
        say(`giving up on ${name}: ${event.reason}. Readiness stays not-ready.`);
        return;
    }
  };
}

/**
 * Queue mode's prerequisites, checked before any n8n starts: Redis answers, and n8n's own database exists
 * beside the control plane's (created when missing).
 */
async function queueModeOf(config: Config): Promise<Pick<StartN8nOptions, 'queue' | 'postgres'>> {
  if (config.OPHIR_N8N_MODE !== 'queue') return {};
  say(`queue mode: n8n main and ${config.N8N_WORKERS} worker(s) on Redis at ${redactedRedisUrl(config.REDIS_URL)}`);
  await assertRedisReachable(config.REDIS_URL);
  const postgres = await ensureN8nDatabase(config.DATABASE_URL, n8nDatabaseName(config.DATABASE_URL));
  return { postgres, queue: { redisUrl: config.REDIS_URL, keyPrefix: `ophir-${postgres.database}` } };
}

/** Starts one n8n process (main or worker) under a supervisor that restarts it when it crashes; its log lines carry `name`. */
async function superviseN8n(
  name: string,
  config: Config,
  metrics: () => RunningServer['app']['metrics'] | undefined,
  options: StartN8nOptions,
): Promise<Supervisor<RunningN8n>> {
  const supervisor = new Supervisor({
    name,
    ...supervisionOf(config),
    start: () => startN8n({ ...options, onLog: prefixed(name) }),
    onEvent: narrate(name, metrics),
  });
  if (options.role === 'worker')
    supervisor.onRunning((running) => prefixed(name)(`running; health check at ${running.url}/healthz/readiness`));
  supervisors.push({ name, supervisor });
  stopSteps.push({ name, run: () => supervisor.stop() });
  await supervisor.start();
  return supervisor;
}

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env };
  // Read before the configuration can be: it holds the development secrets and the embedded database.
  const { dataDir, generateDevSecrets, role } = launcherSettings(env);
  if (generateDevSecrets) {
    const devSecrets = await loadOrCreateDevSecrets(dataDir);
    for (const [name, value] of Object.entries(devSecrets)) env[name] ??= value;
  }
  let server: RunningServer | undefined;
  const appMetrics = () => server?.app.metrics;

  let embeddedPostgres: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  if (!env.DATABASE_URL) {
    prefixed('postgres')(`no DATABASE_URL: starting the embedded PostgreSQL in ${path.join(dataDir, 'postgres')}`);
    embeddedPostgres = await startEmbeddedPostgres({ databaseDir: path.join(dataDir, 'postgres'), onLog: prefixed('postgres') });
    await embeddedPostgres.createDatabase('ophir');
    env.DATABASE_URL = embeddedPostgres.databaseUrl('ophir');
  }

  const loaded = loadConfig(env);
  const localN8n = loaded.OPHIR_N8N_MODE !== 'external' && !loaded.N8N_URL;
  const config: Config = localN8n ? { ...loaded, N8N_URL: `http://127.0.0.1:${loaded.N8N_PORT}` } : loaded;

  if (embeddedPostgres) {
    const postgres = embeddedPostgres;
    let first = true;
    const supervisor = new Supervisor({
      name: 'PostgreSQL',
      ...supervisionOf(config),
      start: async () => {
        if (!first) await postgres.restart();
        first = false;
        return { exited: postgres.exited, stop: () => postgres.stop() };
      },
      onEvent: narrate('postgres', appMetrics),
    });
    await supervisor.start();
    supervisors.push({ name: 'postgres', supervisor });
    stopSteps.push({ name: 'PostgreSQL', run: () => supervisor.stop() });
  }

  // A replica joins a database another launcher migrated: two deploying at once would race over the schema.
  if (role === 'replica') say('replica: using the database and n8n as they are (no migrations, no local processes)');
  else {
    prefixed('migrate')('applying migrations');
    await applyMigrations({ databaseUrl: config.DATABASE_URL, onLog: prefixed('migrate') });
  }

  let n8nSupervisor: Supervisor<RunningN8n> | undefined;
  if (localN8n) {
    if (!isN8nRuntimeProvisioned()) {
      throw new Error('n8n is not provisioned: run `npm install` (it installs n8n into .n8n-runtime/), or set N8N_URL and N8N_API_KEY');
    }
    if (!config.N8N_OWNER_PASSWORD || !config.N8N_ENCRYPTION_KEY)
      throw new Error('Set N8N_OWNER_PASSWORD and N8N_ENCRYPTION_KEY for the local n8n (generated automatically outside production)');
    const common = {
      encryptionKey: config.N8N_ENCRYPTION_KEY,
      customExtensions: [path.join(repoRoot, 'custom-nodes', 'dist')],
      ...(await queueModeOf(config)),
    };
    prefixed('n8n')(`starting the local n8n with the Ophir nodes${common.queue ? ' (queue mode: main)' : ''}`);
    n8nSupervisor = await superviseN8n('n8n', config, appMetrics, {
      ...common,
      userFolder: path.join(dataDir, 'n8n'),
      port: config.N8N_PORT,
    });
    // After the main: it runs n8n's database migrations, which workers expect done.
    const workerNames = common.queue ? Array.from({ length: config.N8N_WORKERS }, (_, index) => `n8n-worker-${index + 1}`) : [];
    await Promise.all(
      workerNames.map((name) =>
        superviseN8n(name, config, appMetrics, { ...common, role: 'worker', userFolder: path.join(dataDir, name) }),
      ),
    );
  }

  const logger = createLogger({ level: config.LOG_LEVEL });
  const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  stopSteps.push({ name: 'the database pool', run: () => prisma.$disconnect() });
  server = await startServer({ config, prisma, logger, clock: systemClock });
  const { app } = server;
  stopSteps.push({ name: 'the HTTP server', run: () => server!.close() });

  for (const { name, supervisor } of supervisors) {
    app.metrics.processUp.set({ process: name }, supervisor.state === 'running' ? 1 : 0);
    app.metrics.processRestarts.inc({ process: name }, 0);
    app.readiness.register(`${name}_process`, async () =>
      supervisor.state === 'running' ? { ok: true } : { ok: false, detail: `${supervisor.state}: ${supervisor.lastProblem ?? 'starting'}` },
    );
  }

  // The periodic jobs run on one replica at a time: whichever holds the database's leadership lock.
  const leadership = new Leadership({
    databaseUrl: config.DATABASE_URL,
    lockKey: controlPlaneLeaderLockKey,
    checkIntervalMs: config.LEADERSHIP_CHECK_MS,
    jobs: periodicJobs(app, { config, prisma, logger, clock: systemClock }),
    log: ({ change, reason }) => logger.info({ leadership: change, reason }, leadershipMessages[change]),
  });
  stopSteps.push({ name: 'the periodic jobs', run: () => leadership.stop() });

  const link = new N8nLink({
    url: config.N8N_URL!,
    connection: app.n8n,
    platformSecrets: app.platformSecrets,
    configuredApiKey: config.N8N_API_KEY,
    owner: owner(config),
    backoff: { initialMs: config.SUPERVISOR_BACKOFF_INITIAL_MS, maxMs: config.SUPERVISOR_BACKOFF_MAX_MS },
    onConnected: () => (config.RECONCILER_ENABLED && leadership.isLeader ? app.reconciler.runOnce() : Promise.resolve()),
    log: say,
  });
  stopSteps.push({ name: 'the n8n link', run: async () => link.stop() });
  // After a crash, n8n comes back with its workflows; the link re-checks the key and credential and the reconciler catches up.
  n8nSupervisor?.onRunning(() => void link.connect());
  void link.connect();

  await leadership.start();

  say(
    `control plane ready at ${server.url} (health: ${server.url}/healthz, readiness: ${server.url}/readyz, API: ${server.url}/api/openapi.json)`,
  );
  if (localN8n) {
    say(
      `n8n editor at ${config.N8N_URL}: sign in as ${config.N8N_OWNER_EMAIL}, password N8N_OWNER_PASSWORD in ${path.join(dataDir, 'dev-secrets.json')}`,
    );
  }
}

leaveSignalsToCaller();
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

main().catch((error: unknown) => {
  const explained = error instanceof ConfigError || error instanceof RedisUnreachableError;
  say(explained ? error.message : `failed to start: ${(error as Error).stack ?? String(error)}`);
  void stopAll(1);
});

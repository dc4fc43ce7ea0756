// The environment a locally launched n8n runs with: headless, offline, bound to loopback.
import path from 'node:path';
import { queueEnvironment, type N8nQueueSettings } from './queueMode.js';

export interface N8nPostgresSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** Postgres schema for n8n's tables; n8n's default is `public`. */
  schema?: string;
}

export interface N8nEnvironmentSettings {
  /** Folder n8n keeps its state in (it creates `.n8n/` inside: SQLite file, config, binary data). */
  userFolder: string;
  encryptionKey: string;
  host: string;
  port: number;
  /** Port of n8n's internal task-runner broker; its fixed default (5679) would clash between two instances. */
  taskRunnerBrokerPort: number;
  /** Folders with built custom nodes (`**\/*.node.js`), e.g. custom-nodes/dist. */
  customExtensions: readonly string[];
  /** Postgres for n8n's own data; SQLite inside the user folder when absent. */
  postgres?: N8nPostgresSettings | undefined;
  /** Queue mode's Redis; one process running its own executions when absent. */
  queue?: N8nQueueSettings | undefined;
  /** A worker serves only its health check, on `port`. */
  role: 'main' | 'worker';
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** Node 24's bin folder, first on PATH so anything n8n spawns with `node` (the JS task runner) gets Node 24 too. */
  nodeBinDir: string;
  /** Last word: overrides for any variable set here. */
  extraEnv?: Readonly<Record<string, string>> | undefined;
}

// Only what a process needs from the parent. The control plane's own environment (DATABASE_URL, secrets,
// NODE_OPTIONS from tsx or vitest) must not leak into n8n, where it would be readable by workflows or change how
// Node 24 boots.
const INHERITED_VARIABLES = ['HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'SHELL'] as const;

export function buildN8nEnvironment(settings: N8nEnvironmentSettings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  env.PATH = [settings.nodeBinDir, process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(path.delimiter);

  const baseUrl = `http://${settings.host}:${settings.port}/`;
  Object.assign(env, {
    N8N_USER_FOLDER: settings.userFolder,
    N8N_ENCRYPTION_KEY: settings.encryptionKey,
    N8N_PORT: String(settings.port),
    N8N_LISTEN_ADDRESS: settings.host,
    N8N_HOST: settings.host,
    N8N_PROTOCOL: 'http',
    WEBHOOK_URL: baseUrl,
    N8N_SECURE_COOKIE: 'false', // plain http on loopback: a secure cookie would never be sent back
    N8N_RUNNERS_BROKER_PORT: String(settings.taskRunnerBrokerPort),
    N8N_LOG_LEVEL: settings.logLevel,
    N8N_LOG_OUTPUT: 'console',
    // Offline and headless: no telemetry, version checks, templates, banners or license renewals that would
    // try to reach the internet and log errors (or slow startup) on a machine without it.
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
    N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_DYNAMIC_BANNERS_ENABLED: 'false',
    N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
    N8N_AI_ENABLED: 'false',
    EXTERNAL_FRONTEND_HOOKS_URLS: '',
    N8N_DISABLED_MODULES: 'mcp-registry',
    // Makes activation synchronous: a webhook answers on the first call after `activate` returns, instead of
    // 404ing for up to a second while a background publication catches up.
    N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
  });
  if (settings.customExtensions.length > 0) {
    env.N8N_CUSTOM_EXTENSIONS = settings.customExtensions.join(';');
  }
  Object.assign(env, databaseEnvironment(settings.postgres));
  if (settings.queue) Object.assign(env, queueEnvironment(settings.queue));
  if (settings.role === 'worker') {
    Object.assign(env, {
      QUEUE_HEALTH_CHECK_ACTIVE: 'true',
      QUEUE_HEALTH_CHECK_PORT: String(settings.port),
      N8N_WORKER_SERVER_ADDRESS: settings.host,
    });
  }
  return { ...env, ...settings.extraEnv };
}

function databaseEnvironment(postgres: N8nPostgresSettings | undefined): Record<string, string> {
  if (!postgres) return { DB_TYPE: 'sqlite' };
  return {
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: postgres.host,
    DB_POSTGRESDB_PORT: String(postgres.port),
    DB_POSTGRESDB_DATABASE: postgres.database,
    DB_POSTGRESDB_USER: postgres.user,
    DB_POSTGRESDB_PASSWORD: postgres.password,
    ...(postgres.schema ? { DB_POSTGRESDB_SCHEMA: postgres.schema } : {}),
  };
}

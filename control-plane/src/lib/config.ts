import path from 'node:path';
import { z } from 'zod';
import { isSslMode, sslModes } from './db/connectionOptions.js';
import { CLAIM_BATCH_SIZE_DEFAULT, CLAIM_BATCH_SIZE_MAX } from './n8n/nodeContract.js';
import { dataRoot } from './paths.js';
import { trustProxySchema } from './trustProxy.js';

const encryptionKeys = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    const keys = new Map<string, Buffer>();
    for (const entry of value.split(',')) {
      const [id, material] = entry.trim().split(':');
      const key = material ? Buffer.from(material, 'base64') : undefined;
      if (!id || !key || key.length !== 32) {
        ctx.addIssue({ code: 'custom', message: 'expected "keyId:base64(32 bytes)" entries separated by commas' });
        return z.NEVER;
      }
      keys.set(id, key);
    }
    return keys;
  });

const dnsServers = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((server) => server.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^(\[[0-9a-f:.]+\]|[0-9.]+|[0-9a-f:]+)(:\d{1,5})?$/i, 'expected IP addresses ("ip" or "ip:port", IPv6 as "[ip]:port")'),
      )
      .min(1),
  );

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // How long a client may take to send a whole request (Node's default is 300 s for everything);
    // the upload routes (lead and suppression CSVs, up to LEAD_IMPORT_MAX_BYTES) get the second, longer one.
    REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(300),
    UPLOAD_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(3600),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // sslmode and sslrootcert are honoured as libpq means them (src/lib/db/connectionOptions.ts).
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/ })
      .refine((url) => !URL.canParse(url) || isSslMode(new URL(url).searchParams.get('sslmode') ?? 'prefer'), {
        message: `sslmode must be one of ${sslModes.join(', ')}`,
      }),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).default(30),
    ENCRYPTION_KEYS: encryptionKeys,
    ENCRYPTION_ACTIVE_KEY_ID: z.string().min(1),
    PASSWORD_HASH_MEMORY_KIB: z.coerce.number().int().min(1024).default(19456),
    LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(20),
    LOGIN_RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
    LOGIN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    // Past LOGIN_RATE_LIMIT_PER_ACCOUNT attempts, each one makes the next wait twice as long, up to this (never a lockout).
    LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).default(900),
    // Which proxies may set the client address (X-Forwarded-For): see src/lib/trustProxy.ts.
    TRUST_PROXY: trustProxySchema.default(false),
    // n8n: `npm start` sets N8N_URL for the local instance and stores its bootstrapped API key encrypted.
    N8N_URL: z.url().optional(),
    N8N_API_KEY: z.string().min(1).optional(),
    // Where people's browsers open the n8n editor ("Open in n8n"), when N8N_URL is an address only the server reaches.
    N8N_EDITOR_URL: z.url().optional(),
    // How n8n reaches the control plane; defaults to http://HOST:PORT.
    N8N_CALLBACK_BASE_URL: z.url().optional(),
    N8N_POLL_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
    N8N_CLAIM_BATCH_SIZE: z.coerce.number().int().min(1).max(CLAIM_BATCH_SIZE_MAX).default(CLAIM_BATCH_SIZE_DEFAULT),
    // How n8n names our nodes: CUSTOM when loaded as custom extensions, n8n-nodes-ophir when installed as a community package.
    // The local n8n that `npm start` runs when N8N_URL is not set: its port, data encryption key and owner account
    // (generated into OPHIR_DATA_DIR/dev-secrets.json outside production).
    N8N_PORT: z.coerce.number().int().min(1).max(65535).default(5678),
    N8N_ENCRYPTION_KEY: z.string().min(1).optional(),
    N8N_OWNER_EMAIL: z.email().default('owner@ophir.example'),
    N8N_OWNER_PASSWORD: z.string().min(8).optional(),
    N8N_NODE_TYPE_PREFIX: z.enum(['CUSTOM', 'n8n-nodes-ophir']).default('CUSTOM'),
    // How `npm start` runs the local n8n (docs/operations.md, "Queue mode"): one process (single); a main plus N8N_WORKERS
    // `n8n worker` processes on Redis at REDIS_URL, with n8n's own data in the database <DATABASE_URL's>_n8n (queue);
    // or none, using the n8n at N8N_URL (external).
    OPHIR_N8N_MODE: z.enum(['single', 'queue', 'external']).default('single'),
    N8N_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    RECONCILE_CRON: z.string().default('*/1 * * * *'),
    // How long a workflow execution holds claimed sends before they return to the queue.
    CLAIM_LEASE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
    RECONCILER_ENABLED: booleanFlag.default(true),
    // Replicas on one database: how often a standby tries for the periodic jobs' leadership, and the leader checks it holds it.
    LEADERSHIP_CHECK_MS: z.coerce.number().int().min(100).default(5000),
    // Readiness fails when the reconciler's last completed pass is older than this (docs/operations.md).
    READINESS_RECONCILE_MAX_AGE_SECONDS: z.coerce.number().int().min(10).default(300),
    // GET /metrics: with a token, `Authorization: Bearer <token>` is required; without one, only loopback peers are served.
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    // The launcher's supervision of n8n and the embedded PostgreSQL (docs/operations.md).
    SUPERVISOR_BACKOFF_INITIAL_MS: z.coerce.number().int().min(10).default(1000),
    SUPERVISOR_BACKOFF_MAX_MS: z.coerce.number().int().min(10).default(30_000),
    SUPERVISOR_MAX_FAST_CRASHES: z.coerce.number().int().min(1).default(5),
    SUPERVISOR_STABLE_AFTER_SECONDS: z.coerce.number().int().min(1).default(60),
    // Where the browser lands after an OAuth connect (the UI); defaults to PUBLIC_URL.
    APP_URL: z.url().optional(),
    // Refuse tenant-supplied hosts (SMTP/IMAP servers) that resolve to loopback, private, link-local or other
    // non-public addresses (docs/security.md, "Outbound connections"). Off for self-hosting on a LAN; on in docker-compose.yml.
    OUTBOUND_DENY_PRIVATE: booleanFlag.default(false),
    // Outbound webhooks (docs/integrations.md): one attempt's deadline, attempts in flight at once, how often an empty outbox is read.
    WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(512).default(64),
    WEBHOOK_POLL_MS: z.coerce.number().int().min(50).default(1000),
    // Delivered webhook deliveries (with their attempts and events) are pruned after this many days, failed ones after the second.
    WEBHOOK_RETAIN_DELIVERED_DAYS: z.coerce.number().int().min(1).default(30),
    WEBHOOK_RETAIN_FAILED_DAYS: z.coerce.number().int().min(1).default(90),
    // Mailbox providers. Endpoints default to the real ones; tests and the sandboxed demo point them at local fakes.
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    GOOGLE_AUTH_URL: z.url().default('https://accounts.google.com/o/oauth2/v2/auth'),
    GOOGLE_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
    GMAIL_API_BASE_URL: z.url().default('https://gmail.googleapis.com'),
    MICROSOFT_CLIENT_ID: z.string().min(1).optional(),
    MICROSOFT_CLIENT_SECRET: z.string().min(1).optional(),
    MICROSOFT_AUTH_URL: z.url().default('https://login.microsoftonline.com/common/oauth2/v2.0/authorize'),
    MICROSOFT_TOKEN_URL: z.url().default('https://login.microsoftonline.com/common/oauth2/v2.0/token'),
    MICROSOFT_GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com'),
    // DNS lookups (sending-domain checks, lead address verification): the servers asked, as "ip" or "ip:port" separated by
    // commas (unset: the system's resolvers), and how long one query may take before it counts as a timeout.
    OPHIR_DNS_SERVERS: dnsServers.optional(),
    OPHIR_DNS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(3000),
    // Sending-domain checks (docs/deliverability.md): how often stale reports are looked for, when a report is stale, and
    // the DNS blocklist zones asked about a domain (none by default: public blocklists rate-limit and refuse shared resolvers).
    DOMAIN_CHECK_CRON: z.string().default('23 * * * *'),
    DOMAIN_CHECK_MAX_AGE_HOURS: z.coerce.number().int().min(1).default(24),
    DOMAIN_CHECK_DNSBL_ZONES: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((zone) => zone.trim().toLowerCase())
          .filter(Boolean),
      )
      .default([]),
    // Mailbox health: auto-pause at this hard-bounce rate over the last N sends, once at least MIN sends are in the window.
    MAILBOX_AUTO_PAUSE_BOUNCE_RATE: z.coerce.number().min(0).max(1).default(0.05),
    MAILBOX_HEALTH_WINDOW_SENDS: z.coerce.number().int().min(1).default(100),
    MAILBOX_AUTO_PAUSE_MIN_SENDS: z.coerce.number().int().min(1).default(20),
    MAILBOX_HEALTH_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(900),
    // Warm-up (docs/warmup.md): whether organizations may opt into one pool across the instance (an operator's
    // decision: their mailboxes then write to each other's), and how often the planner queues each day's messages.
    WARMUP_INSTANCE_POOL_ENABLED: booleanFlag.default(false),
    WARMUP_PLAN_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(300),
    // Lead imports: uploaded CSVs and rejected-row files live here (git-ignored local state by default).
    LEAD_IMPORTS_DIR: z.string().min(1).default(path.join(dataRoot, 'imports')),
    LEAD_IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(2 * 1024 ** 3),
    // The largest CSV record (one row, all its cells) an import reads; a longer one fails the import at its line.
    LEAD_IMPORT_MAX_RECORD_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 ** 2),
    // Lead import upkeep (docs/leads.md): resumes imports a dead process left running, deletes expired files.
    LEAD_IMPORT_UPKEEP_CRON: z.string().default('* * * * *'),
    // A verification run whose heartbeat (written every few seconds by the process running it) is older than this
    // was left by a stopped process: the import upkeep takes it over. Keep it above the replicas' clock skew.
    LEAD_VERIFICATION_STALE_AFTER_SECONDS: z.coerce.number().int().min(10).max(3600).default(45),
    LEAD_IMPORT_PREVIEW_RETENTION_HOURS: z.coerce.number().int().min(1).default(24),
    LEAD_IMPORT_FILE_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
    // Import progress streams (server-sent events) one user may hold open at once, per process; more answer 429.
    LEAD_IMPORT_EVENT_STREAMS_PER_USER: z.coerce.number().int().min(1).default(5),
    // Live campaign stats (server-sent events): how often a watched campaign's aggregate is re-read. A send result
    // must show on the campaign page within 2 s: one interval plus the read and the render.
    STATS_STREAM_INTERVAL_MS: z.coerce.number().int().min(100).default(1000),
    // Opens (and, apart, clicks) recorded per message per minute and per process; more requests are answered but not recorded.
    TRACKING_EVENTS_PER_MESSAGE_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  })
  .refine((env) => env.ENCRYPTION_KEYS.has(env.ENCRYPTION_ACTIVE_KEY_ID), {
    path: ['ENCRYPTION_ACTIVE_KEY_ID'],
    message: 'must name one of the ENCRYPTION_KEYS',
  })
  .refine((env) => env.OPHIR_N8N_MODE !== 'external' || env.N8N_URL, {
    path: ['N8N_URL'],
    message: 'must be set when OPHIR_N8N_MODE=external',
  })
  .refine((env) => env.OPHIR_N8N_MODE !== 'queue' || !env.N8N_URL, {
    path: ['N8N_URL'],
    message: 'must not be set when OPHIR_N8N_MODE=queue (the launcher runs n8n itself); use OPHIR_N8N_MODE=external for an n8n you run',
  });

export type Config = z.infer<typeof environmentSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * What the launcher needs before the configuration can be loaded: where its data lives (the development
 * secrets, the embedded database and n8n's folder), whether development secrets may be generated, and
 * its role: `all` (default) brings up whatever is missing; `replica` (OPHIR_ROLE=replica) runs only the
 * control plane, against the DATABASE_URL and N8N_URL another launcher (or the operator) runs (docs/scaling.md).
 */
export function launcherSettings(env: Record<string, string | undefined> = process.env): {
  dataDir: string;
  generateDevSecrets: boolean;
  role: 'all' | 'replica';
} {
  const role = env.OPHIR_ROLE || 'all';
  if (role !== 'all' && role !== 'replica') throw new ConfigError([`OPHIR_ROLE: expected "all" or "replica", got "${role}"`]);
  if (role === 'replica' && (!env.DATABASE_URL || !env.N8N_URL)) {
    throw new ConfigError(['OPHIR_ROLE=replica: set DATABASE_URL and N8N_URL to the database and n8n the other replicas use']);
  }
  return {
    dataDir: env.OPHIR_DATA_DIR ? path.resolve(env.OPHIR_DATA_DIR) : dataRoot,
    generateDevSecrets: env.NODE_ENV !== 'production',
    role,
  };
}

/** The one place that reads the environment. Everything else receives a Config. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // `VAR=` in an env file and `${VAR:-}` in docker-compose mean "not set": the default applies, for every variable.
  const setVariables = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = environmentSchema.safeParse(setVariables);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return result.data;
}

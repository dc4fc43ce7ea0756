// n8n's queue mode (docs/operations.md, "Queue mode"): a main process that receives webhooks and schedules,
// `n8n worker` processes that run the executions, Redis carrying the jobs between them, and n8n's own data
// in PostgreSQL (SQLite cannot be shared between processes). What the launcher and the tests check and
// prepare before any of those processes starts.
import { Redis } from 'ioredis';
import pg from 'pg';
import { pgConnectionOptions } from '../../lib/db/connectionOptions.js';
import type { N8nPostgresSettings } from './n8nEnvironment.js';

/** Where the processes of one n8n queue-mode installation meet. */
export interface N8nQueueSettings {
  redisUrl: string;
  /**
   * Prefix of the installation's keys and channels in Redis: installations (or test runs) sharing one Redis never
   * take each other's jobs or read each other's cache.
   */
  keyPrefix: string;
}

const redisCheckTimeoutMs = 3_000;

/** Queue mode cannot start: Redis does not answer. The message says where and what to do. */
export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

/** A Redis URL without its password, for messages. */
export function redactedRedisUrl(redisUrl: string): string {
  const url = new URL(redisUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Throws an error naming the URL unless Redis at `redisUrl` answers a PING. */
export async function assertRedisReachable(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: redisCheckTimeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined); // reported through connect() below
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new RedisUnreachableError(
      `Redis is not reachable at ${redactedRedisUrl(redisUrl)} (${(error as Error).message}). OPHIR_N8N_MODE=queue needs Redis: ` +
        'start one (e.g. `redis-server`) or set REDIS_URL to where it runs',
      { cause: error },
    );
  } finally {
    redis.disconnect();
  }
}

/** n8n's own database beside the control plane's: `<database>_n8n` on the same server. */
export function n8nDatabaseName(databaseUrl: string): string {
  return `${decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''))}_n8n`;
}

/**
 * Creates the database `name` on the server of `serverUrl` (connecting to the database that URL names) when it
 * does not exist yet, and answers how n8n connects to it: same server, same credentials.
 */
export async function ensureN8nDatabase(serverUrl: string, name: string): Promise<N8nPostgresSettings> {
  const server = pgConnectionOptions(serverUrl);
  const client = new pg.Client(server);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((error: { code?: string }) => {
        // Another launcher or test created it between the check and here.
        if (error.code !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
  return { host: server.host!, port: server.port!, database: name, user: server.user!, password: String(server.password ?? '') };
}

/** Removes a database ensureN8nDatabase made (tests and benchmarks clean up after themselves). */
export async function dropN8nDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client(pgConnectionOptions(serverUrl));
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** n8n's variables for queue mode on Redis at `redisUrl` (main and workers alike). */
export function queueEnvironment(queue: N8nQueueSettings): Record<string, string> {
  const url = new URL(queue.redisUrl);
  const database = url.pathname.replace(/^\//, '');
  return {
    EXECUTIONS_MODE: 'queue',
    QUEUE_BULL_PREFIX: queue.keyPrefix,
    // n8n's other keys (cache, instance registry) and its pub/sub channels, which would otherwise be shared.
    N8N_REDIS_KEY_PREFIX: queue.keyPrefix,
    QUEUE_BULL_REDIS_HOST: decodeURIComponent(url.hostname),
    QUEUE_BULL_REDIS_PORT: url.port || '6379',
    ...(url.username ? { QUEUE_BULL_REDIS_USERNAME: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { QUEUE_BULL_REDIS_PASSWORD: decodeURIComponent(url.password) } : {}),
    ...(database ? { QUEUE_BULL_REDIS_DB: database } : {}),
    ...(url.protocol === 'rediss:' ? { QUEUE_BULL_REDIS_TLS: 'true' } : {}),
  };
}

/**
 * What an n8n process's environment lacks for queue mode, in words (empty when nothing): the launcher checks the
 * environment it builds, and the docker-compose test checks each n8n service's with this same function.
 */
export function queueModeEnvironmentProblems(env: Readonly<Record<string, string | undefined>>, role: 'main' | 'worker'): string[] {
  const problems: string[] = [];
  const expectValue = (name: string, value: string) => {
    if (env[name] !== value) problems.push(`${name} must be ${value} (is ${env[name] ?? 'unset'})`);
  };
  const expectSet = (name: string) => {
    if (!env[name]) problems.push(`${name} must be set`);
  };
  expectValue('EXECUTIONS_MODE', 'queue');
  expectSet('QUEUE_BULL_REDIS_HOST');
  // SQLite cannot be shared between processes: main and workers need one PostgreSQL database.
  expectValue('DB_TYPE', 'postgresdb');
  for (const name of ['DB_POSTGRESDB_HOST', 'DB_POSTGRESDB_DATABASE', 'DB_POSTGRESDB_USER']) expectSet(name);
  // Credentials stored by the main are decrypted by the workers.
  expectSet('N8N_ENCRYPTION_KEY');
  if (role === 'worker') expectValue('QUEUE_HEALTH_CHECK_ACTIVE', 'true');
  return problems;
}

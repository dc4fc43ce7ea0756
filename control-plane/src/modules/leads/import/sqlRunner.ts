import pg from 'pg';
import { pgConnectionOptions } from '../../../lib/db/connectionOptions.js';
import type { PreparedStatements } from '../../../lib/db/prisma.js';
import type { Logger } from '../../../lib/logger.js';

/** Raw SQL for the import's fast path. It is outside the tenant scope: every statement filters by organizationId itself. */
export type SqlRunner = PreparedStatements;

/** Any Prisma client (scoped or not) as a SqlRunner, for the few raw queries outside the import job. */
export function prismaSql(client: { $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T> }): SqlRunner {
  return { query: <T>(text: string, params: unknown[]) => client.$queryRawUnsafe<T[]>(text, ...params) };
}

/**
 * A small node-postgres pool for the import batches. Prisma's raw-query path copies large array
 * parameters through its query interpreter (peak RSS ~1 GB on a million rows); pg sends them as is.
 * Idle connections close quickly and never keep the process alive.
 */
export function createImportPool(databaseUrl: string, logger: Logger): SqlRunner & { end(): Promise<void> } {
  // synchronous_commit off: a batch commits without waiting for its WAL flush. A database crash can
  // then lose the last batches, but always together with the counters that record them (one
  // statement), so the import resumes from a consistent line; a process crash loses nothing.
  const pool = new pg.Pool(
    pgConnectionOptions(databaseUrl, { max: 2, idleTimeoutMillis: 5_000, allowExitOnIdle: true, options: '-c synchronous_commit=off' }),
  );
  // An idle connection dropped by the server (restart, database dropped) must not crash the process.
  pool.on('error', (error) => logger.warn({ err: error }, 'lead import database connection lost'));
  return {
    query: async <T>(text: string, params: unknown[], name?: string) =>
      (await pool.query({ text, values: params, ...(name ? { name } : {}) })).rows as T[],
    end: () => pool.end(),
  };
}

import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, type Prisma as PrismaNamespace } from '../../generated/prisma/client.js';
import { pgConnectionOptions } from './connectionOptions.js';

export { PrismaClient };
export type { Prisma } from '../../generated/prisma/client.js';

const pools = new WeakMap<object, pg.Pool>();

export function createPrismaClient(options: { databaseUrl: string; poolSize: number }): PrismaClient {
  const pool = new pg.Pool(pgConnectionOptions(options.databaseUrl, { max: options.poolSize }));
  // An idle connection the server ends (a restart, a drop, a network cut) is removed from the pool, which then
  // emits 'error': unheard, that would end the process. The next query opens a new connection and reports its own failure.
  pool.on('error', () => undefined);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/** `derived` (an extension of `base`, such as an organization's scoped client) runs prepared statements on base's connections. */
export function shareConnections(derived: object, base: PrismaClient): void {
  const pool = pools.get(base);
  if (pool) pools.set(derived, pool);
}

/**
 * Runs one fixed statement, prepared once per connection, on the connections of a client from
 * createPrismaClient. For the few statements every request runs (authentication, tracking hits):
 * Prisma plans each call of its API anew, which costs more than the query itself. `name` must be
 * unique to `text`. Like any raw SQL, the statement filters by organization itself. A client made
 * otherwise (a test's own, logging its queries) runs it as Prisma raw SQL.
 */
export async function preparedQuery<Row>(
  prisma: Pick<PrismaClient, '$queryRawUnsafe'>,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const pool = pools.get(prisma);
  if (!pool) return prisma.$queryRawUnsafe<Row[]>(text, ...values);
  const result = await pool.query<Row & pg.QueryResultRow>({ name, text, values });
  return result.rows;
}

/** Statements run on one connection inside a transaction (preparedTransaction). */
export interface PreparedStatements {
  /** `name` prepares the statement once per connection and must be unique to `text`. */
  query<Row>(text: string, values: unknown[], name?: string): Promise<Row[]>;
}

/**
 * Runs `work` in one transaction on one of the client's connections, its statements prepared once per
 * connection: for a hot path of a few raw statements, where Prisma's interactive transaction and its
 * per-row result mapping cost more than the statements. Commits when `work` resolves, rolls back when
 * it throws. Raw SQL: every statement filters by organization itself. A client made otherwise runs it
 * as a Prisma transaction.
 */
export async function preparedTransaction<T>(prisma: PrismaClient, work: (sql: PreparedStatements) => Promise<T>): Promise<T> {
  const pool = pools.get(prisma);
  if (!pool)
    return prisma.$transaction((tx) =>
      work({ query: <Row>(text: string, values: unknown[]) => tx.$queryRawUnsafe<Row[]>(text, ...values) }),
    );
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work({ query: (text, values, name) => rowsOf(client, { text, values, ...(name ? { name } : {}) }) });
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not returned to the pool.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * A statement's rows through node-postgres' callback, in a promise of our own. Its promise form keeps every
 * row it read reachable well after the query, until the next full collection (measured: in a loop of
 * 500-row statements, 63% of what the loop allocated survived each scavenge, against under 1% this way),
 * so each scavenge copied megabytes of dead rows and paused a claim for tens of milliseconds
 * (docs/performance.md, "Claims at scale").
 */
function rowsOf<Row>(client: pg.PoolClient, statement: pg.QueryConfig): Promise<Row[]> {
  return new Promise<Row[]>((resolve, reject) => {
    client.query<Row & pg.QueryResultRow>(statement, (error, result) => (error ? reject(error) : resolve(result.rows)));
  }).catch((error: Error) => {
    // As node-postgres' promise form does: the stack then leads back to the statement's caller, not to the socket.
    Error.captureStackTrace(error);
    throw error;
  });
}

/** Where a raw statement can run: a Prisma client (scoped, or a transaction's) or a preparedTransaction's connection. */
export type RawSql = PreparedStatements | Pick<PrismaClient, '$queryRaw'>;

/** Runs a statement built with Prisma.sql on either kind of RawSql; `name` prepares it on a preparedTransaction's connection. */
export function rawQuery<Row>(db: RawSql, statement: PrismaNamespace.Sql, name?: string): Promise<Row[]> {
  return 'query' in db ? db.query<Row>(statement.text, statement.values, name) : db.$queryRaw<Row[]>(statement);
}

import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client.js';
import { pgConnectionOptions } from './connectionOptions.js';

export { PrismaClient };
export type { Prisma } from '../../generated/prisma/client.js';

const pools = new WeakMap<object, pg.Pool>();

export function createPrismaClient(options: { databaseUrl: string; poolSize: number }): PrismaClient {
  const pool = new pg.Pool(pgConnectionOptions(options.databaseUrl, { max: options.poolSize }));
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

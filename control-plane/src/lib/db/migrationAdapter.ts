import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { pgConnectionOptions } from './connectionOptions.js';

const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

type QueryFn = (...args: unknown[]) => unknown;

// Prisma's schema engine reads pg_catalog columns of type `name`, which @prisma/adapter-pg 6.19 cannot
// deserialize (prisma/orm#27403). `name` is text on the wire, so reporting it as text is exact.
function reportNameColumnsAsText(target: { query: QueryFn }): void {
  const query = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    return result.then((value: unknown) => {
      const fields = (value as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
      for (const field of fields ?? []) {
        if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
      }
      return value;
    });
  };
}

/** The driver adapter Prisma's migrate commands use (see prisma.config.ts). */
export function createMigrationAdapter(databaseUrl: string): PrismaPg {
  const pool = new pg.Pool(pgConnectionOptions(databaseUrl, { max: 2, idleTimeoutMillis: 200, allowExitOnIdle: true }));
  reportNameColumnsAsText(pool as unknown as { query: QueryFn });
  pool.on('connect', (client) => reportNameColumnsAsText(client as unknown as { query: QueryFn }));
  return new PrismaPg(pool);
}

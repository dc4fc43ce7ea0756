import type { PoolConfig } from 'pg';

// Host, port, user, password and database are passed separately rather than as a connection string:
// with a connection string Prisma's migrate picks the main database as its shadow database (prisma/orm P3006).
export function pgConnectionOptions(databaseUrl: string, extra: PoolConfig = {}): PoolConfig {
  const url = new URL(databaseUrl);
  return {
    host: decodeURIComponent(url.hostname),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    ...extra,
  };
}

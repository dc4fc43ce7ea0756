import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { PoolConfig } from 'pg';

export const sslModes = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof sslModes)[number];

export function isSslMode(value: string): value is SslMode {
  return (sslModes as readonly string[]).includes(value);
}

/**
 * libpq's `sslmode` as node-postgres `ssl` options (docs/security.md, "HTTP and transport").
 * node-postgres cannot fall back between TLS and plain text within one connection attempt, so
 * `allow` and `prefer` (libpq's default) connect without TLS, like `disable`: a server that offers
 * TLS is only used encrypted with `require` or stronger. As in libpq, `require` with a root
 * certificate verifies the chain like `verify-ca`; `verify-full` also checks the host name.
 */
function sslOptions(params: URLSearchParams): PoolConfig['ssl'] {
  const mode = params.get('sslmode') ?? 'prefer';
  if (!isSslMode(mode)) throw new Error(`DATABASE_URL: sslmode must be one of ${sslModes.join(', ')}`);
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') return false;

  const rootCertPath = params.get('sslrootcert');
  // libpq's `sslrootcert=system` means the platform's trusted roots, which are Node's defaults.
  const ca = rootCertPath && rootCertPath !== 'system' ? readFileSync(rootCertPath, 'utf8') : undefined;
  const clientCertificate = params.get('sslcert');
  const clientKey = params.get('sslkey');
  const tls: ConnectionOptions = {
    ...(ca ? { ca } : {}),
    ...(clientCertificate ? { cert: readFileSync(clientCertificate, 'utf8') } : {}),
    ...(clientKey ? { key: readFileSync(clientKey, 'utf8') } : {}),
  };
  const verifiesChain = mode === 'verify-ca' || mode === 'verify-full' || rootCertPath !== null;
  if (!verifiesChain) return { ...tls, rejectUnauthorized: false };
  if (mode === 'verify-full') return { ...tls, rejectUnauthorized: true };
  return { ...tls, rejectUnauthorized: true, checkServerIdentity: () => undefined };
}

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
    ssl: sslOptions(url.searchParams),
    ...extra,
  };
}

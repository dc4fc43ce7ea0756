import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTlsFixtures } from '../../test/tlsFixtures.js';
import { pgConnectionOptions } from './connectionOptions.js';

// A throwaway CA and a server certificate for db.ophir.test, made for this run.
const fixtures = makeTlsFixtures('db.ophir.test');
const caPath = fixtures.caPath;
const ca = readFileSync(caPath, 'utf8');
afterAll(() => rmSync(fixtures.folder, { recursive: true, force: true }));
const base = 'postgresql://ophir:secret@127.0.0.1:5432/ophir';

describe('pgConnectionOptions carries sslmode and sslrootcert from DATABASE_URL', () => {
  it('keeps the connection fields and adds no TLS without sslmode, or with disable, allow or prefer', () => {
    expect(pgConnectionOptions('postgresql://o%40p:s%2Fx@db.example:6543/ophir')).toMatchObject({
      host: 'db.example',
      port: 6543,
      user: 'o@p',
      password: 's/x',
      database: 'ophir',
      ssl: false,
    });
    for (const mode of ['disable', 'allow', 'prefer']) expect(pgConnectionOptions(`${base}?sslmode=${mode}`).ssl).toBe(false);
  });

  it('encrypts without verifying on require, and verifies the chain on require with a root certificate, as libpq does', () => {
    expect(pgConnectionOptions(`${base}?sslmode=require`).ssl).toEqual({ rejectUnauthorized: false });
    const withRoot = pgConnectionOptions(`${base}?sslmode=require&sslrootcert=${encodeURIComponent(caPath)}`).ssl as tls.ConnectionOptions;
    expect(withRoot).toMatchObject({ ca, rejectUnauthorized: true });
    expect(withRoot.checkServerIdentity).toBeTypeOf('function');
  });

  it('verifies the chain but not the host name on verify-ca, and both on verify-full', () => {
    const verifyCa = pgConnectionOptions(`${base}?sslmode=verify-ca&sslrootcert=${encodeURIComponent(caPath)}`)
      .ssl as tls.ConnectionOptions;
    expect(verifyCa).toMatchObject({ ca, rejectUnauthorized: true });
    expect(verifyCa.checkServerIdentity?.('elsewhere', {} as tls.PeerCertificate)).toBeUndefined();
    const verifyFull = pgConnectionOptions(`${base}?sslmode=verify-full&sslrootcert=${encodeURIComponent(caPath)}`).ssl;
    expect(verifyFull).toEqual({ ca, rejectUnauthorized: true });
    expect(pgConnectionOptions(`${base}?sslmode=verify-full&sslrootcert=system`).ssl).toEqual({ rejectUnauthorized: true });
  });

  it('reads a client certificate and key', () => {
    const key = fixtures.serverKeyPath;
    const cert = fixtures.serverCertPath;
    const ssl = pgConnectionOptions(`${base}?sslmode=require&sslcert=${encodeURIComponent(cert)}&sslkey=${encodeURIComponent(key)}`).ssl;
    expect(ssl).toMatchObject({ cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') });
  });

  it('refuses an sslmode libpq does not know rather than connecting in clear', () => {
    expect(() => pgConnectionOptions(`${base}?sslmode=required`)).toThrow(/sslmode must be one of/);
  });
});

/**
 * A server that speaks just enough of the PostgreSQL protocol to accept the SSLRequest and
 * start TLS with the db.ophir.test certificate; it records whether the handshake completed.
 */
function fakeTlsPostgres() {
  const secureContext = tls.createSecureContext({
    cert: readFileSync(fixtures.serverCertPath),
    key: readFileSync(fixtures.serverKeyPath),
  });
  let handshakes = 0;
  const server = net.createServer((socket) => {
    socket.once('data', (first: Buffer) => {
      // Anything but an SSLRequest (length 8, code 80877103) means the client did not ask for TLS.
      if (first.length !== 8 || first.readInt32BE(4) !== 80877103) {
        socket.destroy();
        return;
      }
      socket.write('S');
      const secure = new tls.TLSSocket(socket, { isServer: true, secureContext });
      secure.on('secure', () => {
        handshakes += 1;
        secure.destroy();
      });
      secure.on('error', () => secure.destroy());
    });
    socket.on('error', () => socket.destroy());
  });
  return { server, handshakes: () => handshakes };
}

describe('a TLS handshake with the options pgConnectionOptions builds', () => {
  const fake = fakeTlsPostgres();
  let port = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    port = (fake.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => fake.server.close(resolve));
  });

  async function handshakeSucceeds(query: string): Promise<boolean> {
    const before = fake.handshakes();
    const client = new pg.Client(
      pgConnectionOptions(`postgresql://ophir:secret@127.0.0.1:${port}/ophir?${query}`, { connectionTimeoutMillis: 5_000 }),
    );
    client.on('error', () => undefined);
    await client.connect().catch(() => undefined);
    await client.end().catch(() => undefined);
    return fake.handshakes() > before;
  }

  const rootCert = `sslrootcert=${encodeURIComponent(caPath)}`;

  it('require encrypts without checking the certificate', async () => {
    expect(await handshakeSucceeds('sslmode=require')).toBe(true);
  });

  it('verify-ca refuses an unknown CA and accepts the named root despite the host name', async () => {
    expect(await handshakeSucceeds('sslmode=verify-ca')).toBe(false);
    expect(await handshakeSucceeds(`sslmode=verify-ca&${rootCert}`)).toBe(true);
  });

  it('verify-full refuses a certificate issued for another host name', async () => {
    expect(await handshakeSucceeds(`sslmode=verify-full&${rootCert}`)).toBe(false);
  });
});

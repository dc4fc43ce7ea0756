// Integration: HMAC-signed n8n callbacks against the real app and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { systemClock } from '../../lib/clock.js';
import { hmacSha256Hex } from '../../lib/crypto.js';
import { createLogger } from '../../lib/logger.js';
import { repoRoot } from '../../lib/paths.js';
import { signRequest } from '../../lib/http/signature.js';
import { n8nSignatureHeaders } from '../../test/n8nCallbacks.js';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';
import { sealCredentials } from '../mailboxes/mailboxCredentials.js';
import { CallbackNonces } from './callbackNonces.js';
import { callbackSigningSecretName } from './platformSecrets.js';

interface CapturedRequest {
  method: string;
  target: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface NodeCredential {
  authenticate(
    credentials: { baseUrl: string; signingSecret: string },
    request: { url: string; method: string; body?: unknown },
  ): Promise<{ baseURL: string; url: string; method: string; headers: Record<string, string>; body?: string }>;
}

/** The Ophir credential exactly as n8n loads it: the built custom-nodes package (`npm install` builds it). */
const nodeCredential = (): NodeCredential => {
  const require = createRequire(import.meta.url);
  const { OphirControlPlaneApi } = require(
    path.join(repoRoot, 'custom-nodes', 'dist', 'credentials', 'OphirControlPlaneApi.credentials.js'),
  );
  return new OphirControlPlaneApi();
};

/** Sends what the credential signed over real HTTP to a recorder and returns the request as it arrived on the wire. */
async function captureAsSentByNode(secret: string, request: { url: string; method: string; body?: unknown }): Promise<CapturedRequest> {
  let captured: CapturedRequest | undefined;
  const recorder = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      captured = {
        method: incoming.method!,
        target: incoming.url!,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      outgoing.end();
    });
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
  try {
    const signed = await nodeCredential().authenticate({ baseUrl, signingSecret: secret }, request);
    await fetch(`${signed.baseURL}${signed.url}`, { method: signed.method, headers: signed.headers, body: signed.body });
  } finally {
    await new Promise<void>((resolve) => recorder.close(() => resolve()));
  }
  return captured!;
}

const signatureHeadersOf = (captured: CapturedRequest) => ({
  'X-Ophir-Timestamp': String(captured.headers['x-ophir-timestamp']),
  'X-Ophir-Nonce': String(captured.headers['x-ophir-nonce']),
  'X-Ophir-Signature': String(captured.headers['x-ophir-signature']),
});

/** Sends a captured request's signature headers and body (as is) to any method and path of `http`. */
function replay(
  http: TestApp['http'],
  captured: CapturedRequest,
  to: { method: 'get' | 'post'; target: string } = { method: captured.method.toLowerCase() as 'get' | 'post', target: captured.target },
) {
  const request = http[to.method](to.target).set(signatureHeadersOf(captured));
  return captured.body === '' ? request : request.set('content-type', 'application/json').send(captured.body);
}

let t: TestApp;
let secret: string;
let smtpMailboxId: string;
beforeAll(async () => {
  t = await createTestApp();
  secret = await t.app.platformSecrets.getOrCreate(callbackSigningSecretName);
  const owner = await signUp(t.http);
  smtpMailboxId = randomUUID();
  await t.prisma.mailbox.create({
    data: {
      id: smtpMailboxId,
      organizationId: owner.organization.id,
      provider: 'smtp',
      email: 'mailer@acme.example',
      settings: { smtp: { host: 'smtp.acme.example', port: 587, tlsMode: 'starttls', username: 'mailer@acme.example' } },
      ...sealCredentials(t.app.secrets, smtpMailboxId, { kind: 'smtp', password: 'smtp-password-to-protect' }),
    },
  });
});
afterAll(() => t.close());

const pingHeaders = () => n8nSignatureHeaders(secret, { method: 'GET', target: '/api/internal/n8n/ping', rawBody: '' });
const smtpCredentialsPath = () => `/api/internal/n8n/mailboxes/${smtpMailboxId}/smtp-credentials`;

describe('signed n8n callbacks', () => {
  it('signs method, path, timestamp, nonce and body as the nodes do (the README test vector)', () => {
    const vector = {
      method: 'POST',
      target: '/api/internal/n8n/events',
      timestamp: 1700000000,
      nonce: 'n0nce-0123456789abcdef',
      rawBody: '{"a":1}',
    };
    expect(signRequest('test-secret', vector)).toBe('v2=5496747a59ca2b5d9351b6c8e7b05a8837c9addc6e6f068e4adf13a06ee9846d');
  });

  it('accepts a correctly signed request', async () => {
    const response = await t.http.get('/api/internal/n8n/ping').set(pingHeaders());
    expect(response.status).toBe(200);
    expect(response.body.ok).toBe(true);
  });

  it('rejects a wrong secret, a stale timestamp, a missing nonce and a missing signature', async () => {
    const wrong = await t.http
      .get('/api/internal/n8n/ping')
      .set(n8nSignatureHeaders('not-the-secret', { method: 'GET', target: '/api/internal/n8n/ping', rawBody: '' }));
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe('The signature does not match');
    const stale = Math.floor(Date.now() / 1000) - 3600;
    const old = await t.http.get('/api/internal/n8n/ping').set({ ...pingHeaders(), 'X-Ophir-Timestamp': String(stale) });
    expect(old.status).toBe(401);
    expect(old.body.detail).toMatch(/too far/);
    const withoutNonce = pingHeaders();
    delete withoutNonce['X-Ophir-Nonce'];
    expect((await t.http.get('/api/internal/n8n/ping').set(withoutNonce)).status).toBe(401);
    expect((await t.http.get('/api/internal/n8n/ping')).status).toBe(401);
  });

  it('refuses the v1 scheme, which signed only the timestamp and body', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const v1 = `v1=${hmacSha256Hex(secret, `${timestamp}.`)}`;
    const response = await t.http
      .get('/api/internal/n8n/ping')
      .set({ 'X-Ophir-Timestamp': String(timestamp), 'X-Ophir-Nonce': 'a-nonce-v1-never-had', 'X-Ophir-Signature': v1 });
    expect(response.status).toBe(401);
    expect(response.body.detail).toMatch(/Only signature scheme v2 is accepted/);
  });

  it("a ping captured as the node's credential sends it is refused on another route, accepted once on its own, refused when replayed", async () => {
    const ping = await captureAsSentByNode(secret, { url: '/api/internal/n8n/ping', method: 'GET' });
    expect(ping).toMatchObject({ method: 'GET', target: '/api/internal/n8n/ping', body: '' });

    const elsewhere = await replay(t.http, ping, { method: 'post', target: smtpCredentialsPath() });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.detail).toBe('The signature does not match');
    expect(elsewhere.text).not.toContain('smtp-password-to-protect');

    const original = await replay(t.http, ping);
    expect(original.status).toBe(200);

    const again = await replay(t.http, ping);
    expect(again.status).toBe(401);
    expect(again.body.detail).toMatch(/already received/);
  });

  it('a captured credential request is bound to its mailbox path and refused when replayed, also on another replica', async () => {
    const fetchSmtp = await captureAsSentByNode(secret, {
      url: smtpCredentialsPath(),
      method: 'POST',
      body: { sendId: 's1', provider: 'smtp' },
    });
    const imapPath = `/api/internal/n8n/mailboxes/${smtpMailboxId}/imap-credentials`;
    expect((await replay(t.http, fetchSmtp, { method: 'post', target: imapPath })).status).toBe(401);
    expect((await replay(t.http, fetchSmtp, { method: 'post', target: `${smtpCredentialsPath()}?again=1` })).status).toBe(401);

    const original = await replay(t.http, fetchSmtp);
    expect(original.status).toBe(200);
    expect(original.body.password).toBe('smtp-password-to-protect');

    // A second control-plane process on the same database: the nonce store is shared.
    const replica = createApp({ config: t.config, prisma: t.prisma, logger: createLogger({ level: 'silent' }), clock: systemClock });
    const onReplica = await replay(supertest(replica.express), fetchSmtp);
    expect(onReplica.status).toBe(401);
    expect(onReplica.body.detail).toMatch(/already received/);
  });

  it('every signed POST callback refuses a request without a body', async () => {
    const posts = t.app.routes.filter((route) => route.access === 'n8n' && route.method === 'post');
    expect(posts.map((route) => route.path)).toContain('/api/internal/n8n/mailboxes/:mailboxId/smtp-credentials');
    for (const route of posts) {
      const target = route.path.replace(/:\w+/g, smtpMailboxId);
      const response = await t.http.post(target).set(n8nSignatureHeaders(secret, { method: 'POST', target, rawBody: '' }));
      expect({ target, status: response.status, code: response.body.code }).toEqual({ target, status: 400, code: 'validation_failed' });
    }
  });

  it('is not reachable with a user token', async () => {
    const register = await t.http
      .post('/api/auth/register')
      .send({ email: 'x@example.com', password: 'long enough pw', name: 'X', organizationName: 'X' });
    const response = await t.http.get('/api/internal/n8n/ping').set('Authorization', `Bearer ${register.body.accessToken}`);
    expect(response.status).toBe(401);
  });

  it('stores the signing secret encrypted', async () => {
    const row = await t.prisma.platformSecret.findUniqueOrThrow({ where: { name: callbackSigningSecretName } });
    expect(row.ciphertext).not.toContain(secret);
    expect(row.keyId).toBe('test1');
  });
});

describe('the nonce store', () => {
  it('refuses a nonce seen before and prunes the expired ones', async () => {
    const nonces = new CallbackNonces({ prisma: t.prisma });
    const now = new Date();
    await t.prisma.n8nCallbackNonce.create({ data: { nonce: 'expired-nonce-0000000', expiresAt: new Date(now.getTime() - 1000) } });
    const expiresAt = new Date(now.getTime() + 301_000);
    expect(await nonces.recordFirstUse('fresh-nonce-00000000', expiresAt, now)).toBe(true);
    expect(await nonces.recordFirstUse('fresh-nonce-00000000', expiresAt, now)).toBe(false);
    expect(await t.prisma.n8nCallbackNonce.findUnique({ where: { nonce: 'expired-nonce-0000000' } })).toBeNull();
  });
});

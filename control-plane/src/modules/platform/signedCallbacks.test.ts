// Integration: HMAC-signed n8n callbacks against the real app and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../lib/http/signature.js';
import { createTestApp, type TestApp } from '../../test/testApp.js';
import { callbackSigningSecretName } from './platformSecrets.js';

let t: TestApp;
let secret: string;
beforeAll(async () => {
  t = await createTestApp();
  secret = await t.app.platformSecrets.getOrCreate(callbackSigningSecretName);
});
afterAll(() => t.close());

const now = () => Math.floor(Date.now() / 1000);

describe('signed n8n callbacks', () => {
  it('accepts a correctly signed request', async () => {
    const ts = now();
    const response = await t.http.get('/api/internal/n8n/ping').set('X-Ophir-Timestamp', String(ts)).set('X-Ophir-Signature', signPayload(secret, ts, ''));
    expect(response.status).toBe(200);
    expect(response.body.ok).toBe(true);
  });

  it('rejects a wrong secret, a stale timestamp and a missing signature', async () => {
    const ts = now();
    const wrong = await t.http.get('/api/internal/n8n/ping').set('X-Ophir-Timestamp', String(ts)).set('X-Ophir-Signature', signPayload('not-the-secret', ts, ''));
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe('The signature does not match');
    const stale = ts - 3600;
    const old = await t.http.get('/api/internal/n8n/ping').set('X-Ophir-Timestamp', String(stale)).set('X-Ophir-Signature', signPayload(secret, stale, ''));
    expect(old.body.detail).toMatch(/too far/);
    expect((await t.http.get('/api/internal/n8n/ping')).status).toBe(401);
  });

  it('is not reachable with a user token', async () => {
    const register = await t.http.post('/api/auth/register').send({ email: 'x@example.com', password: 'long enough pw', name: 'X', organizationName: 'X' });
    const response = await t.http.get('/api/internal/n8n/ping').set('Authorization', `Bearer ${register.body.accessToken}`);
    expect(response.status).toBe(401);
  });

  it('stores the signing secret encrypted', async () => {
    const row = await t.prisma.platformSecret.findUniqueOrThrow({ where: { name: callbackSigningSecretName } });
    expect(row.ciphertext).not.toContain(secret);
    expect(row.keyId).toBe('test1');
  });
});

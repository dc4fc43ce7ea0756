// Integration: which address the per-address sign-in limit counts, with and without a trusted proxy in front.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/testApp.js';

const perAddress = 3;
const limits = { LOGIN_RATE_LIMIT_PER_IP: String(perAddress), LOGIN_RATE_LIMIT_PER_ACCOUNT: '1000' };

async function loginStatuses(t: TestApp, forwardedFor: (attempt: number) => string, attempts: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const response = await t.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', forwardedFor(attempt))
      .send({ email: `nobody${attempt}@example.com`, password: 'wrong password' });
    statuses.push(response.status);
  }
  return statuses;
}

describe('client address with TRUST_PROXY off (the default)', () => {
  let direct: TestApp;
  beforeAll(async () => {
    direct = await createTestApp({ env: limits });
  });
  afterAll(() => direct.close());

  it('ignores a spoofed X-Forwarded-For, so the per-address sign-in limit still applies', async () => {
    const statuses = await loginStatuses(direct, (attempt) => `198.51.100.${attempt}`, perAddress + 1);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('client address behind one proxy (TRUST_PROXY=1)', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await createTestApp({ env: { ...limits, TRUST_PROXY: '1' } });
  });
  afterAll(() => proxied.close());

  it('counts the address the proxy saw, not one the client prepended', async () => {
    // The proxy appends the peer it saw (203.0.113.7); whatever the client put before it is not trusted.
    const spoofing = await loginStatuses(proxied, (attempt) => `198.51.100.${attempt}, 203.0.113.7`, perAddress + 1);
    expect(spoofing).toEqual([401, 401, 401, 429]);
    expect(await loginStatuses(proxied, () => '203.0.113.8', 1)).toEqual([401]);
  });
});

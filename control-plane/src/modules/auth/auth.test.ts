// Integration: the real app over supertest against a real PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_ACCOUNT: '3', LOGIN_RATE_LIMIT_PER_IP: '1000' } });
});
afterAll(() => t.close());

describe('registration and login', () => {
  it('registers a user as owner of a new organization', async () => {
    const response = await t.http
      .post('/api/auth/register')
      .send({ email: 'Ada@Example.com', password: 'correct horse battery', name: 'Ada', organizationName: 'Analytical' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      user: { email: 'ada@example.com', name: 'Ada' },
      organization: { name: 'Analytical', role: 'owner' },
    });
    expect(response.body.accessToken).toMatch(/^ey/);
    expect(response.body.refreshToken).toBeTruthy();
    const stored = await t.prisma.user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const response = await t.http
      .post('/api/auth/register')
      .send({ email: 'ADA@example.com', password: 'another password', name: 'Ada 2', organizationName: 'Other' });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'conflict', issues: [{ path: 'email', in: 'body', message: expect.any(String) }] });
  });

  it('logs in and answers /api/me', async () => {
    const login = await t.http.post('/api/auth/login').send({ email: 'ada@example.com', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('ada@example.com');
    expect(me.body.organization).toMatchObject({ name: 'Analytical', role: 'owner' });
    expect(me.body.organizations).toHaveLength(1);
  });

  it('answers a wrong password and an unknown account the same way', async () => {
    const wrong = await t.http.post('/api/auth/login').send({ email: 'ada@example.com', password: 'nope nope nope' });
    const unknown = await t.http.post('/api/auth/login').send({ email: 'nobody@example.com', password: 'nope nope nope' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'invalid_credentials', detail: 'The email or password is wrong' });
    }
  });

  it('rate-limits sign-in per account', async () => {
    const { user } = await signUp(t.http);
    const attempts = [];
    for (let i = 0; i < 4; i += 1)
      attempts.push(await t.http.post('/api/auth/login').send({ email: user.email, password: 'wrong password' }));
    expect(attempts.slice(0, 3).map((r) => r.status)).toEqual([401, 401, 401]);
    expect(attempts[3]!.status).toBe(429);
    expect(attempts[3]!.body.code).toBe('rate_limited');
    expect(attempts[3]!.headers['retry-after']).toBeDefined();
  });

  it('rejects requests without a valid token', async () => {
    expect((await t.http.get('/api/me')).body.code).toBe('unauthenticated');
    const forged = await t.http.get('/api/me').set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad');
    expect(forged.status).toBe(401);
  });
});

describe('refresh token rotation', () => {
  it('rotates, and a reused token revokes the whole family', async () => {
    const session = await signUp(t.http);
    const first = await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(session.refreshToken);

    const second = await t.http.post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);

    const replay = await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('token_reused');

    // The legitimate newest token died with its family.
    const afterReuse = await t.http.post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(afterReuse.status).toBe(401);
    const family = await t.prisma.refreshToken.findMany({ where: { userId: session.user.id } });
    expect(family.length).toBe(3);
    expect(family.every((token) => token.revokedAt !== null)).toBe(true);
  });

  it('lets only one of two concurrent refreshes win', async () => {
    const session = await signUp(t.http);
    const results = await Promise.all([
      t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken }),
      t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('logout revokes the login', async () => {
    const session = await signUp(t.http);
    expect((await t.http.post('/api/auth/logout').send({ refreshToken: session.refreshToken })).status).toBe(204);
    const refresh = await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken });
    expect(refresh.status).toBe(401);
  });
});

// Integration: browser sessions whose refresh token lives in an httpOnly cookie, through the real app and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'supertest';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';

const publicUrl = 'https://ophir.example.com';
const cookieSession = { 'X-Ophir-Session': 'cookie' };

let https: TestApp;
let plain: TestApp;
beforeAll(async () => {
  https = await createTestApp({ env: { PUBLIC_URL: publicUrl, LOGIN_RATE_LIMIT_PER_IP: '1000' } });
  plain = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_IP: '1000' } });
});
afterAll(async () => {
  await https.close();
  await plain.close();
});

function newAccount() {
  return {
    email: `browser.${randomBytes(4).toString('hex')}@example.com`,
    password: 'correct horse battery staple',
    name: 'Browser',
    organizationName: 'Cookies Ltd',
  };
}

/** The refresh cookie a response sets: its value and its attributes, lower-cased by name. */
function refreshCookie(response: Response): { value: string; attributes: Map<string, string> } | undefined {
  const setCookies = (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  const line = setCookies.find((header) => header.startsWith('ophir_refresh='));
  if (!line) return undefined;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return {
    value: pair!.slice('ophir_refresh='.length),
    attributes: new Map(
      attributes.map((attribute) => {
        const [name, ...value] = attribute.split('=');
        return [name!.toLowerCase(), value.join('=')];
      }),
    ),
  };
}

async function signInWithCookie(app: TestApp): Promise<{ cookie: string; accessToken: string; userId: string }> {
  const response = await app.http.post('/api/auth/register').set(cookieSession).send(newAccount());
  expect(response.status).toBe(201);
  return { cookie: refreshCookie(response)!.value, accessToken: response.body.accessToken, userId: response.body.user.id };
}

function withCookie(token: string) {
  return { Cookie: `theme=dark; ophir_refresh=${token}` };
}

describe('opening a cookie session', () => {
  it('sets the refresh token in an httpOnly, SameSite=Strict, Secure cookie scoped to /api/auth, and keeps it out of the body', async () => {
    const response = await https.http.post('/api/auth/register').set(cookieSession).set('Origin', publicUrl).send(newAccount());
    expect(response.status).toBe(201);
    expect(response.body.accessToken).toMatch(/^ey/);
    expect(response.body.refreshTokenExpiresAt).toBeTruthy();
    expect(response.body).not.toHaveProperty('refreshToken');
    const cookie = refreshCookie(response)!;
    expect(cookie.value).toMatch(/^[\w-]{40,}$/);
    expect(cookie.attributes.has('httponly')).toBe(true);
    expect(cookie.attributes.get('samesite')).toBe('Strict');
    expect(cookie.attributes.get('path')).toBe('/api/auth');
    expect(cookie.attributes.has('secure')).toBe(true);
    expect(new Date(cookie.attributes.get('expires')!).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
  });

  it('is not Secure when PUBLIC_URL is plain http', async () => {
    const account = newAccount();
    await plain.http.post('/api/auth/register').send(account);
    const response = await plain.http.post('/api/auth/login').set(cookieSession).send({ email: account.email, password: account.password });
    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('refreshToken');
    const cookie = refreshCookie(response)!;
    expect(cookie.attributes.has('httponly')).toBe(true);
    expect(cookie.attributes.get('samesite')).toBe('Strict');
    expect(cookie.attributes.has('secure')).toBe(false);
  });

  it('opens one when an invitation is accepted', async () => {
    const owner = await signUp(https.http);
    const invitation = await https.http
      .post('/api/invitations')
      .set(owner.auth)
      .send({ email: `invitee.${randomBytes(3).toString('hex')}@example.com`, role: 'member' });
    const accepted = await https.http
      .post('/api/invitations/accept')
      .set(cookieSession)
      .send({ token: invitation.body.token, name: 'Invitee', password: 'member password 1' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).not.toHaveProperty('refreshToken');
    expect(refreshCookie(accepted)?.attributes.get('path')).toBe('/api/auth');
  });

  it('is refused from another origin', async () => {
    const response = await https.http
      .post('/api/auth/register')
      .set(cookieSession)
      .set('Origin', 'https://evil.example')
      .send(newAccount());
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('csrf_check_failed');
    expect(refreshCookie(response)).toBeUndefined();
  });
});

describe('refreshing and signing out with the cookie', () => {
  it('refreshes with the header, rotating the cookie', async () => {
    const session = await signInWithCookie(https);
    const response = await https.http.post('/api/auth/refresh').set(cookieSession).set('Origin', publicUrl).set(withCookie(session.cookie));
    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('refreshToken');
    const rotated = refreshCookie(response)!;
    expect(rotated.value).not.toBe(session.cookie);
    expect(rotated.attributes.get('path')).toBe('/api/auth');
    const me = await https.http.get('/api/me').set('Authorization', `Bearer ${response.body.accessToken}`);
    expect(me.body.user.id).toBe(session.userId);
    // The rotated cookie is the one that works next.
    expect((await https.http.post('/api/auth/refresh').set(cookieSession).set(withCookie(rotated.value))).status).toBe(200);
  });

  it('refuses the cookie without the header, and leaves the token unused', async () => {
    const session = await signInWithCookie(https);
    for (const path of ['/api/auth/refresh', '/api/auth/logout']) {
      const response = await https.http.post(path).set(withCookie(session.cookie));
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('csrf_check_failed');
    }
    expect((await https.http.post('/api/auth/refresh').set(cookieSession).set(withCookie(session.cookie))).status).toBe(200);
  });

  it('refuses a request from another origin, checked against PUBLIC_URL', async () => {
    const session = await signInWithCookie(https);
    for (const origin of ['https://evil.example', 'http://ophir.example.com', 'null']) {
      const response = await https.http.post('/api/auth/refresh').set(cookieSession).set('Origin', origin).set(withCookie(session.cookie));
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('csrf_check_failed');
    }
    expect(await https.prisma.refreshToken.count({ where: { userId: session.userId, usedAt: { not: null } } })).toBe(0);
  });

  it('without PUBLIC_URL, checks the Origin against the host the browser reached', async () => {
    const session = await signInWithCookie(plain);
    const foreign = await plain.http
      .post('/api/auth/refresh')
      .set(cookieSession)
      .set('Host', 'ophir.lan:3000')
      .set('Origin', 'http://evil.lan:3000')
      .set(withCookie(session.cookie));
    expect(foreign.status).toBe(403);
    const own = await plain.http
      .post('/api/auth/refresh')
      .set(cookieSession)
      .set('Host', 'ophir.lan:3000')
      .set('Origin', 'http://ophir.lan:3000')
      .set(withCookie(session.cookie));
    expect(own.status).toBe(200);
  });

  it('revokes the whole family when an old cookie token is used again, and clears the cookie', async () => {
    const session = await signInWithCookie(https);
    const first = await https.http.post('/api/auth/refresh').set(cookieSession).set(withCookie(session.cookie));
    const newest = refreshCookie(first)!.value;

    const replay = await https.http.post('/api/auth/refresh').set(cookieSession).set(withCookie(session.cookie));
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('token_reused');
    expect(refreshCookie(replay)?.value).toBe('');

    const afterReuse = await https.http.post('/api/auth/refresh').set(cookieSession).set(withCookie(newest));
    expect(afterReuse.status).toBe(401);
    const family = await https.prisma.refreshToken.findMany({ where: { userId: session.userId } });
    expect(family.every((token) => token.revokedAt !== null)).toBe(true);
  });

  it('answers 401 to a cookie session whose cookie is gone', async () => {
    const response = await https.http.post('/api/auth/refresh').set(cookieSession);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('unauthenticated');
  });

  it('refuses a body token in a cookie session', async () => {
    const session = await signInWithCookie(https);
    const response = await https.http
      .post('/api/auth/refresh')
      .set(cookieSession)
      .set(withCookie(session.cookie))
      .send({ refreshToken: session.cookie });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([expect.objectContaining({ path: 'refreshToken' })]);
  });

  it('signs out: revokes the login and clears the cookie', async () => {
    const session = await signInWithCookie(https);
    const response = await https.http.post('/api/auth/logout').set(cookieSession).set('Origin', publicUrl).set(withCookie(session.cookie));
    expect(response.status).toBe(204);
    const cleared = refreshCookie(response)!;
    expect(cleared.value).toBe('');
    expect(cleared.attributes.get('path')).toBe('/api/auth');
    expect(new Date(cleared.attributes.get('expires')!).getTime()).toBeLessThan(Date.now());
    const tokens = await https.prisma.refreshToken.findMany({ where: { userId: session.userId } });
    expect(tokens.every((token) => token.revokedAt !== null)).toBe(true);
    expect((await https.http.post('/api/auth/refresh').set(cookieSession).set(withCookie(session.cookie))).status).toBe(401);
  });
});

describe('API clients, which send the refresh token in the body', () => {
  it('get it in the body and no cookie, and refresh and sign out with it as before', async () => {
    const registered = await https.http.post('/api/auth/register').send(newAccount());
    expect(registered.body.refreshToken).toBeTruthy();
    expect(refreshCookie(registered)).toBeUndefined();
    const refreshed = await https.http.post('/api/auth/refresh').send({ refreshToken: registered.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeTruthy();
    expect(refreshCookie(refreshed)).toBeUndefined();
    const loggedOut = await https.http.post('/api/auth/logout').send({ refreshToken: refreshed.body.refreshToken });
    expect(loggedOut.status).toBe(204);
    expect(loggedOut.headers['set-cookie']).toBeUndefined();
  });

  it('are told the token is required when they send none', async () => {
    const response = await https.http.post('/api/auth/refresh').send({});
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', issues: [{ path: 'refreshToken' }] });
  });
});

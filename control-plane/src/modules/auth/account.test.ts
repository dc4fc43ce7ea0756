// Integration: a signed-in person changes their name and password; an API key has no account to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const oldPassword = 'correct horse battery staple';
const newPassword = 'a brand new passphrase';

describe('my account', () => {
  it('renames the caller, and refuses an empty name on its field', async () => {
    const user = await signUp(t.http);
    const renamed = await t.http.patch('/api/me').set(user.auth).send({ name: '  Ada King  ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ id: user.user.id, email: user.user.email, name: 'Ada King' });
    expect((await t.http.get('/api/me').set(user.auth)).body.user.name).toBe('Ada King');

    const empty = await t.http.patch('/api/me').set(user.auth).send({ name: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.issues).toEqual([expect.objectContaining({ path: 'name', message: 'Enter your name' })]);
  });

  it('changes the password: the old one stops working, every other session ends, and the caller gets a new one', async () => {
    const user = await signUp(t.http);
    const elsewhere = await t.http.post('/api/auth/login').send({ email: user.user.email, password: oldPassword });
    expect(elsewhere.status).toBe(200);

    const wrong = await t.http.post('/api/me/password').set(user.auth).send({ currentPassword: 'not my password', newPassword });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues).toEqual([expect.objectContaining({ path: 'currentPassword', message: 'This is not your current password' })]);
    const short = await t.http.post('/api/me/password').set(user.auth).send({ currentPassword: oldPassword, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['newPassword']);

    const changed = await t.http.post('/api/me/password').set(user.auth).send({ currentPassword: oldPassword, newPassword });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      user: { id: user.user.id },
      organization: { id: user.organization.id, role: 'owner' },
      refreshToken: expect.any(String),
    });

    expect((await t.http.post('/api/auth/login').send({ email: user.user.email, password: oldPassword })).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ email: user.user.email, password: newPassword })).status).toBe(200);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: elsewhere.body.refreshToken })).status).toBe(401);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: user.refreshToken })).status).toBe(401);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: changed.body.refreshToken })).status).toBe(200);
  });

  it('puts the new session in the cookie for a browser', async () => {
    const user = await signUp(t.http);
    const changed = await t.http
      .post('/api/me/password')
      .set(user.auth)
      .set('X-Ophir-Session', 'cookie')
      .send({ currentPassword: oldPassword, newPassword });
    expect(changed.status).toBe(200);
    expect(changed.body.refreshToken).toBeUndefined();
    expect(String(changed.headers['set-cookie'])).toMatch(/^ophir_refresh=.+; Path=\/api\/auth; .*HttpOnly/);
  });

  it('refuses an API key: it has no account', async () => {
    const owner = await signUp(t.http);
    const key = await t.http.post('/api/api-keys').set(owner.auth).send({ name: 'script', role: 'admin' });
    const asKey = { Authorization: `Bearer ${key.body.key}` };
    const rename = await t.http.patch('/api/me').set(asKey).send({ name: 'Robot' });
    expect(rename.status).toBe(403);
    expect(rename.body.code).toBe('forbidden');
    expect((await t.http.post('/api/me/password').set(asKey).send({ currentPassword: oldPassword, newPassword })).status).toBe(403);
  });
});

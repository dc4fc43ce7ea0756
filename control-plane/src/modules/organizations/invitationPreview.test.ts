// Integration: an invitation link tells its holder what it is for, and nothing once it is spent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function invite(owner: SignedUp, email: string, role: string) {
  const response = await t.http.post('/api/invitations').set(owner.auth).send({ email, role });
  expect(response.status).toBe(201);
  return response.body as { id: string; token: string };
}

const preview = (token: string) => t.http.post('/api/invitations/preview').send({ token });

describe('invitation preview', () => {
  it('names the organization, the address and the role, and whether the address has an account', async () => {
    const owner = await signUp(t.http, { organizationName: 'Preview Org' });
    const newcomer = await invite(owner, 'newcomer@example.com', 'viewer');
    const answer = await preview(newcomer.token);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      email: 'newcomer@example.com',
      role: 'viewer',
      organizationName: 'Preview Org',
      expiresAt: expect.any(String),
      hasAccount: false,
    });

    const existing = await signUp(t.http);
    const forExisting = await invite(owner, existing.user.email, 'member');
    expect((await preview(forExisting.token)).body).toMatchObject({ email: existing.user.email, role: 'member', hasAccount: true });
  });

  it('answers 404 for a token that is unknown, accepted or revoked', async () => {
    const owner = await signUp(t.http);
    expect((await preview('not-a-token')).status).toBe(404);

    const accepted = await invite(owner, 'accepted@example.com', 'member');
    expect(
      (await t.http.post('/api/invitations/accept').send({ token: accepted.token, name: 'A', password: 'member password 1' })).status,
    ).toBe(200);
    const spent = await preview(accepted.token);
    expect(spent.status).toBe(404);
    expect(spent.body.code).toBe('not_found');

    const revoked = await invite(owner, 'revoked@example.com', 'member');
    expect((await t.http.delete(`/api/invitations/${revoked.id}`).set(owner.auth)).status).toBe(204);
    expect((await preview(revoked.token)).status).toBe(404);
  });

  it('refuses a body without a token, on the token field', async () => {
    const refused = await t.http.post('/api/invitations/preview').send({});
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: 'token', in: 'body' })]);
  });
});

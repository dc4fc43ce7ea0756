// Integration: members, invitations, roles and API keys through the real app and PostgreSQL.
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

async function join(owner: SignedUp, email: string, role: string) {
  const invitation = await invite(owner, email, role);
  const accepted = await t.http.post('/api/invitations/accept').send({ token: invitation.token, name: 'New Member', password: 'member password 1' });
  expect(accepted.status).toBe(200);
  return { ...accepted.body, auth: { Authorization: `Bearer ${accepted.body.accessToken}` } } as SignedUp;
}

describe('invitations', () => {
  it('lets an invitee create an account and join with the invited role', async () => {
    const owner = await signUp(t.http);
    const member = await join(owner, 'new.member@example.com', 'member');
    expect(member.organization).toMatchObject({ id: owner.organization.id, role: 'member' });
    const members = await t.http.get('/api/members').set(owner.auth);
    expect(members.body.data.map((m: { email: string }) => m.email)).toContain('new.member@example.com');
  });

  it('lets an existing user join a second organization with their own password', async () => {
    const first = await signUp(t.http);
    const second = await signUp(t.http);
    const invitation = await invite(second, first.user.email, 'admin');
    const wrong = await t.http.post('/api/invitations/accept').send({ token: invitation.token, password: 'not their password' });
    expect(wrong.status).toBe(401);
    const accepted = await t.http.post('/api/invitations/accept').send({ token: invitation.token, password: 'correct horse battery staple' });
    expect(accepted.body.organization).toMatchObject({ id: second.organization.id, role: 'admin' });
    const login = await t.http.post('/api/auth/login').send({ email: first.user.email, password: 'correct horse battery staple', organizationId: second.organization.id });
    expect(login.body.organization.id).toBe(second.organization.id);
  });

  it('uses a token once and honours revocation', async () => {
    const owner = await signUp(t.http);
    const invitation = await invite(owner, 'once@example.com', 'viewer');
    expect((await t.http.post('/api/invitations/accept').send({ token: invitation.token, name: 'Once', password: 'viewer password' })).status).toBe(200);
    expect((await t.http.post('/api/invitations/accept').send({ token: invitation.token, name: 'Twice', password: 'viewer password' })).status).toBe(401);

    const revoked = await invite(owner, 'revoked@example.com', 'viewer');
    expect((await t.http.delete(`/api/invitations/${revoked.id}`).set(owner.auth)).status).toBe(204);
    expect((await t.http.post('/api/invitations/accept').send({ token: revoked.token, name: 'R', password: 'viewer password' })).status).toBe(401);
  });
});

describe('roles', () => {
  it('keeps viewers and members out of admin actions', async () => {
    const owner = await signUp(t.http);
    const viewer = await join(owner, 'viewer@example.com', 'viewer');
    const forbidden = await t.http.post('/api/api-keys').set(viewer.auth).send({ name: 'k' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');
    expect((await t.http.get('/api/members').set(viewer.auth)).status).toBe(200);
  });

  it('never leaves an organization without an owner, and only owners touch owners', async () => {
    const owner = await signUp(t.http);
    const admin = await join(owner, 'admin@example.com', 'admin');
    const members = (await t.http.get('/api/members').set(owner.auth)).body.data as { id: string; role: string }[];
    const ownerMembership = members.find((m) => m.role === 'owner')!;
    const adminMembership = members.find((m) => m.role === 'admin')!;

    expect((await t.http.patch(`/api/members/${ownerMembership.id}`).set(admin.auth).send({ role: 'member' })).status).toBe(403);
    expect((await t.http.patch(`/api/members/${adminMembership.id}`).set(admin.auth).send({ role: 'owner' })).status).toBe(403);
    const lastOwner = await t.http.patch(`/api/members/${ownerMembership.id}`).set(owner.auth).send({ role: 'admin' });
    expect(lastOwner.status).toBe(409);

    expect((await t.http.patch(`/api/members/${adminMembership.id}`).set(owner.auth).send({ role: 'owner' })).body.role).toBe('owner');
    expect((await t.http.patch(`/api/members/${ownerMembership.id}`).set(owner.auth).send({ role: 'admin' })).body.role).toBe('admin');
  });

  it('ends a removed member\'s access at once', async () => {
    const owner = await signUp(t.http);
    const member = await join(owner, 'leaving@example.com', 'member');
    const membership = (await t.http.get('/api/members').set(owner.auth)).body.data.find((m: { email: string }) => m.email === 'leaving@example.com');
    expect((await t.http.delete(`/api/members/${membership.id}`).set(owner.auth)).status).toBe(204);
    expect((await t.http.get('/api/me').set(member.auth)).status).toBe(401);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: member.refreshToken })).status).toBe(401);
  });
});

describe('API keys', () => {
  it('authenticates with a key shown once and stored hashed, until revoked', async () => {
    const owner = await signUp(t.http);
    const created = await t.http.post('/api/api-keys').set(owner.auth).send({ name: 'CRM sync', role: 'member' });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^ophir_/);
    const stored = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.keyHash).not.toContain(key);
    expect(JSON.stringify((await t.http.get('/api/api-keys').set(owner.auth)).body)).not.toContain(key);

    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${key}`);
    expect(me.body).toMatchObject({ user: null, apiKeyId: created.body.id, organization: { id: owner.organization.id, role: 'member' } });
    expect((await t.http.get('/api/api-keys').set('Authorization', `Bearer ${key}`)).status).toBe(403);

    expect((await t.http.delete(`/api/api-keys/${created.body.id}`).set(owner.auth)).status).toBe(204);
    expect((await t.http.get('/api/me').set('Authorization', `Bearer ${key}`)).status).toBe(401);
  });

  it('cannot mint a key with more rights than its creator, and records the change', async () => {
    const owner = await signUp(t.http);
    const admin = await join(owner, 'keymaker@example.com', 'admin');
    expect((await t.http.post('/api/api-keys').set(admin.auth).send({ name: 'x', role: 'owner' })).status).toBe(400);
    const audit = await t.http.get('/api/audit-log').set(owner.auth);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted', 'organization.created']));
  });
});

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
  const accepted = await t.http
    .post('/api/invitations/accept')
    .send({ token: invitation.token, name: 'New Member', password: 'member password 1' });
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
    const accepted = await t.http
      .post('/api/invitations/accept')
      .send({ token: invitation.token, password: 'correct horse battery staple' });
    expect(accepted.body.organization).toMatchObject({ id: second.organization.id, role: 'admin' });
    const login = await t.http
      .post('/api/auth/login')
      .send({ email: first.user.email, password: 'correct horse battery staple', organizationId: second.organization.id });
    expect(login.body.organization.id).toBe(second.organization.id);
  });

  it('uses a token once and honours revocation', async () => {
    const owner = await signUp(t.http);
    const invitation = await invite(owner, 'once@example.com', 'viewer');
    expect(
      (await t.http.post('/api/invitations/accept').send({ token: invitation.token, name: 'Once', password: 'viewer password' })).status,
    ).toBe(200);
    expect(
      (await t.http.post('/api/invitations/accept').send({ token: invitation.token, name: 'Twice', password: 'viewer password' })).status,
    ).toBe(401);

    const revoked = await invite(owner, 'revoked@example.com', 'viewer');
    expect((await t.http.delete(`/api/invitations/${revoked.id}`).set(owner.auth)).status).toBe(204);
    expect(
      (await t.http.post('/api/invitations/accept').send({ token: revoked.token, name: 'R', password: 'viewer password' })).status,
    ).toBe(401);
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

  it("ends a removed member's access at once", async () => {
    const owner = await signUp(t.http);
    const member = await join(owner, 'leaving@example.com', 'member');
    const membership = (await t.http.get('/api/members').set(owner.auth)).body.data.find(
      (m: { email: string }) => m.email === 'leaving@example.com',
    );
    // Signed in and answered a moment before: nothing remembered from that request lets the next one through.
    expect((await t.http.get('/api/me').set(member.auth)).status).toBe(200);
    expect((await t.http.delete(`/api/members/${membership.id}`).set(owner.auth)).status).toBe(204);
    expect((await t.http.get('/api/me').set(member.auth)).status).toBe(401);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: member.refreshToken })).status).toBe(401);
  });
});

describe('what a member issued, when they leave or are demoted', () => {
  async function membershipOf(owner: SignedUp, email: string): Promise<string> {
    const members = (await t.http.get('/api/members').set(owner.auth)).body.data as { id: string; email: string }[];
    return members.find((m) => m.email === email)!.id;
  }

  async function apiKey(creator: { Authorization: string }, role: string): Promise<{ id: string; auth: { Authorization: string } }> {
    const created = await t.http
      .post('/api/api-keys')
      .set(creator)
      .send({ name: `${role} key`, role });
    expect(created.status).toBe(201);
    return { id: created.body.id, auth: { Authorization: `Bearer ${created.body.key}` } };
  }

  async function acceptStatus(token: string): Promise<number> {
    return (await t.http.post('/api/invitations/accept').send({ token, name: 'Invitee', password: 'invitee password 1' })).status;
  }

  async function auditOf(owner: SignedUp, action: string) {
    const entries = (await t.http.get('/api/audit-log').set(owner.auth)).body.data as {
      action: string;
      targetId: string;
      data: Record<string, unknown>;
    }[];
    return entries.filter((e) => e.action === action);
  }

  it("revokes a removed admin's API keys (and keys those keys minted) and their pending invitations", async () => {
    const owner = await signUp(t.http);
    const admin = await join(owner, 'removed.admin@example.com', 'admin');
    const adminKey = await apiKey(admin.auth, 'admin');
    const mintedByKey = await apiKey(adminKey.auth, 'member');
    const ownersKey = await apiKey(owner.auth, 'admin');
    const sentByAdmin = await invite(admin, 'invited.by.admin@example.com', 'admin');
    const sentByKey = (
      await t.http.post('/api/invitations').set(adminKey.auth).send({ email: 'invited.by.key@example.com', role: 'member' })
    ).body;
    const sentByOwner = await invite(owner, 'invited.by.owner@example.com', 'viewer');

    expect((await t.http.delete(`/api/members/${await membershipOf(owner, 'removed.admin@example.com')}`).set(owner.auth)).status).toBe(
      204,
    );

    expect((await t.http.get('/api/me').set(adminKey.auth)).status).toBe(401);
    expect((await t.http.get('/api/me').set(mintedByKey.auth)).status).toBe(401);
    expect(await acceptStatus(sentByAdmin.token)).toBe(401);
    expect(await acceptStatus(sentByKey.token)).toBe(401);
    expect((await t.http.get('/api/me').set(ownersKey.auth)).status).toBe(200);
    expect(await acceptStatus(sentByOwner.token)).toBe(200);

    const revokedKeys = await auditOf(owner, 'api_key.revoked');
    expect(revokedKeys.map((e) => e.targetId).sort()).toEqual([adminKey.id, mintedByKey.id].sort());
    expect(revokedKeys.every((e) => e.data.cause === 'member_removed')).toBe(true);
    const revokedInvitations = await auditOf(owner, 'invitation.revoked');
    expect(revokedInvitations.map((e) => e.targetId).sort()).toEqual([sentByAdmin.id, sentByKey.id].sort());
  });

  it("caps a demoted admin's API keys to the new role and revokes the invitations they may no longer send", async () => {
    const owner = await signUp(t.http);
    const admin = await join(owner, 'demoted.admin@example.com', 'admin');
    const adminKey = await apiKey(admin.auth, 'admin');
    const viewerKey = await apiKey(admin.auth, 'viewer');
    const sentByAdmin = await invite(admin, 'invited.before.demotion@example.com', 'member');

    const demoted = await t.http
      .patch(`/api/members/${await membershipOf(owner, 'demoted.admin@example.com')}`)
      .set(owner.auth)
      .send({ role: 'member' });
    expect(demoted.body.role).toBe('member');

    expect((await t.http.get('/api/me').set(adminKey.auth)).body.organization.role).toBe('member');
    expect((await t.http.get('/api/api-keys').set(adminKey.auth)).status).toBe(403);
    expect((await t.http.get('/api/me').set(viewerKey.auth)).body.organization.role).toBe('viewer');
    expect(await acceptStatus(sentByAdmin.token)).toBe(401);

    const capped = await auditOf(owner, 'api_key.role_capped');
    expect(capped).toEqual([
      expect.objectContaining({
        targetId: adminKey.id,
        data: expect.objectContaining({ from: 'admin', to: 'member', cause: 'member_demoted' }),
      }),
    ]);
    expect((await auditOf(owner, 'invitation.revoked')).map((e) => e.targetId)).toEqual([sentByAdmin.id]);
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
    const acting = { id: owner.organization.id, name: owner.organization.name, role: 'member' };
    expect(me.body).toEqual({
      user: null,
      organization: acting,
      apiKey: { id: created.body.id, name: 'CRM sync', prefix: key.slice(0, stored.prefix.length), role: 'member', expiresAt: null },
      organizations: [acting],
    });
    const asOwner = await t.http.get('/api/me').set(owner.auth);
    expect(asOwner.body).toMatchObject({ apiKey: null, organizations: [{ id: owner.organization.id, role: 'owner' }] });
    expect((await t.http.get('/api/api-keys').set('Authorization', `Bearer ${key}`)).status).toBe(403);

    expect((await t.http.delete(`/api/api-keys/${created.body.id}`).set(owner.auth)).status).toBe(204);
    expect((await t.http.get('/api/me').set('Authorization', `Bearer ${key}`)).status).toBe(401);
  });

  it('cannot mint a key with more rights than its creator, and records the change', async () => {
    const owner = await signUp(t.http);
    const admin = await join(owner, 'keymaker@example.com', 'admin');
    expect((await t.http.post('/api/api-keys').set(admin.auth).send({ name: 'x', role: 'owner' })).status).toBe(400);
    const audit = await t.http.get('/api/audit-log').set(owner.auth);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['invitation.created', 'invitation.accepted', 'organization.created']),
    );
  });
});

describe('audit log pages', () => {
  it('pages by cursor without skipping or repeating entries written in the same millisecond', async () => {
    const owner = await signUp(t.http);
    const at = new Date('2026-11-30T12:00:00.000Z');
    await t.prisma.auditLog.createMany({
      data: Array.from({ length: 5 }, (_, index) => ({
        organizationId: owner.organization.id,
        action: 'test.burst',
        targetType: 'test',
        targetId: String(index),
        createdAt: at,
      })),
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response: { status: number; text: string; body: { data: Array<{ id: string }>; nextCursor: string | null } } = await t.http
        .get('/api/audit-log')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(owner.auth);
      expect(response.status, response.text).toBe(200);
      seen.push(...response.body.data.map((entry) => entry.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    const all = await t.prisma.auditLog.findMany({
      where: { organizationId: owner.organization.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    expect(seen).toEqual(all.map((entry) => entry.id));
  });
});

describe("the organization's timezone", () => {
  it('starts at UTC, takes an IANA zone (not a made-up one), is audited, and is where new campaigns and mailboxes start', async () => {
    const owner = await signUp(t.http);
    expect((await t.http.get('/api/organization').set(owner.auth)).body.timezone).toBe('UTC');
    const refused = await t.http.patch('/api/organization').set(owner.auth).send({ timezone: 'Mars/Olympus' });
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0]).toMatchObject({ path: 'timezone', in: 'body' });
    expect((await t.http.patch('/api/organization').set(owner.auth).send({})).status).toBe(400);

    const updated = await t.http.patch('/api/organization').set(owner.auth).send({ timezone: 'Europe/Berlin' });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ name: owner.organization.name, timezone: 'Europe/Berlin' });
    const audit = await t.prisma.auditLog.findMany({
      where: { organizationId: owner.organization.id, action: { in: ['organization.renamed', 'organization.timezone_changed'] } },
    });
    expect(audit.map((entry) => [entry.action, entry.data])).toEqual([
      ['organization.timezone_changed', { from: 'UTC', to: 'Europe/Berlin' }],
    ]);

    const campaign = await t.http.post('/api/campaigns').set(owner.auth).send({ name: 'Zoned' });
    expect(campaign.status, campaign.text).toBe(201);
    expect(campaign.body.timezone).toBe('Europe/Berlin');
    const named = await t.http.post('/api/campaigns').set(owner.auth).send({ name: 'Named zone', timezone: 'America/New_York' });
    expect(named.body.timezone).toBe('America/New_York');
    const mailbox = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'zoned@sandbox.example' });
    expect(mailbox.status, mailbox.text).toBe(201);
    expect(mailbox.body.timezone).toBe('Europe/Berlin');
  });
});

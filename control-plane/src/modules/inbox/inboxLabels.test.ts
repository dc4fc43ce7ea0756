// Integration: the organization's own inbox labels on real PostgreSQL — added, listed, put on threads
// in place of a built-in label, deleted (threads keep no label), and never seen by another organization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { leadReplies } from '../../test/leadReplies.js';
import { campaignWithFirstStepSent } from '../../test/sentMessages.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { ACCESS_TOKEN_TTL_SECONDS: '86400' } });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

async function threadWithReply() {
  const sent = await campaignWithFirstStepSent(t, clock, { organizationId: owner.organization.id, leads: 1 });
  clock.advance(60_000);
  await leadReplies(t, clock, sent.items[0]!, 'Sounds interesting, call me next week.');
  return t.prisma.inboxThread.findFirstOrThrow({ where: { leadId: sent.items[0]!.lead.id as string } });
}

const addLabel = (name: string, auth = owner.auth) => t.http.post('/api/inbox/labels').set(auth).send({ name });
const labelThread = (threadId: string, body: object) => t.http.patch(`/api/inbox/threads/${threadId}`).set(owner.auth).send(body);

describe("the organization's own inbox labels", () => {
  it('adds labels with unique names (ignoring case, built-in names taken) and lists them by name with their thread counts', async () => {
    const added = await addLabel('  Follow up in Q1 ');
    expect(added.status, added.text).toBe(201);
    expect(added.body).toMatchObject({ name: 'Follow up in Q1', threads: 0 });
    expect((await addLabel('Agency')).status).toBe(201);

    const again = await addLabel('follow UP in q1');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'conflict', issues: [{ path: 'name' }] });
    expect((await addLabel('meeting booked')).status).toBe(409);
    expect((await addLabel('')).status).toBe(400);

    const listed = await t.http.get('/api/inbox/labels').set(owner.auth);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((label: { name: string }) => label.name)).toEqual(['Agency', 'Follow up in Q1']);
    expect(await t.prisma.auditLog.count({ where: { organizationId: owner.organization.id, action: 'inbox_label.created' } })).toBe(2);
  });

  it("puts an own label on a thread in place of a built-in one, filters by it, and leaves threads unlabelled when it's deleted", async () => {
    const thread = await threadWithReply();
    const own = (await addLabel('Partner')).body;

    expect((await labelThread(thread.id, { label: 'meeting_booked' })).body).toMatchObject({ label: 'meeting_booked', customLabel: null });
    const labelled = await labelThread(thread.id, { customLabelId: own.id });
    expect(labelled.status, labelled.text).toBe(200);
    expect(labelled.body).toMatchObject({ label: null, labelSuggested: false, customLabel: { id: own.id, name: 'Partner' } });

    const filtered = await t.http.get(`/api/inbox/threads?customLabelId=${own.id}`).set(owner.auth);
    expect(filtered.body.data.map((row: { id: string }) => row.id)).toEqual([thread.id]);
    const unlabelled = await t.http.get('/api/inbox/threads?label=none').set(owner.auth);
    expect(unlabelled.body.data.map((row: { id: string }) => row.id)).not.toContain(thread.id);
    const counted = await t.http.get('/api/inbox/labels').set(owner.auth);
    expect(counted.body.data.find((label: { id: string }) => label.id === own.id).threads).toBe(1);

    // An auto-reply suggests out of office only on a thread with no label at all.
    clock.advance(60_000);
    const lead = await t.prisma.lead.findUniqueOrThrow({ where: { id: thread.leadId } });
    const message = await t.prisma.message.findFirstOrThrow({ where: { enrollmentId: thread.enrollmentId } });
    await leadReplies(t, clock, { sendId: message.id, lead }, 'I am away until Monday.', 'auto_replied');
    expect(await t.prisma.inboxThread.findUniqueOrThrow({ where: { id: thread.id } })).toMatchObject({
      label: null,
      customLabelId: own.id,
    });

    expect((await labelThread(thread.id, { label: 'interested', customLabelId: own.id })).status).toBe(400);
    expect((await t.http.delete(`/api/inbox/labels/${own.id}`).set(owner.auth)).status).toBe(204);
    expect((await t.http.get(`/api/inbox/threads/${thread.id}`).set(owner.auth)).body).toMatchObject({ label: null, customLabel: null });
    expect((await t.http.delete(`/api/inbox/labels/${own.id}`).set(owner.auth)).status).toBe(404);
    expect(
      await t.prisma.auditLog.count({ where: { organizationId: owner.organization.id, action: 'inbox_label.deleted', targetId: own.id } }),
    ).toBe(1);
  });

  it("keeps each organization's labels to itself and lets viewers read but not change them", async () => {
    const other = await signUp(t.http);
    const theirs = (await addLabel('Theirs', other.auth)).body;
    const thread = await threadWithReply();

    expect((await t.http.get('/api/inbox/labels').set(owner.auth)).body.data.map((label: { id: string }) => label.id)).not.toContain(
      theirs.id,
    );
    const refused = await labelThread(thread.id, { customLabelId: theirs.id });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: 'customLabelId' })]);
    expect((await t.http.delete(`/api/inbox/labels/${theirs.id}`).set(owner.auth)).status).toBe(404);
    expect((await addLabel('Theirs')).status).toBe(201);

    await t.prisma.membership.updateMany({ where: { userId: other.user.id }, data: { role: 'viewer' } });
    expect((await t.http.get('/api/inbox/labels').set(other.auth)).status).toBe(200);
    expect((await addLabel('Not allowed', other.auth)).status).toBe(403);
  });
});

describe('the inbox summary and its live stream', () => {
  it('counts threads and unread ones and moves changedAt when a thread is read', async () => {
    const organization = await signUp(t.http);
    const empty = await t.http.get('/api/inbox/summary').set(organization.auth);
    expect(empty.body).toEqual({ threads: 0, unreadThreads: 0, changedAt: null });

    const before = (await t.http.get('/api/inbox/summary').set(owner.auth)).body;
    const thread = await threadWithReply();
    const after = (await t.http.get('/api/inbox/summary').set(owner.auth)).body;
    expect(after).toMatchObject({ threads: before.threads + 1, unreadThreads: before.unreadThreads + 1 });
    await labelThread(thread.id, { read: true });
    const read = (await t.http.get('/api/inbox/summary').set(owner.auth)).body;
    expect(read.unreadThreads).toBe(before.unreadThreads);
    expect(read.changedAt > after.changedAt).toBe(true);
  });
});

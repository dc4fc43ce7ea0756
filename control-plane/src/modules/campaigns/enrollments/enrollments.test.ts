// Integration: the enrolment API on the real app and PostgreSQL: by ids, list and filter; paging; stopping one lead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { createCampaign, createLead, sequenceBody } from '../../../test/campaignApi.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { leaseMessage } from '../../../test/mailboxFlows.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

async function campaignWithSequence() {
  const { campaignId } = await createCampaign(t.http, owner);
  expect((await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send(sequenceBody())).status).toBe(200);
  return campaignId;
}

const enroll = (campaignId: string, body: object) => t.http.post(`/api/campaigns/${campaignId}/enrollments`).set(owner.auth).send(body);

/** Three mailable leads, one whose domain is suppressed, one that bounced, one already running in another campaign. */
async function leadMix(tag: string) {
  const email = (name: string, domain = 'prospect.example') => `${name}.${tag}@${domain}`;
  const ids = {
    mailable: [
      await createLead(t.http, owner, { email: email('a'), tags: [tag] }),
      await createLead(t.http, owner, { email: email('b'), tags: [tag] }),
      await createLead(t.http, owner, { email: email('c'), tags: [tag] }),
    ],
    suppressed: await createLead(t.http, owner, { email: email('d', `blocked-${tag}.example`), tags: [tag] }),
    bounced: await createLead(t.http, owner, { email: email('e'), tags: [tag] }),
  };
  expect(
    (
      await t.http
        .post('/api/suppressions')
        .set(owner.auth)
        .send({ kind: 'domain', value: `blocked-${tag}.example` })
    ).status,
  ).toBe(201);
  expect((await t.http.patch(`/api/leads/${ids.bounced}`).set(owner.auth).send({ status: 'bounced' })).status).toBe(200);
  const other = await campaignWithSequence();
  expect((await enroll(other, { leadIds: [ids.mailable[0]] })).body.enrolled).toBe(1);
  return { ...ids, all: [...ids.mailable, ids.suppressed, ids.bounced] };
}

describe('enrolment', () => {
  it('enrols by ids, skipping and counting suppressed, inactive, unknown and already enrolled leads', async () => {
    const campaignId = await campaignWithSequence();
    const leads = await leadMix('ids');
    const outcome = await enroll(campaignId, { leadIds: [...leads.all, '00000000-0000-4000-8000-000000000000'] });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toEqual({
      enrolled: 3,
      skipped: { suppressed: 1, inactive: 1, alreadyEnrolled: 0, notFound: 1, invalidAddress: 0 },
      activeElsewhere: 1,
    });
    const messages = await t.prisma.message.findMany({ where: { campaignId } });
    expect(messages.map((m) => [m.stepPosition, m.status, m.dueAt.toISOString()])).toEqual(
      Array(3).fill([0, 'queued', clock.now().toISOString()]),
    );
    expect((await enroll(campaignId, { leadIds: leads.mailable })).body).toMatchObject({ enrolled: 0, skipped: { alreadyEnrolled: 3 } });
  });

  it('enrols a list and a filter through the leads selection', async () => {
    const leads = await leadMix('sel');
    const list = await t.http.post('/api/lead-lists').set(owner.auth).send({ name: 'Enrol me' });
    await t.http.post(`/api/lead-lists/${list.body.id}/members`).set(owner.auth).send({ leadIds: leads.all });
    const byList = await enroll(await campaignWithSequence(), { listId: list.body.id });
    expect(byList.body).toEqual({
      enrolled: 3,
      skipped: { suppressed: 1, inactive: 1, alreadyEnrolled: 0, notFound: 0, invalidAddress: 0 },
      activeElsewhere: 1,
    });
    const byFilter = await enroll(await campaignWithSequence(), { filter: { tag: 'sel' } });
    expect(byFilter.body).toMatchObject({ enrolled: 3, skipped: { suppressed: 1, inactive: 1 } });
    expect((await enroll(await campaignWithSequence(), { listId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  });

  it('previews an enrolment with the same counts, enrolling no one, and says the campaign without emails takes no one yet', async () => {
    const leads = await leadMix('dry');
    const list = await t.http.post('/api/lead-lists').set(owner.auth).send({ name: 'Preview me' });
    await t.http.post(`/api/lead-lists/${list.body.id}/members`).set(owner.auth).send({ leadIds: leads.all });
    const { campaignId } = await createCampaign(t.http, owner);
    const preview = (body: object) => t.http.post(`/api/campaigns/${campaignId}/enrollments/preview`).set(owner.auth).send(body);
    const expected = {
      enrolled: 3,
      skipped: { suppressed: 1, inactive: 1, alreadyEnrolled: 0, notFound: 0, invalidAddress: 0 },
      activeElsewhere: 1,
    };
    const noEmails = 'This campaign has no emails yet: add step 1 with its message before enrolling leads';
    expect((await preview({ listId: list.body.id })).body).toEqual({ ...expected, blocker: noEmails });
    expect((await preview({ filter: { tag: 'dry' } })).body).toEqual({ ...expected, blocker: noEmails });
    const refused = await enroll(campaignId, { listId: list.body.id });
    expect([refused.status, refused.body.code, refused.body.detail]).toEqual([409, 'invalid_state', noEmails]);
    expect(await t.prisma.enrollment.count({ where: { campaignId } })).toBe(0);

    expect((await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send(sequenceBody())).status).toBe(200);
    expect((await preview({ listId: list.body.id })).body).toEqual({ ...expected, blocker: null });
    expect((await enroll(campaignId, { listId: list.body.id })).body).toEqual(expected);
    expect((await preview({ listId: list.body.id })).body).toEqual({
      ...expected,
      enrolled: 0,
      skipped: { ...expected.skipped, alreadyEnrolled: 3 },
      activeElsewhere: 0,
      blocker: null,
    });
  });

  it('takes exactly one way of naming leads, and only into a campaign with a first step', async () => {
    const campaignId = await campaignWithSequence();
    const both = await enroll(campaignId, { leadIds: ['00000000-0000-4000-8000-000000000000'], filter: { tag: 'x' } });
    expect(both.body).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: '', message: 'Give exactly one of leadIds, listId or filter' }],
    });
    expect((await enroll(campaignId, {})).status).toBe(400);
    const bare = await createCampaign(t.http, owner);
    expect((await enroll(bare.campaignId, { filter: { tag: 'nobody' } })).body.code).toBe('invalid_state');
  });

  it('enrols 10,000 leads of a filter in one request', async () => {
    const campaignId = await campaignWithSequence();
    const organizationId = owner.organization.id;
    const count = 10_000;
    await t.prisma.lead.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        organizationId,
        email: `bulk${i}@bulk${i % 50}.example`,
        emailDomain: `bulk${i % 50}.example`,
        tags: ['bulk'],
      })),
    });
    await t.http.post('/api/suppressions').set(owner.auth).send({ kind: 'domain', value: 'bulk7.example' });
    const outcome = await enroll(campaignId, { filter: { tag: 'bulk' } });
    expect(outcome.body).toMatchObject({ enrolled: count - count / 50, skipped: { suppressed: count / 50 } });
    expect(await t.prisma.message.count({ where: { campaignId } })).toBe(count - count / 50);
  });

  it('lists enrolments page by page with the lead address and step, filtered by state', async () => {
    const campaignId = await campaignWithSequence();
    const ids = [];
    for (let i = 0; i < 5; i += 1) ids.push(await createLead(t.http, owner, { email: `page${i}@paging.example` }));
    await enroll(campaignId, { leadIds: ids });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ leadEmail: string; currentStep: number; state: string }>; nextCursor: string | null } } =
        await t.http
          .get(`/api/campaigns/${campaignId}/enrollments`)
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(owner.auth);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      for (const row of page.body.data) expect(row).toMatchObject({ currentStep: 1, state: 'active' });
      seen.push(...page.body.data.map((row) => row.leadEmail));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(ids.map((_, i) => `page${i}@paging.example`));
    expect((await t.http.get(`/api/campaigns/${campaignId}/enrollments`).query({ state: 'stopped' }).set(owner.auth)).body.data).toEqual(
      [],
    );
    expect((await t.http.get(`/api/campaigns/${campaignId}/enrollments`).query({ cursor: 'nonsense' }).set(owner.auth)).status).toBe(400);
  });

  it('stops one enrolment: its waiting message is cancelled, one in flight elsewhere is not touched', async () => {
    const campaignId = await campaignWithSequence();
    const ids = [
      await createLead(t.http, owner, { email: 'stop1@stop.example' }),
      await createLead(t.http, owner, { email: 'stop2@stop.example' }),
    ];
    await enroll(campaignId, { leadIds: ids });
    const [waiting, inFlight] = await t.prisma.enrollment.findMany({ where: { campaignId }, include: { messages: true } });
    await leaseMessage(t, inFlight!.messages[0]!.id);

    const stop = (id: string) => t.http.post(`/api/campaigns/${campaignId}/enrollments/${id}/stop`).set(owner.auth);
    const stopped = await stop(waiting!.id);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ id: waiting!.id, state: 'stopped', stopReason: 'stopped_by_user', nextDueAt: null });
    expect(await t.prisma.message.findUnique({ where: { id: waiting!.messages[0]!.id } })).toMatchObject({ status: 'cancelled' });
    expect((await stop(waiting!.id)).body.state).toBe('stopped');

    expect((await stop(inFlight!.id)).body.state).toBe('stopped');
    expect(await t.prisma.message.findUnique({ where: { id: inFlight!.messages[0]!.id } })).toMatchObject({ status: 'queued' });
    expect(await t.prisma.sendLease.count({ where: { messageId: inFlight!.messages[0]!.id } })).toBe(1);
    expect(
      (await t.http.post(`/api/campaigns/${campaignId}/enrollments/00000000-0000-4000-8000-000000000000/stop`).set(owner.auth)).status,
    ).toBe(404);
  });
});

// Integration: a campaign body's problems, the schema's and those that need stored data, are answered together.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let owner: SignedUp;
beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.http);
});
afterAll(() => t.close());

describe('campaign validation', () => {
  it('names an unknown mailbox together with a refused time zone and a wrong field, on create and on update', async () => {
    const mailbox = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'sender@ophir.example' });
    expect(mailbox.status, mailbox.text).toBe(201);
    const body = {
      name: 'Q1',
      timezone: 'EST',
      mailboxIds: [mailbox.body.id, randomUUID(), 'not-an-id'],
      schedule: { days: ['mon'], start: '9am' },
    };
    const created = await t.http.post('/api/campaigns').set(owner.auth).send(body);
    expect(created.status).toBe(400);
    const paths = (created.body.issues as Array<{ path: string }>).map((issue) => issue.path).sort();
    expect(paths).toEqual(['mailboxIds.1', 'mailboxIds.2', 'schedule.start', 'timezone']);
    expect(created.body.issues).toContainEqual({ path: 'mailboxIds.1', in: 'body', message: 'No such mailbox' });
    const backwards = await t.http
      .post('/api/campaigns')
      .set(owner.auth)
      .send({ name: 'Q1', schedule: { days: ['someday'], start: '17:00', end: '09:00' } });
    expect((backwards.body.issues as Array<{ path: string }>).map((issue) => issue.path).sort()).toEqual([
      'schedule.days.0',
      'schedule.end',
    ]);

    const campaign = await t.http
      .post('/api/campaigns')
      .set(owner.auth)
      .send({ name: 'Q1', timezone: 'America/New_York', mailboxIds: [mailbox.body.id] });
    expect(campaign.status, campaign.text).toBe(201);
    const updated = await t.http
      .patch(`/api/campaigns/${campaign.body.id}`)
      .set(owner.auth)
      .send({ timezone: 'CET', mailboxIds: [randomUUID()] });
    expect((updated.body.issues as Array<{ path: string }>).map((issue) => issue.path).sort()).toEqual(['mailboxIds.0', 'timezone']);
    expect((await t.http.get(`/api/campaigns/${campaign.body.id}`).set(owner.auth)).body).toMatchObject({
      timezone: 'America/New_York',
      mailboxIds: [mailbox.body.id],
    });
  });
});

// Integration: the start checklist and 24-hour forecast, and run-now saying what its run did (real app, real
// PostgreSQL; the campaign's workflow is stood in for by a tick endpoint that claims, gates with the Business Hours
// Gate's own decision, and reports, as the n8n workflow does).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../../../../custom-nodes/nodes/BusinessHoursGate/businessHours.js';
import { ManualClock } from '../../../lib/clock.js';
import { createCampaign, createLead, sequenceBody } from '../../../test/campaignApi.js';
import { callAsN8n } from '../../../test/n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { until } from '../../../test/until.js';

// Tuesday 03:00 UTC: Monday 22:00 in New York, 04:00 in Berlin, 12:00 in Tokyo.
const clock = new ManualClock(new Date('2026-12-01T03:00:00Z'));
let t: TestApp;
let owner: SignedUp;
let workflow: Server;

/** What the campaign-sender workflow does on a tick: claim, gate each send, "send" it from a mailbox with room, report. */
async function runWorkflow(campaignId: string): Promise<void> {
  const claimed = await callAsN8n(t, '/api/internal/n8n/claims', { campaignId, batchSize: 50 });
  const items = claimed.body.items as Array<{
    sendId: string;
    attempt: number;
    schedule: never;
    lead: { id: string; timezone: string | null };
    mailboxes: Array<{ id: string; remainingToday: number }>;
  }>;
  const room = new Map(items[0]?.mailboxes.map((mailbox) => [mailbox.id, mailbox.remainingToday]) ?? []);
  const results = items.map((item) => {
    const gate = decide(clock.now().getTime(), item.schedule, item.lead.timezone);
    if (!gate.inside)
      return {
        status: 'deferred',
        sendId: item.sendId,
        attempt: item.attempt,
        eventId: `${item.sendId}:d`,
        notBefore: gate.nextWindowStart,
        code: 'outside_window',
        reason: 'Outside the sending window',
      };
    const mailboxId = [...room].find(([, left]) => left > 0)![0];
    room.set(mailboxId, room.get(mailboxId)! - 1);
    return {
      status: 'sent',
      sendId: item.sendId,
      attempt: item.attempt,
      eventId: `${item.sendId}:s`,
      mailboxId,
      messageId: `<ophir.${item.sendId}@ophir.example>`,
      sentAt: clock.now().toISOString(),
    };
  });
  if (results.length > 0) await callAsN8n(t, '/api/internal/n8n/events', { results });
}

beforeAll(async () => {
  workflow = createServer((request, response) => {
    const campaignId = /\/webhook\/ophir\/campaigns\/([^/]+)\/tick$/.exec(request.url ?? '')?.[1];
    response.writeHead(campaignId ? 200 : 404).end();
    // n8n answers the tick at once and runs the workflow after.
    if (campaignId) setTimeout(() => void runWorkflow(campaignId), 50);
  });
  await new Promise<void>((resolve) => workflow.listen(0, '127.0.0.1', resolve));
  t = await createTestApp({ clock, env: { N8N_URL: `http://127.0.0.1:${(workflow.address() as AddressInfo).port}` } });
  owner = await signUp(t.http);
});
afterAll(async () => {
  await t.close();
  workflow.close();
});

/** A campaign in New York business hours (the defaults) with two sandbox mailboxes, its sequence and the given leads enrolled. */
async function campaignWith(options: {
  mailboxes: Record<string, unknown>;
  leadTimezones: Array<string | null>;
  schedule?: Record<string, unknown>;
}) {
  const { campaignId, mailboxIds } = await createCampaign(t.http, owner);
  const second = await t.http
    .post('/api/mailboxes/sandbox')
    .set(owner.auth)
    .send({ email: `second.${campaignId.slice(0, 8)}@ophir.example` });
  mailboxIds.push(second.body.id as string);
  for (const mailboxId of mailboxIds) {
    expect(
      (
        await t.http
          .patch(`/api/mailboxes/${mailboxId}`)
          .set(owner.auth)
          .send({ ...options.mailboxes, restartRamp: true })
      ).status,
    ).toBe(200);
  }
  const edited = await t.http
    .patch(`/api/campaigns/${campaignId}`)
    .set(owner.auth)
    .send({ mailboxIds, timezone: 'America/New_York', ...(options.schedule ? { schedule: options.schedule } : {}) });
  expect(edited.status, edited.text).toBe(200);
  expect((await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send(sequenceBody())).status).toBe(200);
  const leadIds: string[] = [];
  for (const [index, timezone] of options.leadTimezones.entries()) {
    leadIds.push(
      await createLead(t.http, owner, {
        email: `lead${index}.${campaignId.slice(0, 8)}@prospect.example`,
        firstName: 'Ada',
        ...(timezone ? { timezone } : {}),
      }),
    );
  }
  expect((await t.http.post(`/api/campaigns/${campaignId}/enrollments`).set(owner.auth).send({ leadIds })).body.enrolled).toBe(
    leadIds.length,
  );
  return { campaignId, mailboxIds, leadIds };
}

const readiness = (campaignId: string) => t.http.get(`/api/campaigns/${campaignId}/readiness`).set(owner.auth);

describe('readiness: the start checklist without starting, and the next 24 hours', () => {
  it('says what a start lacks, each check with its reason, and leaves the campaign a draft', async () => {
    const { campaignId } = await createCampaign(t.http, owner, { mailbox: false });
    const answer = await readiness(campaignId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'draft', ready: false });
    expect(answer.body.checks).toEqual([
      { code: 'sequence_has_steps', passed: false, blocking: true, message: 'Add at least one step to the sequence' },
      { code: 'steps_have_messages', passed: false, blocking: true, message: 'No steps yet' },
      { code: 'active_mailbox', passed: false, blocking: true, message: 'Attach at least one active mailbox' },
      { code: 'leads_enrolled', passed: false, blocking: false, message: 'Enrol leads: the campaign can start, but has no one to send to' },
      { code: 'sending_domains', passed: true, blocking: true, overridable: true, message: 'No active mailbox whose domain to check' },
      { code: 'warming_mailboxes', passed: true, blocking: false, message: 'No mailbox of this campaign is still warming up' },
      { code: 'sending_window', passed: true, blocking: false, message: 'The sending window opens at 09:00 UTC' },
      { code: 'sending_capacity', passed: false, blocking: false, message: 'No mailbox can send today: none is active' },
    ]);
    expect(answer.body.windows).toEqual([
      { opensAt: '2026-12-01T09:00:00.000Z', closesAt: '2026-12-01T17:00:00.000Z' },
      { opensAt: '2026-12-02T09:00:00.000Z', closesAt: '2026-12-02T17:00:00.000Z' },
      { opensAt: '2026-12-03T09:00:00.000Z', closesAt: '2026-12-03T17:00:00.000Z' },
    ]);
    expect(answer.body.forecast).toMatchObject({
      sendsPossibleToday: 0,
      summary: 'No sends possible today: no active mailbox; nothing queued: enrol leads',
    });
    expect((await t.http.get(`/api/campaigns/${campaignId}`).set(owner.auth)).body.status).toBe('draft');
  });

  it('forecasts two ramping mailboxes and leads waiting for their windows in their own zones', async () => {
    const { campaignId, mailboxIds, leadIds } = await campaignWith({
      mailboxes: { rampEnabled: true, rampStart: 10, minGapSeconds: 120, gapJitterSeconds: 0 },
      leadTimezones: [
        'America/New_York',
        'America/New_York',
        null,
        null,
        'Europe/Berlin',
        'Europe/Berlin',
        'Asia/Tokyo',
        'Asia/Tokyo',
        'Asia/Tokyo',
      ],
    });
    // Two of the Tokyo leads were already sent to today, from the first mailbox.
    await t.prisma.message.updateMany({
      where: { leadId: { in: leadIds.slice(7) } },
      data: { status: 'sent', sentAt: clock.now(), mailboxId: mailboxIds[0]! },
    });

    const answer = await readiness(campaignId);
    expect(answer.body.ready).toBe(true);
    expect(
      answer.body.checks.map((check: { code: string; passed: boolean; message: string }) => [check.code, check.passed, check.message]),
    ).toEqual([
      ['sequence_has_steps', true, 'The sequence has 2 steps'],
      ['steps_have_messages', true, 'Every step has a message'],
      ['active_mailbox', true, '2 active mailboxes attached'],
      ['leads_enrolled', true, '9 leads enrolled'],
      ['sending_domains', true, "ophir.example not checked yet: see the mailbox's domain check"],
      ['warming_mailboxes', true, 'No mailbox of this campaign is still warming up'],
      ['sending_window', true, 'The sending window opens at Tue 09:00 America/New_York'],
      ['sending_capacity', true, 'The mailboxes can send 18 more messages today'],
    ]);
    const { forecast } = answer.body;
    expect(forecast).toMatchObject({
      capacityToday: 18,
      sendsPossibleToday: 7,
      campaignDailyCapRemaining: null,
      workflowRunsEveryMinutes: 5,
    });
    expect(
      forecast.mailboxes
        .map((m: { limitToday: number; limitedBy: string; sentToday: number; remainingToday: number }) => [
          m.limitToday,
          m.limitedBy,
          m.sentToday,
          m.remainingToday,
        ])
        .sort(),
    ).toEqual([
      [10, 'ramp', 0, 10],
      [10, 'ramp', 2, 8],
    ]);
    expect(forecast.queued).toEqual({
      readyNow: 1,
      waitingForWindow: [
        { timezone: 'Europe/Berlin', opensAt: '2026-12-01T08:00:00.000Z', sends: 2 },
        { timezone: 'America/New_York', opensAt: '2026-12-01T14:00:00.000Z', sends: 4 },
      ],
      laterWithin24h: 0,
      later: 0,
      laterFrom: null,
    });
    expect(forecast.summary).toBe(
      '7 sends possible today (room for 18: 2 mailboxes × ramp 10 − 2 sent); a mailbox with a minimum gap sends once per workflow run ' +
        '(every 5 minutes, or on run-now); 1 lead ready now; 2 leads wait for 09:00 Europe/Berlin; 4 leads wait for Tue 09:00 America/New_York',
    );
  });

  it('says why nothing can go out today when every mailbox is at its daily limit, and lists the windows in the campaign zone', async () => {
    const { campaignId, mailboxIds, leadIds } = await campaignWith({
      mailboxes: { rampEnabled: false, dailyCap: 1, minGapSeconds: 0 },
      leadTimezones: [null, null, null],
    });
    for (const [index, mailboxId] of mailboxIds.entries())
      await t.prisma.message.updateMany({
        where: { leadId: leadIds[index]! },
        data: { status: 'sent', sentAt: clock.now(), mailboxId },
      });
    const answer = await readiness(campaignId);
    expect(answer.body.checks.at(-1)).toEqual({
      code: 'sending_capacity',
      passed: false,
      blocking: false,
      message: 'No mailbox can send today: all 2 are at their daily limit',
    });
    expect(answer.body.ready).toBe(true);
    // Monday 22:00 in New York: the next windows are Tuesday's to Thursday's, 09:00 to 17:00 there.
    expect(answer.body.windows[0]).toEqual({ opensAt: '2026-12-01T14:00:00.000Z', closesAt: '2026-12-01T22:00:00.000Z' });
    expect(answer.body.windows).toHaveLength(3);
  });
});

describe('run-now answers what its run did', () => {
  const runNow = (campaignId: string) => t.http.post(`/api/campaigns/${campaignId}/run-now`).set(owner.auth);
  const activate = (campaignId: string) => t.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'active' } });

  it('reports sends deferred to the next window, with until when', async () => {
    const { campaignId } = await campaignWith({
      mailboxes: { rampEnabled: false, minGapSeconds: 0 },
      leadTimezones: ['America/New_York', null],
    });
    await activate(campaignId);
    const answer = await runNow(campaignId);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ finished: true, claimed: 2, sent: 0, failed: 0, inFlight: 0 });
    expect(answer.body.deferred).toEqual([
      { code: 'outside_window', sends: 2, until: '2026-12-01T14:00:00.000Z', reason: 'Outside the sending window' },
    ]);
    expect(answer.body.summary).toBe(
      'The run claimed 2 sends: 2 deferred (outside_window until 2026-12-01T14:00:00.000Z). ' +
        'Next 24 h: 2 sends possible today (room for 60: 2 mailboxes × cap 30); 2 leads wait for Tue 09:00 America/New_York.',
    );
  });

  it('reports what was sent and that the rest waits for the mailboxes’ gap, with when', async () => {
    const { campaignId } = await campaignWith({
      mailboxes: { rampEnabled: false, minGapSeconds: 120, gapJitterSeconds: 0 },
      leadTimezones: [null, null, null],
      schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' },
    });
    await activate(campaignId);
    const answer = await runNow(campaignId);
    expect(answer.body).toMatchObject({ finished: true, claimed: 2, sent: 2, deferred: [] });
    // The first step's sends queued their follow-up, due two days after they went out.
    expect(answer.body.forecast.queued).toMatchObject({ readyNow: 1, later: 2, laterFrom: '2026-12-03T03:00:00.000Z' });
    expect(answer.body.forecast.mailboxes.map((m: { blockedBy: string; nextSendAt: string }) => [m.blockedBy, m.nextSendAt])).toEqual(
      Array(2).fill(['gap', '2026-12-01T03:02:00.000Z']),
    );
    expect(answer.body.summary).toMatch(
      /^The run claimed 2 sends: 2 sent\. 1 due send waits for the mailboxes' minimum gap \(the first can send again at 2026-12-01T03:02:00\.000Z\)\. Next 24 h: /,
    );
  });

  it('answers at once when asked not to wait, with 202', async () => {
    const { campaignId } = await campaignWith({ mailboxes: {}, leadTimezones: [null] });
    await activate(campaignId);
    const answer = await t.http.post(`/api/campaigns/${campaignId}/run-now?wait=0`).set(owner.auth);
    expect(answer.status).toBe(202);
    expect(answer.body.finished).toBe(false);
    // The run goes on without us; the next one answers what it did.
    await until('the run to report', async () => (await t.prisma.event.count({ where: { campaignId } })) > 0);
  });
});

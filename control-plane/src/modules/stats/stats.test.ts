// Integration: campaign stats read from the pre-aggregated counts equal the recorded events, after a
// concurrent burst of sends, opens, clicks and replies (real app, real PostgreSQL).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { seedCampaign } from '../../test/campaignFixtures.js';
import { createListeningTestApp } from '../../test/listeningApp.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { campaignWithFirstStepSent, claimDue, reportSent } from '../../test/sentMessages.js';
import { signUp, type SignedUp, type TestApp } from '../../test/testApp.js';
import { enrollLeads } from '../campaigns/enrollments/enrollLeads.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const proxy = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const html = '<html><body><a href="https://acme.example/a">a</a> <a href="https://acme.example/b">b</a></body></html>';
let t: TestApp & { url: string };
let owner: SignedUp;
let organizationId: string;
/** An API key rather than the owner's access token: the tests move the clock past the token's lifetime. */
let viewer: { Authorization: string };

beforeAll(async () => {
  t = await createListeningTestApp({ clock, env: { STATS_STREAM_INTERVAL_MS: '150' } });
  owner = await signUp(t.http);
  organizationId = owner.organization.id;
  const apiKey = await t.http.post('/api/api-keys').set(owner.auth).send({ name: 'stats viewer', role: 'viewer' });
  viewer = { Authorization: `Bearer ${apiKey.body.key}` };
});
afterAll(() => t.close());

const pathOf = (url: string) => new URL(url).pathname;
const stats = async (campaignId: string) => {
  const response = await t.http.get(`/api/campaigns/${campaignId}/stats`).set(viewer);
  expect(response.status, response.text).toBe(200);
  return response.body;
};

/** What the events table says, counted the slow way. */
async function countedFromEvents(campaignId: string) {
  const rows = await t.prisma.$queryRaw<Array<{ type: string; machine: boolean; total: bigint; messages: bigint }>>`
    SELECT type::text, COALESCE((data->>'machine')::boolean, false) AS machine, count(*) AS total, count(DISTINCT "messageId") AS messages
    FROM events WHERE "campaignId" = ${campaignId}::uuid GROUP BY 1, 2`;
  const of = (type: string, machine = false) => rows.find((row) => row.type === type && row.machine === machine);
  return {
    sent: Number(of('sent')?.total ?? 0),
    opened: {
      human: Number(of('opened')?.total ?? 0),
      machine: Number(of('opened', true)?.total ?? 0),
      uniqueHuman: Number(of('opened')?.messages ?? 0),
      uniqueMachine: Number(of('opened', true)?.messages ?? 0),
    },
    clicked: {
      human: Number(of('clicked')?.total ?? 0),
      machine: Number(of('clicked', true)?.total ?? 0),
      uniqueHuman: Number(of('clicked')?.messages ?? 0),
      uniqueMachine: Number(of('clicked', true)?.messages ?? 0),
    },
    replied: Number(of('replied')?.messages ?? 0),
  };
}

describe('campaign stats', () => {
  it('equal the recorded events after a concurrent burst, in total and per step, variant and mailbox', async () => {
    const seeded = await seedCampaign(t.prisma, { organizationId, leads: 24, mailboxes: [{}, {}] });
    const { campaign } = seeded;
    await t.prisma.campaign.update({ where: { id: campaign.id }, data: { trackOpens: true, trackClicks: true } });
    const firstStep = await t.prisma.sequenceStep.findFirstOrThrow({ where: { campaignId: campaign.id, position: 0 } });
    await t.prisma.stepVariant.updateMany({ where: { stepId: firstStep.id }, data: { bodyHtml: html } });
    await t.prisma.stepVariant.create({
      data: { organizationId, stepId: firstStep.id, label: 'B', subject: 'Other', bodyText: 'B body', bodyHtml: html },
    });
    await enrollLeads(scopedDb(t.prisma, organizationId), {
      organizationId,
      campaignId: campaign.id,
      leadIds: seeded.leadIds,
      now: clock.now(),
    });
    const items = await claimDue(t, campaign.id);
    expect(items).toHaveLength(24);
    // Sends reported by six executions at once, each also re-reporting its neighbour's batch (duplicates).
    const batches = Array.from({ length: 6 }, (_, i) => items.slice(i * 4, i * 4 + 4));
    await Promise.all(batches.map((batch, i) => reportSent(t, clock, [...batch, ...batches[(i + 1) % 6]!])));
    clock.advance(120_000);

    const hits = items.flatMap((item, index) => {
      const pixel = pathOf(item.message.html.match(/<img src="([^"]+)"/)[1]);
      const [clickA, clickB] = [...(item.message.html as string).matchAll(/<a href="([^"]+)"/g)].map((m) => pathOf(m[1]!));
      const requests = [
        () => t.http.get(pixel).set('user-agent', proxy),
        () => t.http.get(clickA!).set('user-agent', 'Mozilla/5.0 Proofpoint URL Defense'),
      ];
      if (index % 2 === 0)
        requests.push(
          () => t.http.get(pixel).set('user-agent', browser),
          () => t.http.get(pixel).set('user-agent', browser),
        );
      if (index % 3 === 0)
        requests.push(
          () => t.http.get(clickA!).set('user-agent', browser),
          () => t.http.get(clickB!).set('user-agent', browser),
        );
      return requests;
    });
    const replies = items
      .filter((_, index) => index % 4 === 0)
      .map((item) => ({
        eventId: randomUUID(),
        type: 'replied',
        inReplyToMessageId: `<ophir.${item.sendId}@ophir.example>`,
        receivedAt: clock.now().toISOString(),
        evidence: {},
      }));
    const responses = await Promise.all([
      ...hits.map((hit) => hit()),
      ...replies.map((reply) => callAsN8n(t, '/api/internal/n8n/inbound-events', { events: [reply] })),
      // The watcher replaying the same replies concurrently.
      ...replies.map((reply) => callAsN8n(t, '/api/internal/n8n/inbound-events', { events: [reply] })),
      // Readers folding the pending counts while events keep arriving.
      ...Array.from({ length: 6 }, () => t.http.get(`/api/campaigns/${campaign.id}/stats`).set(viewer)),
    ]);
    expect(responses.every((response) => response.status < 400)).toBe(true);

    const body = await stats(campaign.id);
    const expected = await countedFromEvents(campaign.id);
    expect(expected).toEqual({
      sent: 24,
      opened: { human: 24, machine: 24, uniqueHuman: 12, uniqueMachine: 24 },
      clicked: { human: 16, machine: 24, uniqueHuman: 8, uniqueMachine: 24 },
      replied: 6,
    });
    expect(body.totals).toMatchObject(expected);
    expect(await t.prisma.campaignStatsDelta.count({ where: { campaignId: campaign.id } })).toBe(0);
    expect((await stats(campaign.id)).totals).toEqual(body.totals);
    expect(body.totals.rates).toEqual({ open: 0.5, click: 0.3333, reply: 0.25, bounce: 0, unsubscribe: 0 });
    expect(body.enrolled).toEqual({ total: 24, active: 18, paused: 0, completed: 0, stopped: 6 });

    const sum = (slices: Array<Record<string, any>>, pick: (s: Record<string, any>) => number) =>
      slices.reduce((total, slice) => total + pick(slice), 0);
    for (const slices of [body.steps, body.variants, body.mailboxes]) {
      expect(sum(slices, (s) => s.sent)).toBe(24);
      expect(sum(slices, (s) => s.opened.uniqueHuman)).toBe(12);
      expect(sum(slices, (s) => s.clicked.human)).toBe(16);
      expect(sum(slices, (s) => s.replied)).toBe(6);
    }
    // The six who replied had their follow-up cancelled: counted as cancelled under step 2, never sent.
    // Steps are numbered 1-based, as in the sequence and previews.
    expect(body.steps.map((s: { step: number; cancelled: number }) => [s.step, s.cancelled])).toEqual([
      [1, 0],
      [2, 6],
    ]);
    expect(body.totals.cancelled).toBe(6);
    expect(body.variants.map((v: { label: string; step: number }) => [v.step, v.label])).toEqual([
      [1, 'A'],
      [1, 'B'],
    ]);
    expect(new Set(body.mailboxes.map((m: { email: string }) => m.email))).toEqual(new Set(seeded.mailboxes.map((m) => m.email)));
  });

  it("buckets the daily series by the campaign's time zone and fills empty days", async () => {
    clock.set(new Date('2026-12-01T10:00:00Z'));
    const { campaign, items } = await campaignWithFirstStepSent(t, clock, {
      organizationId,
      leads: 2,
      campaign: { timezone: 'America/Los_Angeles', trackOpens: true },
      bodyHtml: '<p>hello</p>',
    });
    // 23:30 on December 1 in Los Angeles is already December 2 in UTC.
    clock.set(new Date('2026-12-02T07:30:00Z'));
    await t.http.get(pathOf(items[0]!.message.html.match(/<img src="([^"]+)"/)[1])).set('user-agent', browser);
    const response = await t.http
      .get(`/api/campaigns/${campaign.id}/stats/daily`)
      .query({ from: '2026-11-30', to: '2026-12-02' })
      .set(viewer);
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ timezone: 'America/Los_Angeles', from: '2026-11-30', to: '2026-12-02' });
    expect(response.body.days.map((d: any) => [d.date, d.enrolled, d.sent, d.opened.human])).toEqual([
      ['2026-11-30', 0, 0, 0],
      ['2026-12-01', 2, 2, 1],
      ['2026-12-02', 0, 0, 0],
    ]);
    const defaulted = await t.http.get(`/api/campaigns/${campaign.id}/stats/daily`).set(viewer);
    expect(defaulted.body).toMatchObject({ from: '2026-11-02', to: '2026-12-01' });
    expect(defaulted.body.days).toHaveLength(30);
    const backwards = await t.http
      .get(`/api/campaigns/${campaign.id}/stats/daily`)
      .query({ from: '2026-12-02', to: '2026-12-01' })
      .set(viewer);
    expect(backwards.status).toBe(400);
    expect((await t.http.get(`/api/campaigns/${campaign.id}/stats/daily`).query({ from: 'yesterday' }).set(viewer)).status).toBe(400);
  });

  it('streams the stats over server-sent events when they change, and closes cleanly', async () => {
    const { campaign, items } = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const received: Array<Record<string, any>> = [];
    let buffer = '';
    const request = http.get(`${t.url}/api/campaigns/${campaign.id}/stats/stream`, { headers: viewer });
    const response = await new Promise<http.IncomingMessage>((resolve) => request.once('response', resolve));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        if (frame.includes('event: stats') && data) received.push(JSON.parse(data.slice(6)));
      }
    });
    const waitFor = async (predicate: () => boolean) => {
      for (let i = 0; i < 100 && !predicate(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(predicate()).toBe(true);
    };
    await waitFor(() => received.length === 1);
    expect(received[0]!.totals).toMatchObject({ sent: 1, replied: 0 });

    await callAsN8n(t, '/api/internal/n8n/inbound-events', {
      events: [
        {
          eventId: randomUUID(),
          type: 'replied',
          inReplyToMessageId: `<ophir.${items[0]!.sendId}@ophir.example>`,
          receivedAt: clock.now().toISOString(),
          evidence: {},
        },
      ],
    });
    await waitFor(() => received.length === 2);
    expect(received[1]!.totals).toMatchObject({ sent: 1, replied: 1 });
    // Nothing changes, nothing is pushed.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(received).toHaveLength(2);
    request.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await t.http.get('/healthz')).status).toBeLessThan(500);
  });

  it('count enrolments by state as they are made, change state and go with their leads', async () => {
    const seeded = await seedCampaign(t.prisma, { organizationId, leads: 6 });
    const campaignId = seeded.campaign.id;
    const counted = async () => {
      const groups = await t.prisma.enrollment.groupBy({ by: ['state'], where: { campaignId }, _count: { _all: true } });
      const enrolled = { total: 0, active: 0, paused: 0, completed: 0, stopped: 0 };
      for (const group of groups) {
        enrolled[group.state] = group._count._all;
        enrolled.total += group._count._all;
      }
      return enrolled;
    };
    expect((await stats(campaignId)).enrolled).toEqual({ total: 0, active: 0, paused: 0, completed: 0, stopped: 0 });
    const db = scopedDb(t.prisma, organizationId);
    await enrollLeads(db, { organizationId, campaignId, leadIds: seeded.leadIds, now: clock.now() });
    await t.prisma.enrollment.updateMany({ where: { campaignId, leadId: { in: seeded.leadIds.slice(0, 2) } }, data: { state: 'paused' } });
    // A change that leaves the state alone counts nothing.
    await t.prisma.enrollment.updateMany({ where: { campaignId }, data: { nextStep: 0 } });
    await t.prisma.enrollment.updateMany({ where: { campaignId, leadId: seeded.leadIds[2] }, data: { state: 'stopped' } });
    expect((await stats(campaignId)).enrolled).toEqual({ total: 6, active: 3, paused: 2, completed: 0, stopped: 1 });
    // A deleted lead's enrolment goes with it (ON DELETE CASCADE, as when a person is erased).
    await t.prisma.lead.delete({ where: { id: seeded.leadIds[0] } });
    const enrolled = (await stats(campaignId)).enrolled;
    expect(enrolled).toEqual({ total: 5, active: 3, paused: 1, completed: 0, stopped: 1 });
    expect(enrolled).toEqual(await counted());
  });

  it("are another organization's business: 404 for stats, daily and stream", async () => {
    const { campaign } = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const stranger = await signUp(t.http);
    for (const path of ['stats', 'stats/daily', 'stats/stream']) {
      const response = await t.http.get(`/api/campaigns/${campaign.id}/${path}`).set(stranger.auth);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not_found');
    }
  });
});

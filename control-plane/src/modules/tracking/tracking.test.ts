// Integration: unsubscribe (RFC 8058 one-click and the confirm page), open pixel and click redirects,
// through the real app on real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { seedCampaign } from '../../test/campaignFixtures.js';
import { campaignWithFirstStepSent, claimDue, reportSent } from '../../test/sentMessages.js';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';
import { enrollLeads } from '../campaigns/enrollments/enrollLeads.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
let t: TestApp;
let organizationId: string;
let ownerRefreshToken: string;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { PUBLIC_URL: 'https://t.ophir.example' } });
  const owner = await signUp(t.http);
  organizationId = owner.organization.id;
  ownerRefreshToken = owner.refreshToken;
});
afterAll(() => t.close());

const pathOf = (url: string) => new URL(url).pathname;

/** A first step tracking opens and clicks, claimed by the workflow and not reported sent yet, with its pixel and click paths. */
async function claimedNotYetSent(html: string) {
  const seeded = await seedCampaign(t.prisma, { organizationId, leads: 1 });
  await t.prisma.campaign.update({ where: { id: seeded.campaign.id }, data: { trackOpens: true, trackClicks: true } });
  await t.prisma.stepVariant.updateMany({ where: { step: { campaignId: seeded.campaign.id } }, data: { bodyHtml: html } });
  await enrollLeads(scopedDb(t.prisma, organizationId), {
    organizationId,
    campaignId: seeded.campaign.id,
    leadIds: seeded.leadIds,
    now: clock.now(),
  });
  const [item] = await claimDue(t, seeded.campaign.id);
  const claimedHtml = item!.message.html;
  return {
    seeded,
    item: item!,
    pixel: pathOf(claimedHtml.match(/<img src="([^"]+)"/)[1]),
    click: pathOf(claimedHtml.match(/<a href="([^"]+)"/)[1]),
  };
}

describe('unsubscribe', () => {
  it('GET shows a confirm form and changes nothing (security gateways follow links)', async () => {
    const { items, leadIds } = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const page = await t.http.get(pathOf(items[0]!.message.unsubscribeUrl));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toMatch(/<form method="post">[\s\S]*<button type="submit">Unsubscribe<\/button>/);
    expect(page.text).not.toContain(items[0]!.lead.email);
    expect(page.text).not.toMatch(/<script/i);
    expect(await t.prisma.suppression.count({ where: { organizationId } })).toBe(0);
    expect(await t.prisma.lead.findUniqueOrThrow({ where: { id: leadIds[0]! } })).toMatchObject({ status: 'active' });
    expect(await t.prisma.event.count({ where: { leadId: leadIds[0]!, type: 'unsubscribed' } })).toBe(0);
  });

  it('one-click POST (RFC 8058 body, no cookies or auth) suppresses org-wide, stops every enrolment, once', async () => {
    const first = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 2 });
    const lead = first.items[0]!.lead as { id: string; email: string };
    // The same lead is also queued in a second campaign (waiting) and in flight in a third (claimed).
    const waiting = await seedCampaign(t.prisma, { organizationId, leads: 0 });
    await enrollLeads(scopedDb(t.prisma, organizationId), {
      organizationId,
      campaignId: waiting.campaign.id,
      leadIds: [lead.id],
      now: new Date(clock.now().getTime() + 3_600_000),
    });
    const inFlight = await seedCampaign(t.prisma, { organizationId, leads: 0 });
    await enrollLeads(scopedDb(t.prisma, organizationId), {
      organizationId,
      campaignId: inFlight.campaign.id,
      leadIds: [lead.id],
      now: clock.now(),
    });
    const [claimed] = await claimDue(t, inFlight.campaign.id);

    const url = pathOf(first.items[0]!.message.unsubscribeUrl);
    const post = () => t.http.post(url).set('content-type', 'application/x-www-form-urlencoded').send('List-Unsubscribe=One-Click');
    const response = await post();
    expect(response.status).toBe(200);

    const suppression = await t.prisma.suppression.findFirstOrThrow({ where: { organizationId, value: lead.email } });
    expect(suppression).toMatchObject({ kind: 'email', reason: 'unsubscribed', source: 'one-click' });
    expect(await t.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ status: 'unsubscribed' });
    const enrollments = await t.prisma.enrollment.findMany({ where: { leadId: lead.id } });
    expect(enrollments.map((e) => [e.state, e.stopReason])).toEqual([
      ['stopped', 'unsubscribed'],
      ['stopped', 'unsubscribed'],
      ['stopped', 'unsubscribed'],
    ]);
    expect(await t.prisma.message.findMany({ where: { leadId: lead.id, status: { in: ['queued', 'deferred', 'retrying'] } } })).toEqual([]);
    // The claimed send is cancelled too; if it was already on its way, its sent result is still recorded, but no next step is queued.
    expect(await t.prisma.message.findUniqueOrThrow({ where: { id: claimed!.sendId } })).toMatchObject({
      status: 'cancelled',
      lastError: 'unsubscribed',
    });
    expect((await reportSent(t, clock, [claimed!])).applied).toBe(1);
    expect(await t.prisma.message.findUniqueOrThrow({ where: { id: claimed!.sendId } })).toMatchObject({ status: 'sent' });
    expect(
      await t.prisma.message.count({
        where: { enrollmentId: (await t.prisma.message.findUniqueOrThrow({ where: { id: claimed!.sendId } })).enrollmentId },
      }),
    ).toBe(1);
    // The other lead of the first campaign is untouched.
    const other = first.items[1]!.lead.id as string;
    expect(await t.prisma.enrollment.findFirstOrThrow({ where: { leadId: other } })).toMatchObject({ state: 'active' });

    expect((await post()).status).toBe(200);
    expect(await t.prisma.event.count({ where: { leadId: lead.id, type: 'unsubscribed' } })).toBe(1);
    clock.advance(3 * 86_400_000);
    expect(await claimDue(t, first.campaign.id)).toEqual([expect.objectContaining({ lead: expect.objectContaining({ id: other }) })]);
    expect(await claimDue(t, waiting.campaign.id)).toEqual([]);
  });

  it("the confirm page's form unsubscribes too and answers a page", async () => {
    const { items } = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const response = await t.http.post(pathOf(items[0]!.message.unsubscribeUrl)).type('form').send({ confirm: 'yes' });
    expect(response.status).toBe(200);
    expect(response.text).toContain('You are unsubscribed');
    expect(await t.prisma.suppression.findFirst({ where: { organizationId, value: items[0]!.lead.email } })).toMatchObject({
      source: 'unsubscribe page',
    });
    expect((await t.http.get(pathOf(items[0]!.message.unsubscribeUrl))).text).toContain('You are unsubscribed');
  });

  it('answers 404 for tampered and unknown tokens, and unsubscribes nobody', async () => {
    const { items } = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1 });
    const token = pathOf(items[0]!.message.unsubscribeUrl).split('/')[2]!;
    const [messageId, signature] = token.split('.');
    const tampered = [
      `${messageId}.${signature!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}`,
      `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.${signature}`,
      `${messageId}`,
      'not-a-token',
    ];
    for (const bad of tampered) {
      const page = await t.http.get(`/u/${bad}`);
      expect(page.status).toBe(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect((await t.http.post(`/u/${bad}`).type('form').send('List-Unsubscribe=One-Click')).status).toBe(404);
    }
    expect(await t.prisma.suppression.count({ where: { organizationId, value: items[0]!.lead.email } })).toBe(0);
  });
});

describe('open pixel and click redirects', () => {
  const html = '<html><body><p>See <a href="https://acme.example/pricing?plan=pro&amp;ref=mail">pricing</a></p></body></html>';

  async function trackedCampaign() {
    const sent = await campaignWithFirstStepSent(t, clock, {
      organizationId,
      leads: 1,
      campaign: { trackOpens: true, trackClicks: true },
      bodyHtml: html,
    });
    const item = sent.items[0]!;
    const pixel = pathOf(item.message.html.match(/<img src="([^"]+)"/)[1]);
    const click = pathOf(item.message.html.match(/<a href="([^"]+)"/)[1]);
    return { ...sent, item, pixel, click };
  }

  it('tracks only HTML bodies of campaigns that ask; plain text is never rewritten', async () => {
    const { item } = await trackedCampaign();
    expect(item.message.html).toMatch(/href="https:\/\/t\.ophir\.example\/c\//);
    expect(item.message.html).toMatch(/<img src="https:\/\/t\.ophir\.example\/o\//);
    expect(item.message.text).not.toMatch(/\/[oc]\//);
    const untracked = await campaignWithFirstStepSent(t, clock, { organizationId, leads: 1, bodyHtml: html });
    expect(untracked.items[0]!.message.html).toBe(html);
  });

  it('serves an uncached GIF, records human and machine opens apart, and none before the send is reported', async () => {
    const { seeded, item, pixel } = await claimedNotYetSent(html);

    const early = await t.http.get(pixel).set('user-agent', browser);
    expect(early.status).toBe(200);
    expect(early.headers['content-type']).toBe('image/gif');
    expect(early.headers['cache-control']).toContain('no-store');
    // Shown by webmail on other origins; the app-wide headers (request id, nosniff) still apply.
    expect(early.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(early.headers['x-content-type-options']).toBe('nosniff');
    expect(early.headers['x-request-id']).toBeDefined();
    expect(early.body.subarray(0, 6).toString()).toBe('GIF89a');
    await reportSent(t, clock, [item!]);
    // A gateway fetching on delivery, then Gmail's proxy, then a person a minute later.
    await t.http.get(pixel).set('user-agent', browser);
    clock.advance(60_000);
    await t.http.get(pixel).set('user-agent', 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)');
    await t.http.get(pixel).set('user-agent', browser);
    const opens = await t.prisma.event.findMany({ where: { messageId: item!.sendId, type: 'opened' }, orderBy: { occurredAt: 'asc' } });
    expect(opens.map((e) => [(e.data as any).machine, (e.data as any).machineReason ?? null])).toEqual([
      [true, 'too_soon_after_send'],
      [true, 'google_image_proxy'],
      [false, null],
    ]);
    expect((opens[2]!.data as any).userAgent).toBe(browser);
    expect(await t.prisma.enrollment.findFirstOrThrow({ where: { campaignId: seeded.campaign.id } })).toMatchObject({ state: 'active' });
    expect((await t.http.get(pixel.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).status).toBe(404);
  });

  it("tells the organization's webhooks of a person's open and click, in the hit's own batch, and never of a scanner's", async () => {
    // The tests before this one moved the clock past the first access token's life.
    const session = await t.http.post('/api/auth/refresh').send({ refreshToken: ownerRefreshToken });
    const endpoint = await t.http
      .post('/api/webhooks/endpoints')
      .set({ Authorization: `Bearer ${session.body.accessToken}` })
      .send({ url: 'https://hooks.example/ophir', eventTypes: ['lead.opened', 'lead.clicked'] });
    expect(endpoint.status).toBe(201);
    const { item, pixel, click } = await trackedCampaign();
    clock.advance(60_000);
    const scanner = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
    // Side by side, so the hits share batches: each still answered only once its event is stored.
    const answers = await Promise.all([
      t.http.get(pixel).set('user-agent', browser),
      t.http.get(click).set('user-agent', browser),
      t.http.get(pixel).set('user-agent', scanner),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 302, 200]);
    const recorded = await t.prisma.event.count({ where: { messageId: item.sendId, type: { in: ['opened', 'clicked'] } } });
    expect(recorded).toBe(3);
    const told = await t.prisma.webhookEvent.findMany({ where: { organizationId } });
    const types = told.filter((event) => (event.payload as any).data.messageId === item.sendId).map((event) => event.type);
    expect(types.sort()).toEqual(['lead.clicked', 'lead.opened']);
  });

  it('redirects to the signed target only, flags scanners, and never stops the sequence', async () => {
    const { item, click, campaign } = await trackedCampaign();
    clock.advance(60_000);
    const human = await t.http.get(click).set('user-agent', browser);
    expect(human.status).toBe(302);
    expect(human.headers.location).toBe('https://acme.example/pricing?plan=pro&ref=mail');
    expect((await t.http.head(click).set('user-agent', browser)).status).toBe(302);
    await t.http.get(click).set('user-agent', 'Mozilla/5.0 (compatible; Mimecast URL Protect)');
    const clicks = await t.prisma.event.findMany({ where: { messageId: item.sendId, type: 'clicked' }, orderBy: { createdAt: 'asc' } });
    expect(clicks.map((e) => (e.data as any).machineReason ?? 'human').sort()).toEqual(['head_request', 'human', 'link_scanner']);
    expect(clicks.every((e) => (e.data as any).url === 'https://acme.example/pricing?plan=pro&ref=mail')).toBe(true);
    expect(await t.prisma.enrollment.findFirstOrThrow({ where: { campaignId: campaign.id } })).toMatchObject({ state: 'active' });

    // No open redirect: another target under the same signature, or a forged one, is 404 and redirects nowhere.
    const [messageId, , signature] = click.split('/')[2]!.split('.');
    const evil = Buffer.from('https://evil.example/login').toString('base64url');
    for (const forged of [`/c/${messageId}.${evil}.${signature}`, `/c/${messageId}.${evil}`, `/c/${messageId}.${evil}.${'0'.repeat(32)}`]) {
      const response = await t.http.get(forged).set('user-agent', browser);
      expect(response.status).toBe(404);
      expect(response.headers.location).toBeUndefined();
    }
    expect(await t.prisma.event.count({ where: { messageId: item.sendId, type: 'clicked' } })).toBe(3);
  });
});

describe('abuse of the public tracking endpoints', () => {
  const html = '<html><body><p><a href="https://anywhere.example/landing">here</a></p></body></html>';

  it('never redirects for a message that was not sent: a signed click link is no open redirect before the send', async () => {
    const { item, click } = await claimedNotYetSent(html);

    const early = await t.http.get(click).set('user-agent', browser);
    expect(early.status).toBe(404);
    expect(early.headers.location).toBeUndefined();
    expect(early.headers['content-type']).toMatch(/^text\/html/);
    await reportSent(t, clock, [item]);
    clock.advance(60_000);
    const sent = await t.http.get(click).set('user-agent', browser);
    expect(sent.status).toBe(302);
    expect(sent.headers.location).toBe('https://anywhere.example/landing');
  });

  it('records at most the configured opens and clicks per message per minute; every request is still answered', async () => {
    const sent = await campaignWithFirstStepSent(t, clock, {
      organizationId,
      leads: 1,
      campaign: { trackOpens: true, trackClicks: true },
      bodyHtml: html,
    });
    const item = sent.items[0]!;
    const pixel = pathOf(item.message.html.match(/<img src="([^"]+)"/)[1]);
    const click = pathOf(item.message.html.match(/<a href="([^"]+)"/)[1]);
    clock.advance(60_000);
    for (let i = 0; i < 25; i += 1) {
      expect((await t.http.get(pixel).set('user-agent', browser)).status).toBe(200);
      expect((await t.http.get(click).set('user-agent', browser)).status).toBe(302);
    }
    const count = (type: 'opened' | 'clicked') => t.prisma.event.count({ where: { messageId: item.sendId, type } });
    expect([await count('opened'), await count('clicked')]).toEqual([10, 10]);
    clock.advance(60_000);
    await t.http.get(pixel).set('user-agent', browser);
    await t.http.get(click).set('user-agent', browser);
    expect([await count('opened'), await count('clicked')]).toEqual([11, 11]);
  });
});

// Integration: a burst of 10,000 open-pixel hits and 10,000 click redirects on real sent messages,
// many in flight at once (hits are written in shared batches), shows in the campaign's stats exactly:
// every answered hit is a recorded event, none counted twice (real app on a real port, real PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { createListeningTestApp } from '../../test/listeningApp.js';
import { campaignWithFirstStepSent } from '../../test/sentMessages.js';
import { signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const messages = 100;
const hitsPerMessage = 100;
const inFlight = 64;
let t: TestApp & { url: string };
let owner: SignedUp;

beforeAll(async () => {
  // The per-message limit above the hits each message gets: every hit of the burst is one to record.
  t = await createListeningTestApp({ clock, env: { TRACKING_EVENTS_PER_MESSAGE_PER_MINUTE: String(hitsPerMessage) } });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

/** Sends every request, `inFlight` at a time, and counts the answers by status. */
async function burst(paths: string[]): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const response = await fetch(`${t.url}${path}`, { headers: { 'user-agent': browser }, redirect: 'manual' });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return statuses;
}

describe('a burst of opens and clicks', () => {
  it('shows in the stats exactly: 10,000 opens and 10,000 clicks on 100 sent messages', { timeout: 900_000 }, async () => {
    const sent = await campaignWithFirstStepSent(t, clock, {
      organizationId: owner.organization.id,
      leads: messages,
      campaign: { trackOpens: true, trackClicks: true },
      bodyHtml: '<html><body><a href="https://acme.example/pricing">pricing</a></body></html>',
    });
    const pathOf = (url: string) => new URL(url).pathname;
    const pixels = sent.items.map((item) => pathOf(item.message.html.match(/<img src="([^"]+)"/)[1]));
    const clicks = sent.items.map((item) => pathOf(item.message.html.match(/<a href="([^"]+)"/)[1]));
    // Each message's hits spread over the burst, as proxies and scanners fetch a delivered batch.
    const spread = (paths: string[]) => Array.from({ length: messages * hitsPerMessage }, (_, i) => paths[i % messages]!);

    expect(await burst(spread(pixels))).toEqual({ 200: messages * hitsPerMessage });
    expect(await burst(spread(clicks))).toEqual({ 302: messages * hitsPerMessage });

    const response = await t.http.get(`/api/campaigns/${sent.campaign.id}/stats`).set(owner.auth);
    expect(response.status, response.text).toBe(200);
    const { totals } = response.body;
    expect(totals.sent).toBe(messages);
    expect(totals.opened.human + totals.opened.machine).toBe(messages * hitsPerMessage);
    expect(totals.clicked.human + totals.clicked.machine).toBe(messages * hitsPerMessage);
    expect(totals.opened.uniqueHuman + totals.opened.uniqueMachine).toBeGreaterThanOrEqual(messages);
    const events = (type: 'opened' | 'clicked') => t.prisma.event.count({ where: { campaignId: sent.campaign.id, type } });
    expect([await events('opened'), await events('clicked')]).toEqual([messages * hitsPerMessage, messages * hitsPerMessage]);
  });
});

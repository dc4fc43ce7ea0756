// Unit: HTML rewriting, signed links and machine detection, without a database.
import { describe, expect, it } from 'vitest';
import { TrackingLinks } from '../campaigns/messages/trackingLinks.js';
import { machineReason } from './machineDetection.js';

const links = new TrackingLinks({ publicUrl: 'https://t.ophir.example/', secret: async () => 'test-secret' });
const messageId = '8d7c3a52-5f7b-4b43-9a55-0e0b5ac2f001';

describe('applyTracking', () => {
  const html = `<html><body><p>Hi <a href="https://acme.example/pricing?a=1&amp;b=2">pricing</a>,
<a class="x" href='mailto:me@ophir.example'>mail me</a> <a href="#top">top</a>
<a href="https://t.ophir.example/u/abc.def">unsubscribe</a> <A HREF=https://acme.example/bare>bare</A></p></body></html>`;

  it('wraps web links with signed redirects that carry the decoded target, and adds the pixel before </body>', async () => {
    const tracked = (await links.signer()).applyTracking({ html, messageId, trackOpens: true, trackClicks: true });
    const wrapped = [...tracked.matchAll(/href="(https:\/\/t\.ophir\.example\/c\/[^"]+)"/gi)].map((m) => m[1]!);
    expect(wrapped).toHaveLength(2);
    const targets = await Promise.all(wrapped.map((url) => links.verifyClick(url.split('/c/')[1]!)));
    expect(targets.map((target) => target?.url)).toEqual(['https://acme.example/pricing?a=1&b=2', 'https://acme.example/bare']);
    expect(tracked).toContain(`href='mailto:me@ophir.example'`);
    expect(tracked).toContain('href="#top"');
    expect(tracked).toContain('href="https://t.ophir.example/u/abc.def"');
    expect(tracked).toMatch(/<img src="https:\/\/t\.ophir\.example\/o\/[^"]+" width="1" height="1" alt=""[^>]*\/><\/body><\/html>$/);
  });

  it('changes nothing it was not asked to', async () => {
    expect((await links.signer()).applyTracking({ html, messageId, trackOpens: false, trackClicks: false })).toBe(html);
    const opensOnly = (await links.signer()).applyTracking({
      html: '<p>fragment <a href="https://acme.example">x</a></p>',
      messageId,
      trackOpens: true,
      trackClicks: false,
    });
    expect(opensOnly).toMatch(/^<p>fragment <a href="https:\/\/acme\.example">x<\/a><\/p><img src="https:\/\/t\.ophir\.example\/o\//);
  });
});

describe('signed links', () => {
  it('refuses a click token whose target or message was changed, and never signs a non-web target', async () => {
    const token = await links.clickToken(messageId, 'https://acme.example/');
    const [id, , signature] = token.split('.');
    const evil = Buffer.from('https://evil.example/').toString('base64url');
    expect(await links.verifyClick(token)).toEqual({ messageId, url: 'https://acme.example/' });
    expect(await links.verifyClick(`${id}.${evil}.${signature}`)).toBeUndefined();
    expect(await links.verifyClick(`8d7c3a52-5f7b-4b43-9a55-0e0b5ac2f002.${token.split('.')[1]}.${signature}`)).toBeUndefined();
    expect(await links.verifyClick(await links.clickToken(messageId, 'javascript:alert(1)'))).toBeUndefined();
    expect(await links.verify('u', await links.token('o', messageId))).toBeUndefined();
  });
});

describe('machineReason', () => {
  const sentAt = new Date('2026-12-01T10:00:00Z');
  const later = new Date('2026-12-01T10:05:00Z');
  const browser = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

  it('tells proxies, scanners, probes and instant fetches from a person', () => {
    expect(machineReason({ method: 'GET', userAgent: browser, at: later, sentAt })).toBeUndefined();
    expect(
      machineReason({
        method: 'GET',
        userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
        at: later,
        sentAt,
      }),
    ).toBe('google_image_proxy');
    expect(
      machineReason({
        method: 'GET',
        userAgent: 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html',
        at: later,
        sentAt,
      }),
    ).toBe('yahoo_mail_proxy');
    expect(machineReason({ method: 'GET', userAgent: 'Mozilla/5.0 Barracuda Sentinel', at: later, sentAt })).toBe('link_scanner');
    expect(machineReason({ method: 'HEAD', userAgent: browser, at: later, sentAt })).toBe('head_request');
    expect(machineReason({ method: 'GET', userAgent: undefined, at: later, sentAt })).toBe('no_user_agent');
    expect(machineReason({ method: 'GET', userAgent: browser, at: new Date(sentAt.getTime() + 3000), sentAt })).toBe('too_soon_after_send');
  });
});

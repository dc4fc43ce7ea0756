// Integration: every kind of response carries the security headers; HSTS only behind an https PUBLIC_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'supertest';
import { ManualClock } from '../clock.js';
import { campaignWithFirstStepSent } from '../../test/sentMessages.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let https: TestApp;
let plainHttp: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  https = await createTestApp({ clock, env: { PUBLIC_URL: 'https://ophir.example' } });
  plainHttp = await createTestApp({ clock, env: { PUBLIC_URL: 'http://ophir.internal:3000' } });
  owner = await signUp(https.http);
});
afterAll(async () => {
  await https.close();
  await plainHttp.close();
});

const pathOf = (url: string) => new URL(url).pathname;

function expectHardened(response: Response) {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  it('are on API JSON, problem+json errors and the OpenAPI document, with HSTS behind https', async () => {
    const responses = [
      await https.http.get('/api/organization').set(owner.auth),
      await https.http.get('/api/no-such-route'),
      await https.http.post('/api/auth/login').set('content-type', 'application/json').send('{"broken'),
      await https.http.get('/api/openapi.json'),
    ];
    expect(responses.map((response) => [response.status, response.type])).toEqual([
      [200, 'application/json'],
      [404, 'application/problem+json'],
      [400, 'application/problem+json'],
      [200, 'application/json'],
    ]);
    for (const response of responses) {
      expectHardened(response);
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });

  it('leave out HSTS and the https upgrade when PUBLIC_URL is plain http', async () => {
    const response = await plainHttp.http.get('/api/openapi.json');
    expectHardened(response);
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('keep the recipient pages working: the unsubscribe page renders under its own stricter policy, the pixel loads from webmail', async () => {
    const { organization } = await signUp(https.http);
    const sent = await campaignWithFirstStepSent(https, clock, {
      organizationId: organization.id,
      leads: 1,
      campaign: { trackOpens: true },
      bodyHtml: '<html><body><p>Hello</p></body></html>',
    });
    const message = sent.items[0]!.message;
    const page = await https.http.get(pathOf(message.unsubscribeUrl));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<button type="submit">Unsubscribe</button>');
    expectHardened(page);
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; form-action 'self'/);

    const pixel = await https.http.get(pathOf(message.html.match(/<img src="([^"]+)"/)[1]));
    expect(pixel.status).toBe(200);
    expectHardened(pixel);
    expect(pixel.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('grant no cross-origin access: no CORS headers on a preflight or a request from another origin', async () => {
    const preflight = await https.http
      .options('/api/organization')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    const fromElsewhere = await https.http.get('/api/organization').set(owner.auth).set('Origin', 'https://evil.example');
    for (const response of [preflight, fromElsewhere]) {
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});

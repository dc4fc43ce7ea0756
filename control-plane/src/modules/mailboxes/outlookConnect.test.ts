// Integration: the Outlook connect flow and the token broker against the fake Microsoft identity platform and Graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { FakeMicrosoft } from '../../test/fakes/fakeMicrosoft.js';
import { connectOAuthMailbox, oauthTestEnv, plaintextOccurrences } from '../../test/mailboxFlows.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

const microsoft = new FakeMicrosoft();
const clock = new ManualClock(new Date());
let t: TestApp;
let grace: SignedUp;
let mailboxId: string;
const address = 'grace@contoso.example';
const issuedAccessTokens: string[] = [];

const accessToken = () => callAsN8n(t, `/api/internal/n8n/mailboxes/${mailboxId}/access-token`, { sendId: 'send-1', provider: 'outlook' });
const tokenCalls = (grant: string) => microsoft.calls('token').filter((call) => call.form.get('grant_type') === grant);

beforeAll(async () => {
  await microsoft.start();
  t = await createTestApp({ clock, env: { ...oauthTestEnv, ...microsoft.env(), ACCESS_TOKEN_TTL_SECONDS: String(30 * 86_400) } });
  grace = await signUp(t.http, { organizationName: 'Grace Co' });
});
afterAll(async () => {
  await t.close();
  await microsoft.stop();
});

describe('Outlook connect and broker', () => {
  it('asks Microsoft for offline access, Mail.Send and Mail.ReadWrite with PKCE', async () => {
    const response = await t.http.post('/api/mailboxes/outlook/connect').set(grace.auth);
    const params = new URL(response.body.authorizationUrl).searchParams;
    expect(params.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['offline_access', 'Mail.Send', 'Mail.ReadWrite']));
    expect(params.get('redirect_uri')).toBe('http://127.0.0.1:3000/api/oauth2/microsoft/callback');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('response_type')).toBe('code');
  });

  it('connects: code exchange with the verifier, address from Graph /me, grant stored encrypted', async () => {
    microsoft.nextConsent({ email: address });
    const outcome = await connectOAuthMailbox(t, grace.auth, 'outlook');
    expect(outcome.error).toBeUndefined();
    mailboxId = outcome.mailboxId!;
    expect(tokenCalls('authorization_code')[0]!.form.get('code_verifier')).toBeTruthy();
    expect(microsoft.calls('graph.me')).toHaveLength(1);
    const mailbox = (await t.http.get(`/api/mailboxes/${mailboxId}`).set(grace.auth)).body;
    expect(mailbox).toMatchObject({ provider: 'outlook', email: address, status: 'active' });
  });

  it('issues Graph tokens, keeps the rotated refresh token, and refreshes on expiry', async () => {
    const first = await accessToken();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ provider: 'outlook', email: address, apiBaseUrl: microsoft.server.url });
    const sendMail = await fetch(`${first.body.apiBaseUrl}/v1.0/me/sendMail`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${first.body.accessToken}`, 'Content-Type': 'text/plain' },
      body: Buffer.from(`From: ${address}\r\nTo: lead@example.com\r\nMessage-ID: <m1@ophir.test>\r\nSubject: Hi\r\n\r\nHello`).toString(
        'base64',
      ),
    });
    expect(sendMail.status).toBe(202);
    expect(microsoft.sentBy(address).map((message) => message.internetMessageId)).toEqual(['<m1@ophir.test>']);

    // Microsoft rotated the refresh token on that refresh: the next refresh must present the new one.
    const rotated = tokenCalls('refresh_token').length;
    clock.advance(2 * 3600_000);
    const second = await accessToken();
    expect(second.status).toBe(200);
    expect(second.body.accessToken).not.toBe(first.body.accessToken);
    const refreshes = tokenCalls('refresh_token');
    expect(refreshes).toHaveLength(rotated + 1);
    expect(refreshes.at(-1)!.form.get('refresh_token')).not.toBe(refreshes.at(-2)!.form.get('refresh_token'));
    issuedAccessTokens.push(first.body.accessToken, second.body.accessToken);
  });

  it('turns invalid_grant into needs_reauth without retrying', async () => {
    clock.advance(2 * 3600_000);
    microsoft.failNext('token', { kind: 'invalid_grant' });
    const before = tokenCalls('refresh_token').length;
    expect((await accessToken()).body.code).toBe('mailbox_needs_reauth');
    expect((await accessToken()).body.code).toBe('mailbox_needs_reauth');
    expect(tokenCalls('refresh_token')).toHaveLength(before + 1);
    const mailbox = (await t.http.get(`/api/mailboxes/${mailboxId}`).set(grace.auth)).body;
    expect(mailbox.status).toBe('needs_reauth');
    expect(mailbox.statusReason).toContain('AADSTS70008');
  });

  it('stores no Microsoft token in clear', async () => {
    const refreshTokens = microsoft
      .calls('token')
      .map((call) => call.form.get('refresh_token'))
      .filter((value): value is string => Boolean(value));
    expect(refreshTokens.length).toBeGreaterThanOrEqual(2);
    expect(await plaintextOccurrences(t, [...refreshTokens, ...microsoft.oauth.refreshTokensOf(address), ...issuedAccessTokens])).toEqual(
      [],
    );
  });
});

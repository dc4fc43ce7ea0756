// Integration: the Gmail connect flow and the token broker against the fake Google (real app, real PostgreSQL).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { FakeGoogle } from '../../test/fakes/fakeGoogle.js';
import { connectOAuthMailbox, consent, followCallback, oauthTestEnv, plaintextOccurrences, startConnect } from '../../test/mailboxFlows.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

const google = new FakeGoogle({ accessTokenTtlSeconds: 3600 });
const clock = new ManualClock(new Date());
let t: TestApp;
let ada: SignedUp;
let mailboxId: string;
const address = 'ada@gmail.example';
const issuedAccessTokens: string[] = [];

const accessToken = (id = mailboxId) =>
  callAsN8n(t, `/api/internal/n8n/mailboxes/${id}/access-token`, { sendId: 'send-1', provider: 'gmail' });
const refreshCalls = () => google.calls('token').filter((call) => call.form.get('grant_type') === 'refresh_token').length;

beforeAll(async () => {
  await google.start();
  // The clock jumps hours ahead: user sessions must outlive it.
  t = await createTestApp({ clock, env: { ...oauthTestEnv, ...google.env(), ACCESS_TOKEN_TTL_SECONDS: String(30 * 86_400) } });
  ada = await signUp(t.http, { organizationName: 'Ada Ltd' });
});
afterAll(async () => {
  await t.close();
  await google.stop();
});

describe('Gmail connect', () => {
  it("returns Google's consent URL: offline access, consent prompt, send/read/modify scopes, PKCE S256 and a random state", async () => {
    const response = await t.http.post('/api/mailboxes/gmail/connect').set(ada.auth);
    expect(response.status).toBe(200);
    const url = new URL(response.body.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${google.server.url}/o/oauth2/v2/auth`);
    const params = url.searchParams;
    expect(params.get('access_type')).toBe('offline');
    expect(params.get('prompt')).toBe('consent');
    expect(params.get('redirect_uri')).toBe('http://127.0.0.1:3000/api/oauth2/google/callback');
    expect(params.get('scope')!.split(' ').sort()).toEqual(
      ['gmail.modify', 'gmail.readonly', 'gmail.send'].map((scope) => `https://www.googleapis.com/auth/${scope}`),
    );
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')!.length).toBeGreaterThanOrEqual(43);
    // Only the state's hash is stored.
    const stored = await t.prisma.oAuthConnectState.findMany();
    expect(JSON.stringify(stored)).not.toContain(params.get('state'));
  });

  it('exchanges the code with the PKCE verifier, reads the address from the profile and stores the grant encrypted', async () => {
    google.nextConsent({ email: address });
    const outcome = await connectOAuthMailbox(t, ada.auth, 'gmail');
    expect(outcome.error).toBeUndefined();
    expect(outcome.landing.origin + outcome.landing.pathname).toBe('http://app.test/mailboxes');
    mailboxId = outcome.mailboxId!;

    const exchange = google.calls('token').at(-1)!;
    expect(exchange.form.get('grant_type')).toBe('authorization_code');
    const challenge = google.calls('authorize').at(-1)!.query.get('code_challenge');
    expect(createHash('sha256').update(exchange.form.get('code_verifier')!).digest('base64url')).toBe(challenge);
    expect(google.calls('gmail.profile')).toHaveLength(1);

    const mailbox = await t.http.get(`/api/mailboxes/${mailboxId}`).set(ada.auth);
    expect(mailbox.body).toMatchObject({ provider: 'gmail', email: address, status: 'active', statusReason: null });
    expect(JSON.stringify(mailbox.body)).not.toMatch(/refresh-|credentials/);
    const row = await t.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    expect(row.credentialsKeyId).toBe('test1');
    expect(row.credentialsCiphertext).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(row.inboxCursor).not.toBeNull();
  });

  it('refuses a replayed, forged, denied or under-scoped callback', async () => {
    google.nextConsent({ email: 'other@gmail.example' });
    const started = await startConnect(t, ada.auth, 'gmail');
    const callback = await consent(started.authorizationUrl);
    expect((await followCallback(t, callback, started.cookie)).mailboxId).toBeDefined();
    expect((await followCallback(t, callback, started.cookie)).error).toBe('invalid_state');

    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    expect((await followCallback(t, forged.toString(), started.cookie)).error).toBe('invalid_state');

    google.nextConsent({ email: 'denier@gmail.example', deny: true });
    expect((await connectOAuthMailbox(t, ada.auth, 'gmail')).error).toBe('access_denied');

    google.nextConsent({ email: 'partial@gmail.example', grantedScopes: ['https://www.googleapis.com/auth/gmail.readonly'] });
    const partial = await connectOAuthMailbox(t, ada.auth, 'gmail');
    expect(partial.error).toBe('missing_scope');
    expect(partial.landing.searchParams.get('message')).toContain('gmail.send');

    const addresses = (await t.http.get('/api/mailboxes').set(ada.auth)).body.data.map((m: { email: string }) => m.email);
    expect(addresses.sort()).toEqual([address, 'other@gmail.example']);
  });
});

describe('Gmail connect bound to the browser that started it', () => {
  it('sets an httpOnly, SameSite=Lax cookie scoped to the callback path, living as long as the state', async () => {
    const response = await t.http.post('/api/mailboxes/gmail/connect').set(ada.auth);
    const [cookie] = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    expect(cookie).toMatch(
      /^ophir_connect_[0-9a-f]{16}=[\w-]{43}; Max-Age=600; Path=\/api\/oauth2\/google\/callback; Expires=[^;]+; HttpOnly; SameSite=Lax$/,
    );
    const value = cookie!.split(';')[0]!.split('=')[1]!;
    expect(JSON.stringify(await t.prisma.oAuthConnectState.findMany())).not.toContain(value);
  });

  it("refuses a consent started by someone else (no cookie, or another connect's cookie) and connects nothing", async () => {
    const mallory = await signUp(t.http, { organizationName: 'Mallory Inc' });
    const malloryMailboxes = async () => (await t.http.get('/api/mailboxes').set(mallory.auth)).body.data;
    // Ada's browser holds the cookie of a connect she started herself; Mallory sends her his consent link.
    const adasOwn = await startConnect(t, ada.auth, 'gmail');
    for (const victimCookie of [undefined, adasOwn.cookie]) {
      const mallorys = await startConnect(t, mallory.auth, 'gmail');
      google.nextConsent({ email: 'victim@gmail.example' });
      const callback = await consent(mallorys.authorizationUrl);
      const outcome = await followCallback(t, callback, victimCookie);
      expect(outcome.error).toBe('session_mismatch');
      expect(outcome.landing.searchParams.get('message')).toMatch(/another browser.*nothing was connected/);
      // The link is used up: even Mallory's own browser cannot complete it now.
      expect((await followCallback(t, callback, mallorys.cookie)).error).toBe('invalid_state');
    }
    const forgedValue = adasOwn.cookie.replace(/=.*/, '=forged-value');
    google.nextConsent({ email: 'victim@gmail.example' });
    expect((await followCallback(t, await consent(adasOwn.authorizationUrl), forgedValue)).error).toBe('session_mismatch');
    expect(await malloryMailboxes()).toEqual([]);
    expect(await t.prisma.mailbox.count({ where: { email: 'victim@gmail.example' } })).toBe(0);
  });
});

describe('token broker', () => {
  it('issues an access token that works at Gmail, and caches it', async () => {
    const before = refreshCalls();
    const first = await accessToken();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ provider: 'gmail', email: address, apiBaseUrl: google.server.url });
    expect(new Date(first.body.expiresAt).getTime()).toBe(clock.now().getTime() + 3600_000);
    issuedAccessTokens.push(first.body.accessToken);

    const profile = await fetch(`${first.body.apiBaseUrl}/gmail/v1/users/me/profile`, {
      headers: { Authorization: `Bearer ${first.body.accessToken}` },
    });
    expect(((await profile.json()) as { emailAddress: string }).emailAddress).toBe(address);

    const second = await accessToken();
    expect(second.body.accessToken).toBe(first.body.accessToken);
    expect(refreshCalls()).toBe(before + 1);
  });

  it('gives a paused mailbox a token to watch its inbox, not to send', async () => {
    await t.prisma.mailbox.update({ where: { id: mailboxId }, data: { status: 'paused' } });
    try {
      const send = await accessToken();
      expect(send.status).toBe(409);
      const watch = await callAsN8n(t, `/api/internal/n8n/mailboxes/${mailboxId}/access-token`, { provider: 'gmail', purpose: 'watch' });
      expect(watch.status, watch.text).toBe(200);
      expect(watch.body).toMatchObject({ provider: 'gmail', email: address });
    } finally {
      await t.prisma.mailbox.update({ where: { id: mailboxId }, data: { status: 'active' } });
    }
  });

  it('refreshes ahead of expiry', async () => {
    const before = refreshCalls();
    const cached = await accessToken();
    clock.advance(56 * 60_000); // 4 minutes left: inside the 5-minute margin
    const refreshed = await accessToken();
    expect(refreshed.body.accessToken).not.toBe(cached.body.accessToken);
    expect(refreshCalls()).toBe(before + 1);
    issuedAccessTokens.push(refreshed.body.accessToken);
  });

  it('coalesces concurrent requests for one mailbox into a single refresh', async () => {
    clock.advance(2 * 3600_000);
    google.setLatency('token', 300);
    const before = refreshCalls();
    const answers = await Promise.all(Array.from({ length: 12 }, () => accessToken()));
    google.setLatency('token', 0);
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
    expect(new Set(answers.map((answer) => answer.body.accessToken)).size).toBe(1);
    expect(refreshCalls()).toBe(before + 1);
    issuedAccessTokens.push(answers[0]!.body.accessToken);
  });

  it('answers 503 while Google fails, without touching the mailbox', async () => {
    clock.advance(2 * 3600_000);
    google.failNext('token', { kind: 'status', status: 500, json: { error: 'internal_failure', error_description: 'Backend Error' } });
    const failed = await accessToken();
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe('dependency_unavailable');
    expect((await t.http.get(`/api/mailboxes/${mailboxId}`).set(ada.auth)).body.status).toBe('active');
    expect((await accessToken()).status).toBe(200);
  });

  it('re-connecting the same address updates the mailbox and its grant', async () => {
    google.nextConsent({ email: address });
    const again = await connectOAuthMailbox(t, ada.auth, 'gmail');
    expect(again.mailboxId).toBe(mailboxId);
    const all = (await t.http.get('/api/mailboxes').set(ada.auth)).body.data;
    expect(all.filter((m: { email: string }) => m.email === address)).toHaveLength(1);
    // The old cached token belonged to the replaced grant.
    const before = refreshCalls();
    expect((await accessToken()).status).toBe(200);
    expect(refreshCalls()).toBe(before + 1);
  });

  it('flips a revoked grant to needs_reauth once and never loops on refresh', async () => {
    google.oauth.revokeGrants(address);
    clock.advance(2 * 3600_000);
    const before = refreshCalls();
    const refused = await accessToken();
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('mailbox_needs_reauth');
    expect(refreshCalls()).toBe(before + 1);

    for (let i = 0; i < 3; i += 1) expect((await accessToken()).body.code).toBe('mailbox_needs_reauth');
    expect(refreshCalls()).toBe(before + 1);

    const mailbox = (await t.http.get(`/api/mailboxes/${mailboxId}`).set(ada.auth)).body;
    expect(mailbox.status).toBe('needs_reauth');
    expect(mailbox.statusReason).toMatch(/invalid_grant.*connect the mailbox again/);
    const usage = (await t.http.get(`/api/mailboxes/${mailboxId}/usage`).set(ada.auth)).body;
    expect(usage).toMatchObject({ remainingToday: 0, blockedBy: 'status', nextAllowedAt: null });
    const resume = await t.http.patch(`/api/mailboxes/${mailboxId}`).set(ada.auth).send({ status: 'active' });
    expect(resume.body.code).toBe('mailbox_needs_reauth');
    const audit = await t.prisma.auditLog.findMany({ where: { action: 'mailbox.needs_reauth', targetId: mailboxId } });
    expect(audit).toHaveLength(1);

    google.nextConsent({ email: address });
    expect((await connectOAuthMailbox(t, ada.auth, 'gmail')).mailboxId).toBe(mailboxId);
    const revived = await accessToken();
    expect(revived.status).toBe(200);
    issuedAccessTokens.push(revived.body.accessToken);
  });

  it('rejects unsigned callers and names no mailbox of another kind', async () => {
    const asUser = await t.http.post(`/api/internal/n8n/mailboxes/${mailboxId}/access-token`).set(ada.auth).send({});
    expect(asUser.status).toBe(401);
    const unknown = await accessToken('00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const sandbox = await t.http.post('/api/mailboxes/sandbox').set(ada.auth).send({ email: 'sandbox@ada.example' });
    const wrongKind = await accessToken(sandbox.body.id);
    expect(wrongKind.status).toBe(409);
    expect(wrongKind.body.code).toBe('mailbox_unavailable');
  });

  it('keeps two organizations apart, the broker included', async () => {
    const bob = await signUp(t.http, { organizationName: 'Bob Inc' });
    google.nextConsent({ email: 'bob@gmail.example' });
    const bobMailbox = (await connectOAuthMailbox(t, bob.auth, 'gmail')).mailboxId!;

    expect((await t.http.get(`/api/mailboxes/${mailboxId}`).set(bob.auth)).status).toBe(404);
    expect((await t.http.get('/api/mailboxes').set(bob.auth)).body.data.map((m: { id: string }) => m.id)).toEqual([bobMailbox]);
    expect((await t.http.patch(`/api/mailboxes/${mailboxId}`).set(bob.auth).send({ status: 'paused' })).status).toBe(404);
    // The broker is reached only with the platform's n8n signature, never with a user's token...
    expect((await t.http.post(`/api/internal/n8n/mailboxes/${mailboxId}/access-token`).set(bob.auth).send({})).status).toBe(401);
    // ...and each mailbox's token acts for that mailbox's account only.
    const bobToken = (await accessToken(bobMailbox)).body.accessToken;
    const adaToken = (await accessToken()).body.accessToken;
    expect(google.oauth.resolveAccessToken(bobToken)?.email).toBe('bob@gmail.example');
    expect(google.oauth.resolveAccessToken(adaToken)?.email).toBe(address);
    issuedAccessTokens.push(bobToken, adaToken);
  });

  it('stores no refresh token, access token or PKCE verifier in clear anywhere in the database', async () => {
    const refreshTokens = [address, 'other@gmail.example', 'bob@gmail.example'].flatMap((email) => google.oauth.refreshTokensOf(email));
    const verifiers = google
      .calls('token')
      .map((call) => call.form.get('code_verifier'))
      .filter((value): value is string => Boolean(value));
    expect(refreshTokens.length).toBeGreaterThanOrEqual(3);
    expect(verifiers.length).toBeGreaterThanOrEqual(3);
    expect(await plaintextOccurrences(t, [...refreshTokens, ...issuedAccessTokens, ...verifiers])).toEqual([]);
  });
});

describe('without a Google client', () => {
  it('answers provider_not_configured instead of failing', async () => {
    const bare = await createTestApp();
    try {
      const user = await signUp(bare.http);
      const response = await bare.http.post('/api/mailboxes/gmail/connect').set(user.auth);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ code: 'provider_not_configured', provider: 'gmail' });
      expect(response.body.detail).toContain('GOOGLE_CLIENT_ID');
    } finally {
      await bare.close();
    }
  });
});

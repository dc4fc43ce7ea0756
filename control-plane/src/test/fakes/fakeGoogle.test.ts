// The Gmail fake itself: what other tests (campaign engine, inbox watcher) rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spamFromNewSenders } from './fakeDelivery.js';
import { FakeGoogle } from './fakeGoogle.js';

const google = new FakeGoogle();
let token: string;

async function gmail(path: string, init: RequestInit = {}) {
  const response = await fetch(`${google.server.url}/gmail/v1/users/me/${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  return {
    status: response.status,
    body: (await response.json().catch(() => undefined)) as Record<string, any>,
    headers: response.headers,
  };
}

const send = (raw: string, threadId?: string) =>
  gmail('messages/send', { method: 'POST', body: JSON.stringify({ raw: Buffer.from(raw).toString('base64url'), threadId }) });

beforeAll(async () => {
  await google.start();
  // A code grant without PKCE, straight at the endpoints, as any OAuth client would.
  google.nextConsent({ email: 'me@gmail.example' });
  const consent = await fetch(
    `${google.server.url}/o/oauth2/v2/auth?client_id=${google.oauth.options.clientId}&redirect_uri=http://localhost/cb&response_type=code&scope=gmail.send`,
    { redirect: 'manual' },
  );
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const exchange = await fetch(`${google.server.url}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost/cb',
      client_id: google.oauth.options.clientId,
      client_secret: google.oauth.options.clientSecret,
    }),
  });
  token = ((await exchange.json()) as { access_token: string }).access_token;
});
afterAll(() => google.stop());

describe('FakeGoogle Gmail API', () => {
  it('sends, threads replies by References, lists by rfc822msgid and gets in every format', async () => {
    const first = await send('From: me@gmail.example\r\nTo: lead@example.com\r\nSubject: Hi\r\nMessage-ID: <a@ophir.test>\r\n\r\nHello');
    expect(first.status).toBe(200);
    const reply = google.deliver(
      'me@gmail.example',
      'From: lead@example.com\r\nSubject: Re: Hi\r\nIn-Reply-To: <a@ophir.test>\r\nReferences: <a@ophir.test>\r\nMessage-ID: <b@example.com>\r\n\r\nThanks',
    );
    expect(reply.threadId).toBe(first.body.threadId);

    const found = await gmail('messages?q=rfc822msgid:a@ophir.test');
    expect(found.body.messages).toEqual([{ id: first.body.id, threadId: first.body.threadId }]);
    expect((await gmail('messages?q=in:inbox is:unread')).body.messages).toEqual([{ id: reply.id, threadId: reply.threadId }]);

    const metadata = await gmail(`messages/${reply.id}?format=metadata&metadataHeaders=In-Reply-To`);
    expect(metadata.body.payload.headers).toEqual([{ name: 'In-Reply-To', value: '<a@ophir.test>' }]);
    const raw = await gmail(`messages/${reply.id}?format=raw`);
    expect(Buffer.from(raw.body.raw, 'base64url').toString()).toContain('Thanks');
    const thread = await gmail(`threads/${first.body.threadId}`);
    expect(thread.body.messages).toHaveLength(2);
  });

  it('pages history from a start id and answers 404 once it expired', async () => {
    const profile = await gmail('profile');
    const start = profile.body.historyId;
    const inbound = google.deliver('me@gmail.example', 'From: x@example.com\r\nSubject: New\r\n\r\nBody');
    const history = await gmail(`history?startHistoryId=${start}&labelId=INBOX`);
    expect(
      history.body.history.map((record: { messagesAdded: Array<{ message: { id: string } }> }) => record.messagesAdded[0]!.message.id),
    ).toEqual([inbound.id]);
    expect(Number(history.body.historyId)).toBeGreaterThan(Number(start));
    expect((await gmail(`history?startHistoryId=${history.body.historyId}`)).body.history).toBeUndefined();

    google.expireHistory('me@gmail.example');
    expect((await gmail(`history?startHistoryId=${start}`)).status).toBe(404);
  });

  it('files mail from a new sender in SPAM by the delivery rule, lists spam only when asked, and relabels with messages.modify', async () => {
    google.deliveryRule = spamFromNewSenders(1);
    const raw = (n: number) =>
      `From: Peer <peer@outlook.example>\r\nTo: me@gmail.example\r\nSubject: Lunch ${n}\r\nMessage-ID: <p${n}@x>\r\n\r\nHi`;
    const first = google.receive('me@gmail.example', raw(1));
    const second = google.receive('me@gmail.example', raw(2));
    google.deliveryRule = () => 'inbox';
    expect(first.labelIds).toEqual(['SPAM', 'UNREAD']);
    expect(second.labelIds).toEqual(['INBOX', 'UNREAD']);

    const ids = async (query: string) =>
      ((await gmail(`messages?${query}`)).body.messages ?? []).map((message: { id: string }) => message.id) as string[];
    expect(await ids('q=after:0')).not.toContain(first.id);
    expect(await ids('q=after:0')).toContain(second.id);
    expect(await ids('q=in:spam')).toEqual([first.id]);
    expect(await ids('labelIds=SPAM')).toEqual([first.id]);
    expect(await ids('includeSpamTrash=true')).toContain(first.id);

    const modify = (body: object) => gmail(`messages/${first.id}/modify`, { method: 'POST', body: JSON.stringify(body) });
    const moved = await modify({ addLabelIds: ['INBOX', 'IMPORTANT'], removeLabelIds: ['SPAM', 'UNREAD'] });
    expect(moved.status).toBe(200);
    expect(moved.body.labelIds).toEqual(['INBOX', 'IMPORTANT']);
    expect(google.messageOf('me@gmail.example', first.id)!.labelIds).toEqual(['INBOX', 'IMPORTANT']);
    expect(await ids('q=in:spam')).toEqual([]);
    expect((await modify({ addLabelIds: ['SPAM'], removeLabelIds: ['SPAM'] })).status).toBe(400);
    expect((await gmail('messages/ffff/modify', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('fails on demand with Google-shaped errors and keeps a record of calls', async () => {
    google.failNext('gmail.send', { kind: 'status', status: 429, headers: { 'Retry-After': '7' } });
    const limited = await send('From: me@gmail.example\r\nSubject: x\r\n\r\ny');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED', errors: [{ reason: 'rateLimitExceeded' }] });
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await send('From: me@gmail.example\r\nSubject: x\r\n\r\ny')).status).toBe(200);
    expect(google.calls('gmail.send').length).toBeGreaterThanOrEqual(3);

    google.oauth.expireAccessTokens();
    expect((await gmail('profile')).status).toBe(401);
  });
});

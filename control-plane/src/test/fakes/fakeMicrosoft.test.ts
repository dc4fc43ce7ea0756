// The Outlook fake's Graph mailbox itself: what the Outlook send and watch tests rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spamFromNewSenders } from './fakeDelivery.js';
import { FakeMicrosoft } from './fakeMicrosoft.js';

const microsoft = new FakeMicrosoft();
const me = 'me@contoso.example';
let token: string;

async function graph(pathOrUrl: string, init: RequestInit & { prefer?: string } = {}) {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${microsoft.server.url}/v1.0/me${pathOrUrl}`;
  const response = await fetch(url, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.prefer ? { Prefer: init.prefer } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
  const text = await response.text();
  return { status: response.status, text, body: (text.startsWith('{') ? JSON.parse(text) : undefined) as Record<string, any> };
}

const sendMime = (raw: string) =>
  graph('/sendMail', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: Buffer.from(raw).toString('base64') });
const immutable = 'IdType="ImmutableId"';

beforeAll(async () => {
  await microsoft.start();
  microsoft.nextConsent({ email: me });
  const redirect = 'http://localhost/cb';
  const consent = await fetch(
    `${microsoft.server.url}/common/oauth2/v2.0/authorize?client_id=${microsoft.oauth.options.clientId}&redirect_uri=${redirect}&response_type=code&scope=Mail.Send`,
    { redirect: 'manual' },
  );
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const exchange = await fetch(`${microsoft.server.url}/common/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect,
      client_id: microsoft.oauth.options.clientId,
      client_secret: microsoft.oauth.options.clientSecret,
    }),
  });
  token = ((await exchange.json()) as { access_token: string }).access_token;
});
afterAll(() => microsoft.stop());

describe('FakeMicrosoft Graph mailbox', () => {
  it('files MIME sends in Sent Items with their Message-ID, found again by internetMessageId; JSON sends only when saved', async () => {
    expect(
      (await sendMime(`From: ${me}\r\nTo: lead@example.com\r\nSubject: =?UTF-8?B?Q2Fmw6k=?=\r\nMessage-ID: <a@ophir.test>\r\n\r\nHello`))
        .status,
    ).toBe(202);
    const json = (saveToSentItems: boolean, id: string) =>
      graph('/sendMail', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          message: {
            subject: 'Hi',
            internetMessageId: id,
            toRecipients: [{ emailAddress: { address: 'x@example.com' } }],
            body: { contentType: 'text', content: 'Hi' },
          },
          saveToSentItems,
        }),
      });
    expect((await json(false, '<unsaved@ophir.test>')).status).toBe(202);
    expect((await json(true, '<saved@ophir.test>')).status).toBe(202);
    expect(microsoft.sentBy(me).map((message) => message.internetMessageId)).toEqual(['<a@ophir.test>', '<saved@ophir.test>']);

    const found = await graph(
      `/mailFolders/sentitems/messages?$filter=${encodeURIComponent("internetMessageId eq '<a@ophir.test>'")}&$select=id,conversationId,subject&$top=1`,
    );
    const [sent] = microsoft.sentBy(me);
    expect(found.body.value).toEqual([
      expect.objectContaining({ id: sent!.restId, conversationId: sent!.conversationId, subject: 'Café' }),
    ]);
    expect(found.body.value[0]).not.toHaveProperty('from');
    expect(
      (await graph(`/mailFolders/sentitems/messages?$filter=${encodeURIComponent("internetMessageId eq '<nope@ophir.test>'")}`)).body.value,
    ).toEqual([]);
  });

  it('threads a delivered reply into the conversation it answers; headers, $value and the conversation filter read it', async () => {
    const [ours] = microsoft.sentBy(me);
    const reply = microsoft.deliver(
      me,
      'From: Lead <lead@example.com>\r\nTo: me@contoso.example\r\nSubject: Re: Hi\r\nMessage-ID: <b@example.com>\r\nIn-Reply-To: <a@ophir.test>\r\n\r\nThanks',
    );
    expect(reply.conversationId).toBe(ours!.conversationId);
    const id = encodeURIComponent(reply.immutableId);
    const headers = await graph(`/messages/${id}?$select=internetMessageHeaders`, { prefer: immutable });
    expect(headers.body).toMatchObject({
      id: reply.immutableId,
      internetMessageHeaders: expect.arrayContaining([{ name: 'In-Reply-To', value: '<a@ophir.test>' }]),
    });
    expect((await graph(`/messages/${id}/$value`)).text).toBe(reply.raw);
    const conversation = await graph(
      `/messages?$filter=${encodeURIComponent(`conversationId eq '${ours!.conversationId}'`)}&$select=internetMessageId`,
    );
    expect(conversation.body.value.map((message: { internetMessageId: string }) => message.internetMessageId)).toEqual([
      '<a@ophir.test>',
      '<b@example.com>',
    ]);
    expect((await graph('/messages/AAMkunknown')).status).toBe(404);
  });

  it('delta: pages to a delta link, resumes from it with only what is new, and answers 410 once expired', async () => {
    microsoft.deliver(me, 'From: other@example.com\r\nSubject: Two\r\nMessage-ID: <c@example.com>\r\n\r\nx');
    const delta = "/mailFolders('inbox')/messages/delta?$select=id,subject,from";
    const first = await graph(delta, { prefer: `${immutable}, odata.maxpagesize=1` });
    expect(first.body.value).toEqual([
      expect.objectContaining({ subject: 'Re: Hi', from: { emailAddress: { name: 'Lead', address: 'lead@example.com' } } }),
    ]);
    const second = await graph(first.body['@odata.nextLink'], { prefer: `${immutable}, odata.maxpagesize=1` });
    expect(second.body.value.map((message: { subject: string }) => message.subject)).toEqual(['Two']);
    const deltaLink = second.body['@odata.deltaLink'] as string;
    expect(deltaLink).toMatch(/\/v1\.0\/me\/mailFolders\('inbox'\)\/messages\/delta\?\$deltatoken=/);

    expect((await graph(deltaLink)).body).toMatchObject({ value: [], '@odata.deltaLink': expect.any(String) });
    microsoft.deliver(me, 'From: late@example.com\r\nSubject: Three\r\nMessage-ID: <d@example.com>\r\n\r\nx');
    const resumed = await graph(deltaLink, { prefer: immutable });
    // The sync keeps the $select it started with.
    expect(resumed.body.value).toEqual([
      {
        '@odata.etag': expect.any(String),
        id: expect.stringMatching(/^AAkA/),
        subject: 'Three',
        from: { emailAddress: { name: 'late@example.com', address: 'late@example.com' } },
      },
    ]);

    const windowed = await graph(
      `/mailFolders('inbox')/messages/delta?$filter=${encodeURIComponent(`receivedDateTime ge ${new Date(Date.now() + 3600_000).toISOString()}`)}`,
    );
    expect(windowed.body.value).toEqual([]);
    microsoft.mailboxOf(me).expireDeltaLinks();
    expect(await graph(resumed.body['@odata.deltaLink'])).toMatchObject({ status: 410, body: { error: { code: 'SyncStateNotFound' } } });
  });

  it('files mail from a new sender in Junk Email, lists that folder with headers and text body, moves it to the inbox and flags it', async () => {
    microsoft.deliveryRule = spamFromNewSenders(1);
    const raw =
      'From: Peer <peer@gmail.example>\r\nTo: me@contoso.example\r\nSubject: Lunch\r\nX-Ophir-Warmup: abcdefabcdef\r\nMessage-ID: <w1@x>\r\n\r\nSee you\r\now-abcdefabcdef';
    const junk = microsoft.receive(me, raw);
    const later = microsoft.receive(me, raw.replace('<w1@x>', '<w2@x>'));
    microsoft.deliveryRule = () => 'inbox';
    expect([junk.folder, later.folder]).toEqual(['junkemail', 'inbox']);

    const listed = await graph(
      `/mailFolders/junkemail/messages?$select=id,internetMessageHeaders,body,isRead&$orderby=receivedDateTime desc&$top=5&$filter=${encodeURIComponent(`receivedDateTime ge ${junk.receivedDateTime}`)}`,
      { prefer: immutable },
    );
    expect(listed.body.value).toEqual([
      expect.objectContaining({
        id: junk.immutableId,
        isRead: false,
        body: { contentType: 'text', content: 'See you\r\now-abcdefabcdef' },
        internetMessageHeaders: expect.arrayContaining([{ name: 'X-Ophir-Warmup', value: 'abcdefabcdef' }]),
      }),
    ]);

    const restId = junk.restId;
    const moved = await graph(`/messages/${encodeURIComponent(junk.immutableId)}/move`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ destinationId: 'inbox' }),
      prefer: immutable,
    });
    expect(moved.status).toBe(201);
    expect(moved.body.id).toBe(junk.immutableId);
    expect(junk.folder).toBe('inbox');
    expect(junk.restId).not.toBe(restId);
    const patched = await graph(`/messages/${encodeURIComponent(junk.immutableId)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ isRead: true, flag: { flagStatus: 'flagged' } }),
    });
    expect(patched.status).toBe(200);
    expect(microsoft.mailboxOf(me).messageById(junk.immutableId)).toMatchObject({ isRead: true, flagStatus: 'flagged', folder: 'inbox' });
    expect((await graph('/mailFolders/junkemail/messages')).body.value).toEqual([]);
    const badMove = await graph(`/messages/${encodeURIComponent(junk.immutableId)}/move`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ destinationId: 'nowhere' }),
    });
    expect(badMove.status).toBe(400);
  });
});

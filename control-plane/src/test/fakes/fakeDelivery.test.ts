// Mail between the organization's fake mailboxes: a Gmail send reaches Outlook and IMAP mailboxes, spam by the rule.
import nodemailer from 'nodemailer';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeMailExchange, spamFromNewSenders } from './fakeDelivery.js';
import { FakeGoogle } from './fakeGoogle.js';
import { FakeMicrosoft } from './fakeMicrosoft.js';
import { JUNK_MAILBOX, LocalImapServer } from './localImapServer.js';
import { LocalSmtpServer } from './localSmtpServer.js';

const google = new FakeGoogle();
const microsoft = new FakeMicrosoft();
const login = { username: 'imap-user', password: 'imap-pass-1' };
const smtp = new LocalSmtpServer(login);
const imap = new LocalImapServer([login]);
const imapWithoutMove = new LocalImapServer([login], { move: false });
const exchange = new FakeMailExchange()
  .host('a@gmail.example', google)
  .host('b@outlook.example', microsoft)
  .host('c@smtp.example', imap)
  .connect(google, microsoft, smtp);
let smtpAddress: { host: string; port: number };
const imapPorts = new Map<LocalImapServer, number>();

beforeAll(async () => {
  await Promise.all([google.start(), microsoft.start()]);
  for (const server of [imap, imapWithoutMove]) imapPorts.set(server, (await server.start()).port);
  smtpAddress = await smtp.start();
});
afterAll(async () => {
  await Promise.all([google.stop(), microsoft.stop(), imap.stop(), imapWithoutMove.stop(), smtp.stop()]);
});

describe('FakeMailExchange', () => {
  it('delivers a Gmail send to the Outlook and IMAP mailboxes it names, in spam for a new sender, and leaves leads alone', async () => {
    microsoft.deliveryRule = spamFromNewSenders(1);
    imap.deliveryRule = spamFromNewSenders(1);
    const token = google.oauth.issueAccessToken('a@gmail.example', ['gmail.send']).access_token;
    const send = (n: number) =>
      fetch(`${google.server.url}/gmail/v1/users/me/messages/send`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          raw: Buffer.from(
            `From: A <a@gmail.example>\r\nTo: <b@outlook.example>, c@smtp.example, lead@leads.example\r\nSubject: Hi ${n}\r\nMessage-ID: <m${n}@a>\r\n\r\nHello`,
          ).toString('base64url'),
        }),
      });
    expect((await send(1)).status).toBe(200);
    expect((await send(2)).status).toBe(200);
    expect(microsoft.mailboxOf('b@outlook.example').messages.map((message) => [message.internetMessageId, message.folder])).toEqual([
      ['<m1@a>', 'junkemail'],
      ['<m2@a>', 'inbox'],
    ]);
    expect(imap.messagesIn(JUNK_MAILBOX).map((message) => message.raw)).toEqual([expect.stringContaining('<m1@a>')]);
    expect(imap.messagesIn('INBOX').map((message) => message.raw)).toEqual([expect.stringContaining('<m2@a>')]);
    expect(exchange.routed.map((delivery) => delivery.to)).not.toContain('lead@leads.example');
  });

  it('delivers what the SMTP server accepts to a Gmail mailbox, in its inbox by default', async () => {
    const transport = nodemailer.createTransport({
      ...smtpAddress,
      secure: false,
      ignoreTLS: true,
      auth: { user: login.username, pass: login.password },
    });
    await transport.sendMail({ from: 'c@smtp.example', to: 'a@gmail.example', subject: 'From SMTP', text: 'Hello', messageId: '<s1@c>' });
    const fromSmtp = google.messagesOf('a@gmail.example').find((message) => message.messageId === '<s1@c>');
    expect(fromSmtp?.labelIds).toEqual(['INBOX', 'UNREAD']);
  });

  it('offers SPECIAL-USE \\Junk and MOVE, and without MOVE a client still moves by COPY, \\Deleted and EXPUNGE', async () => {
    for (const [server, expectMove] of [
      [imap, true],
      [imapWithoutMove, false],
    ] as const) {
      const uid = server.deliver('From: x@y\r\nSubject: s\r\n\r\nbody', new Date(), JUNK_MAILBOX);
      const port = imapPorts.get(server)!;
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user: login.username, pass: login.password },
        logger: false,
      });
      await client.connect();
      expect(client.capabilities.has('MOVE')).toBe(expectMove);
      const junk = (await client.list()).find((folder) => folder.specialUse === '\\Junk');
      expect(junk?.path).toBe(JUNK_MAILBOX);
      await client.mailboxOpen(JUNK_MAILBOX);
      await client.messageFlagsAdd(String(uid), ['\\Seen', '\\Flagged'], { uid: true });
      expect(await client.messageMove(String(uid), 'INBOX', { uid: true })).toBeTruthy();
      await client.logout();
      expect(server.messagesIn(JUNK_MAILBOX).filter((message) => message.uid === uid)).toEqual([]);
      expect(server.messagesIn('INBOX').at(-1)?.flags).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged']));
    }
  });
});

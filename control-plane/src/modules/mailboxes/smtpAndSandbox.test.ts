// Integration: SMTP mailboxes against a real local SMTP server (and IMAP server), and sandbox capture (real app, real PostgreSQL).
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalImapServer } from '../../test/fakes/localImapServer.js';
import { LocalSmtpServer } from '../../test/fakes/localSmtpServer.js';
import { plaintextOccurrences } from '../../test/mailboxFlows.js';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

const password = 'smtp-password-0f3a9c';
const imapPassword = 'imap-password-7c1e02';
const smtpServer = new LocalSmtpServer({ username: 'mailer@acme.example', password });
const imapServer = new LocalImapServer([
  { username: 'mailer@acme.example', password },
  { username: 'inbox@acme.example', password: imapPassword },
]);
let server: { host: string; port: number };
let imapAt: { host: string; port: number };
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  server = await smtpServer.start();
  imapAt = await imapServer.start();
  t = await createTestApp();
  owner = await signUp(t.http, { organizationName: 'Acme' });
});
afterAll(async () => {
  await t.close();
  await smtpServer.stop();
  await imapServer.stop();
});

const smtpBody = (overrides: Record<string, unknown> = {}) => ({
  email: 'Mailer@Acme.example',
  displayName: 'Acme Sales',
  smtp: { host: server.host, port: server.port, tlsMode: 'none', password, ...overrides },
});

describe('SMTP mailboxes', () => {
  it("refuses to save when the server refuses the login, with the server's own words", async () => {
    const response = await t.http
      .post('/api/mailboxes/smtp')
      .set(owner.auth)
      .send(smtpBody({ password: 'wrong password' }));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('smtp_verification_failed');
    expect(response.body.detail).toContain('535 Invalid username or password (fake-smtp)');
    expect(response.body.smtp).toMatchObject({ responseCode: 535, command: 'AUTH PLAIN' });
    expect(JSON.stringify(response.body)).not.toContain('wrong password');
    // A form shows it on the field to fix.
    expect(response.body.issues).toEqual([
      { path: 'smtp.password', in: 'body', message: expect.stringContaining('535 Invalid username or password') },
    ]);
    expect(await t.prisma.mailbox.count()).toBe(0);
  });

  it('reports an unreachable server on its port', async () => {
    const response = await t.http
      .post('/api/mailboxes/smtp')
      .set(owner.auth)
      .send(smtpBody({ port: 1 }));
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/ECONNREFUSED/);
    expect(response.body.issues).toMatchObject([{ path: 'smtp.port', in: 'body' }]);
  });

  it('reports an unknown host on the host', async () => {
    const response = await t.http
      .post('/api/mailboxes/smtp')
      .set(owner.auth)
      .send(smtpBody({ host: 'no-such-host.invalid' }));
    expect(response.status).toBe(422);
    expect(response.body.issues).toMatchObject([{ path: 'smtp.host', in: 'body' }]);
  });

  it("refuses to save when the IMAP server refuses the login, with the server's own words", async () => {
    const response = await t.http
      .post('/api/mailboxes/smtp')
      .set(owner.auth)
      .send({ ...smtpBody(), imap: { ...imapAt, tlsMode: 'none', password: 'wrong imap password' } });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('imap_verification_failed');
    expect(response.body.detail).toContain(
      `The IMAP server at ${imapAt.host}:${imapAt.port} refused the connection: Login failed: authentication failure`,
    );
    expect(response.body.imap).toMatchObject({ authenticationFailed: true });
    expect(response.body.issues).toMatchObject([{ path: 'imap.password', in: 'body' }]);
    expect(JSON.stringify(response.body)).not.toContain('wrong imap password');
    expect(
      (
        await t.http
          .post('/api/mailboxes/smtp')
          .set(owner.auth)
          .send({ ...smtpBody(), imap: { ...imapAt, port: 1, tlsMode: 'none' } })
      ).body.detail,
    ).toMatch(/ECONNREFUSED/);
    expect(await t.prisma.mailbox.count()).toBe(0);
  });

  it('saves a verified mailbox with the password encrypted, and hands the login to n8n', async () => {
    const saved = await t.http
      .post('/api/mailboxes/smtp')
      .set(owner.auth)
      .send({ ...smtpBody(), imap: { ...imapAt, tlsMode: 'none' } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      provider: 'smtp',
      email: 'mailer@acme.example',
      status: 'active',
      smtp: { host: server.host, port: server.port, tlsMode: 'none', username: 'mailer@acme.example' },
      imap: { ...imapAt, tlsMode: 'none', username: 'mailer@acme.example' },
    });
    expect(JSON.stringify(saved.body)).not.toContain(password);

    const credentials = await callAsN8n(t, `/api/internal/n8n/mailboxes/${saved.body.id}/smtp-credentials`, {
      sendId: 's1',
      provider: 'smtp',
    });
    expect(credentials.status).toBe(200);
    expect(credentials.body).toEqual({
      host: server.host,
      port: server.port,
      tlsMode: 'none',
      secure: false,
      requireTls: false,
      username: 'mailer@acme.example',
      password,
      fromAddress: 'mailer@acme.example',
      fromName: 'Acme Sales',
    });

    // What the Send Email node does with them: a real delivery through the server.
    const transport = createTransport({
      host: credentials.body.host,
      port: credentials.body.port,
      secure: false,
      ignoreTLS: true,
      auth: { user: credentials.body.username, pass: credentials.body.password },
    });
    await transport.sendMail({ from: credentials.body.fromAddress, to: 'lead@example.com', subject: 'Hello', text: 'Hi there' });
    transport.close();
    expect(smtpServer.received.at(-1)).toMatchObject({
      from: 'mailer@acme.example',
      to: ['lead@example.com'],
      username: 'mailer@acme.example',
    });

    expect(await plaintextOccurrences(t, [password])).toEqual([]);
  });

  it('hands the IMAP login to the Inbox Watch node (the SMTP password unless IMAP has its own), also while the mailbox is paused', async () => {
    const [mailbox] = (await t.http.get('/api/mailboxes').set(owner.auth)).body.data;
    const path = `/api/internal/n8n/mailboxes/${mailbox.id}/imap-credentials`;
    const defaulted = await callAsN8n(t, path, { provider: 'smtp' });
    expect(defaulted.status).toBe(200);
    expect(defaulted.body).toEqual({
      ...imapAt,
      tlsMode: 'none',
      secure: false,
      requireTls: false,
      username: 'mailer@acme.example',
      password,
    });

    const imap = { ...imapAt, tlsMode: 'none', username: 'inbox@acme.example', password: imapPassword };
    expect(
      (
        await t.http
          .post('/api/mailboxes/smtp')
          .set(owner.auth)
          .send({ ...smtpBody(), imap })
      ).status,
    ).toBe(200);
    expect((await t.http.patch(`/api/mailboxes/${mailbox.id}`).set(owner.auth).send({ status: 'paused' })).body.status).toBe('paused');
    const paused = await callAsN8n(t, path, { provider: 'smtp' });
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({
      ...imapAt,
      tlsMode: 'none',
      secure: false,
      requireTls: false,
      username: 'inbox@acme.example',
      password: imapPassword,
    });
    expect(await plaintextOccurrences(t, [imapPassword])).toEqual([]);
  });

  it('saving the same address again updates it', async () => {
    const again = await t.http
      .post('/api/mailboxes/smtp')
      .set(owner.auth)
      .send(smtpBody({ username: 'mailer@acme.example' }));
    expect(again.status).toBe(200);
    expect((await t.http.get('/api/mailboxes').set(owner.auth)).body.data).toHaveLength(1);
    expect(again.body.imap).toBeNull();
  });

  it('answers a problem naming the missing IMAP settings when the mailbox has none', async () => {
    const [mailbox] = (await t.http.get('/api/mailboxes').set(owner.auth)).body.data;
    const refused = await callAsN8n(t, `/api/internal/n8n/mailboxes/${mailbox.id}/imap-credentials`, { provider: 'smtp' });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'mailbox_unavailable', mailboxId: mailbox.id });
    expect(refused.body.detail).toContain('has no IMAP settings');
  });

  it('refuses the access-token broker and the wrong provider', async () => {
    const [mailbox] = (await t.http.get('/api/mailboxes').set(owner.auth)).body.data;
    const token = await callAsN8n(t, `/api/internal/n8n/mailboxes/${mailbox.id}/access-token`, { sendId: 's1', provider: 'smtp' });
    expect(token.body.code).toBe('mailbox_unavailable');
    const paused = await t.http.patch(`/api/mailboxes/${mailbox.id}`).set(owner.auth).send({ status: 'paused' });
    expect(paused.body).toMatchObject({ status: 'paused', statusReason: 'Paused by a user' });
    const refused = await callAsN8n(t, `/api/internal/n8n/mailboxes/${mailbox.id}/smtp-credentials`, { sendId: 's1', provider: 'smtp' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'mailbox_unavailable', mailboxStatus: 'paused' });
  });
});

describe('sandbox mailboxes', () => {
  const rawMessage = (messageId: string) =>
    Buffer.from(
      `From: Demo <demo@sandbox.example>\r\nTo: lead@example.com\r\nSubject: =?UTF-8?Q?Caf=C3=A9_time?=\r\nMessage-ID: ${messageId}\r\n\r\nHello from the sandbox`,
    ).toString('base64');

  it('captures messages once per Message-ID and lets the user read them', async () => {
    const created = await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'demo@sandbox.example' });
    expect(created.status).toBe(201);
    const body = {
      sendId: 'send-9',
      mailboxId: created.body.id,
      messageId: '<m-1@ophir.test>',
      from: 'demo@sandbox.example',
      to: 'lead@example.com',
      threadId: null,
      raw: rawMessage('<m-1@ophir.test>'),
    };

    const first = await callAsN8n(t, '/api/internal/n8n/sandbox-messages', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ duplicate: false, threadId: first.body.id });
    const replay = await callAsN8n(t, '/api/internal/n8n/sandbox-messages', body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ ...first.body, duplicate: true });

    const listed = await t.http.get(`/api/mailboxes/${created.body.id}/sandbox-messages`).set(owner.auth);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({ messageId: '<m-1@ophir.test>', to: 'lead@example.com', subject: 'Café time' });
    expect(listed.body.data[0].raw).toContain('Hello from the sandbox');
    // Readable as a person reads mail: decoded headers in order, the body apart.
    expect(listed.body.data[0].headers).toEqual([
      { name: 'From', value: '"Demo" <demo@sandbox.example>' },
      { name: 'To', value: 'lead@example.com' },
      { name: 'Subject', value: 'Café time' },
      { name: 'Message-ID', value: '<m-1@ophir.test>' },
    ]);
    expect(listed.body.data[0]).toMatchObject({ html: null, text: 'Hello from the sandbox' });
  });

  it('refuses a duplicate address, a non-sandbox mailbox and a body that is not MIME', async () => {
    expect((await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'demo@sandbox.example' })).status).toBe(409);
    const [smtpMailbox] = (await t.http.get('/api/mailboxes').set(owner.auth)).body.data;
    const wrong = await callAsN8n(t, '/api/internal/n8n/sandbox-messages', {
      mailboxId: smtpMailbox.id,
      messageId: '<x@y>',
      to: 'a@b.c',
      raw: rawMessage('<x@y>'),
    });
    expect(wrong.body.code).toBe('mailbox_unavailable');
  });
});

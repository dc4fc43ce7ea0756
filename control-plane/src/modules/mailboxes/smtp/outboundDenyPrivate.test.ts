// OUTBOUND_DENY_PRIVATE: a member cannot make the server connect to loopback or private addresses
// through SMTP/IMAP verification, nor read what they answer (real app, real SMTP and IMAP servers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors.js';
import { LocalImapServer } from '../../../test/fakes/localImapServer.js';
import { LocalSmtpServer } from '../../../test/fakes/localSmtpServer.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { verifyImapConnection } from './imapConnection.js';

const password = 'smtp-password-5d1b7e';
let connections = 0;
const smtpServer = new LocalSmtpServer(
  { username: 'mailer@acme.example', password },
  {
    banner: 'internal-relay.corp ESMTP secret-banner',
    onConnect: (_session, callback) => {
      connections += 1;
      callback();
    },
  },
);
const imapServer = new LocalImapServer([{ username: 'mailer@acme.example', password }]);
let smtpAt: { host: string; port: number };
let imapAt: { host: string; port: number };
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  smtpAt = await smtpServer.start();
  imapAt = await imapServer.start();
  t = await createTestApp({ env: { OUTBOUND_DENY_PRIVATE: 'true' } });
  owner = await signUp(t.http, { organizationName: 'Acme' });
});
afterAll(async () => {
  await t.close();
  await smtpServer.stop();
  await imapServer.stop();
});

describe('SMTP verification with OUTBOUND_DENY_PRIVATE on', () => {
  it.each(['127.0.0.1', 'localhost'])('refuses %s with the generic problem, without connecting', async (host) => {
    const response = await t.http
      .post('/api/mailboxes/smtp')
      .set(owner.auth)
      .send({ email: 'mailer@acme.example', smtp: { host, port: smtpAt.port, tlsMode: 'none', password } });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'smtp_verification_failed',
      detail: `Could not log in to the SMTP server at ${host}:${smtpAt.port}: check the host, port and TLS mode (servers on private networks cannot be reached from here)`,
      smtp: { authenticationFailed: false },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/secret-banner|ESMTP|ECONNREFUSED/);
    expect(connections).toBe(0);
    expect(await t.prisma.mailbox.count()).toBe(0);
  });
});

describe('IMAP verification with OUTBOUND_DENY_PRIVATE on', () => {
  it('refuses a loopback IMAP server with the generic problem and no server text', async () => {
    const attempt = verifyImapConnection({ ...imapAt, host: 'localhost', tlsMode: 'none', username: 'mailer@acme.example' }, password, {
      denyPrivate: true,
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: 'imap_verification_failed',
      message: `Could not log in to the IMAP server at localhost:${imapAt.port}: check the host, port and TLS mode (servers on private networks cannot be reached from here)`,
      details: { imap: { authenticationFailed: false } },
    });
  });

  it('still verifies the same server when private destinations are allowed', async () => {
    await expect(
      verifyImapConnection({ ...imapAt, tlsMode: 'none', username: 'mailer@acme.example' }, password, { denyPrivate: false }),
    ).resolves.toBeUndefined();
  });
});

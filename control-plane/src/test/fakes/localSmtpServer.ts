import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { MailSender, SentMail } from './fakeDelivery.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  username: string;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 that requires AUTH PLAIN/LOGIN and
 * keeps what it accepts. No TLS: connect with the `none` TLS mode. A wrong password is refused with
 * the server's own `535` text, which the control plane must pass on.
 */
export class LocalSmtpServer implements MailSender {
  readonly received: ReceivedMail[] = [];
  /** Told of every accepted message, by its envelope (what FakeMailExchange routes to the other fakes). */
  onSent: ((mail: SentMail) => void) | null = null;
  private readonly server: SMTPServer;
  private port = 0;

  constructor(
    readonly credentials: { username: string; password: string },
    options: Partial<SMTPServerOptions> = {},
  ) {
    this.server = new SMTPServer({
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === credentials.username && auth.password === credentials.password) {
          callback(null, { user: auth.username });
          return;
        }
        callback(Object.assign(new Error('Invalid username or password (fake-smtp)'), { responseCode: 535 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            username: String(session.user ?? ''),
          };
          this.received.push(mail);
          this.onSent?.({ from: mail.from, recipients: mail.to, raw: mail.raw });
          callback();
        });
      },
      ...options,
    });
  }

  async start(): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return { host: '127.0.0.1', port: this.port };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

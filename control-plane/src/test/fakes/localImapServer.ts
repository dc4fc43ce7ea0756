import type { AddressInfo } from 'node:net';
import hoodiecrow from 'hoodiecrow-imap';

/**
 * A real IMAP4rev1 server (the `hoodiecrow-imap` package, in memory) on 127.0.0.1 for the given
 * users, sharing one INBOX, without TLS (connect with TLS mode `none`). A wrong password is refused with the server's
 * own `NO` text, which the control plane must pass on. Clients are expected to close their
 * connections (stop() waits for them).
 */
export class LocalImapServer {
  private readonly server: ReturnType<typeof hoodiecrow>;

  constructor(users: Array<{ username: string; password: string }>) {
    this.server = hoodiecrow({
      users: Object.fromEntries(users.map((user) => [user.username, { password: user.password }])),
      storage: { INBOX: {}, '': { separator: '/' } },
    });
  }

  /** Delivers a raw message to the INBOX (one INBOX, whichever user logs in); returns its UID. */
  deliver(raw: string, receivedAt = new Date()): number {
    // hoodiecrow keeps messages as binary strings, one char per byte.
    return this.server.appendMessage('INBOX', [], receivedAt, Buffer.from(raw, 'utf8').toString('latin1')).message.uid;
  }

  async start(): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve) => this.server.server.listen(0, '127.0.0.1', resolve));
    return { host: '127.0.0.1', port: (this.server.server.address() as AddressInfo).port };
  }

  stop(): Promise<void> {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

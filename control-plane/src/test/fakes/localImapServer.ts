import type { AddressInfo } from 'node:net';
import hoodiecrow from 'hoodiecrow-imap';
import { addressIn, alwaysInbox, type DeliveryRule, type MailHost } from './fakeDelivery.js';
import { headerValue, splitMessage } from './mimeHeaders.js';

/** The spam folder, advertised with SPECIAL-USE `\Junk` (RFC 6154), as Dovecot and most hosts name it. */
export const JUNK_MAILBOX = 'Junk';

export interface LocalImapOptions {
  /** Advertise MOVE (RFC 6851); without it a client moves with COPY, STORE \Deleted and EXPUNGE. Default true. */
  move?: boolean;
  /** The server's clock (INTERNALDATE of what `receive` files): a test that moves time passes its own. */
  now?: () => Date;
}

/** A message as the server holds it. */
export interface LocalImapMessage {
  uid: number;
  flags: string[];
  raw: string;
}

/**
 * A real IMAP4rev1 server (the `hoodiecrow-imap` package, in memory) on 127.0.0.1 for the given
 * users, sharing one INBOX and one Junk folder, without TLS (connect with TLS mode `none`). A wrong
 * password is refused with the server's own `NO` text, which the control plane must pass on. Clients
 * are expected to close their connections (stop() waits for them).
 */
export class LocalImapServer implements MailHost {
  /** Where `receive` files arriving mail: INBOX, or Junk (the host's spam filter as the test sets it). */
  deliveryRule: DeliveryRule = alwaysInbox;
  private readonly server: ReturnType<typeof hoodiecrow>;
  private readonly now: () => Date;

  constructor(users: Array<{ username: string; password: string }>, options: LocalImapOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.server = hoodiecrow({
      users: Object.fromEntries(users.map((user) => [user.username, { password: user.password }])),
      plugins: ['SPECIAL-USE', 'UIDPLUS', ...(options.move === false ? [] : ['MOVE'])],
      storage: { INBOX: {}, '': { separator: '/', folders: { [JUNK_MAILBOX]: { 'special-use': '\\Junk' } } } },
    });
  }

  /** Delivers a raw message to a mailbox (one INBOX and one Junk, whichever user logs in); returns its UID. */
  deliver(raw: string, receivedAt = new Date(), mailbox: 'INBOX' | typeof JUNK_MAILBOX = 'INBOX'): number {
    // hoodiecrow keeps messages as binary strings, one char per byte.
    return this.server.appendMessage(mailbox, [], receivedAt, Buffer.from(raw, 'utf8').toString('latin1')).message.uid;
  }

  /** Mail arriving from another mailbox: INBOX or Junk by `deliveryRule`. */
  receive(email: string, raw: string): number {
    const from = addressIn(headerValue(splitMessage(raw).headers, 'From') ?? '');
    const placement = this.deliveryRule({ from, to: email.toLowerCase(), raw });
    return this.deliver(raw, this.now(), placement === 'spam' ? JUNK_MAILBOX : 'INBOX');
  }

  /** What a mailbox holds now, with each message's flags (what a client moved or flagged). */
  messagesIn(mailbox: 'INBOX' | typeof JUNK_MAILBOX): LocalImapMessage[] {
    return this.server.getMailbox(mailbox).messages.map((message) => ({
      uid: message.uid,
      flags: [...message.flags],
      raw: Buffer.from(message.raw, 'latin1').toString('utf8'),
    }));
  }

  async start(): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve) => this.server.server.listen(0, '127.0.0.1', resolve));
    return { host: '127.0.0.1', port: (this.server.server.address() as AddressInfo).port };
  }

  stop(): Promise<void> {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

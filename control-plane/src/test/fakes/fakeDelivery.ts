import { headerValue, splitMessage } from './mimeHeaders.js';

/** Where a receiving fake files an arriving message: the inbox, or its spam/junk folder. */
export type Placement = 'inbox' | 'spam';

export interface Delivery {
  /** The sender's address (From), lower case. */
  from: string;
  /** The recipient mailbox, lower case. */
  to: string;
  raw: string;
}

/** A provider's spam filter as a test sets it: decides each arriving message's folder; may remember what it saw. */
export type DeliveryRule = (delivery: Delivery) => Placement;

/** Every message lands in the inbox (each fake's default, so existing tests see no spam folder at all). */
export const alwaysInbox: DeliveryRule = () => 'inbox';

/**
 * The first `count` messages from a sender this recipient has not heard from land in spam, later
 * ones in the inbox: what a new mailbox's first messages meet at a real provider, and what warm-up
 * rescue exists for.
 */
export function spamFromNewSenders(count: number): DeliveryRule {
  const heard = new Map<string, number>();
  return ({ from, to }) => {
    const key = `${to}\n${from}`;
    const before = heard.get(key) ?? 0;
    heard.set(key, before + 1);
    return before < count ? 'spam' : 'inbox';
  };
}

/** The bare address of a From/To entry (`"Ada" <ada@x>` or `ada@x`), lower case. */
export function addressIn(value: string): string {
  return (/<([^<>\s]+@[^<>\s]+)>/.exec(value)?.[1] ?? /[^\s<>(),;"]+@[^\s<>(),;"]+/.exec(value)?.[0] ?? '').toLowerCase();
}

/** Every recipient a MIME message names in To, Cc and Bcc, lower case. */
export function recipientsOf(raw: string): string[] {
  const { headers } = splitMessage(raw);
  const named = ['To', 'Cc', 'Bcc'].flatMap((name) => (headerValue(headers, name) ?? '').split(','));
  return [...new Set(named.map(addressIn).filter((address) => address !== ''))];
}

/** A fake that holds mailboxes and files what arrives for one of them by its delivery rule. */
export interface MailHost {
  receive(email: string, raw: string): unknown;
}

/** What a sending fake hands on once it accepted a message. */
export type SentMail = { from: string; recipients: string[]; raw: string };

/** A fake that sends mail (Gmail API, Graph sendMail, SMTP) and tells a listener what it accepted. */
export interface MailSender {
  onSent: ((mail: SentMail) => void) | null;
}

/**
 * The internet between the organization's fake mailboxes: what one fake sends to an address another
 * fake hosts lands in that mailbox (inbox or spam, by the receiving fake's rule), so a Gmail mailbox
 * can write to an Outlook one. Recipients hosted nowhere (leads) are left alone, as before.
 */
export class FakeMailExchange {
  readonly routed: Array<Delivery & { host: MailHost }> = [];
  private readonly hosts = new Map<string, MailHost>();

  /** `email`'s mailbox lives at `host` from now on. */
  host(email: string, host: MailHost): this {
    this.hosts.set(email.toLowerCase(), host);
    return this;
  }

  /** Routes whatever these fakes send from now on. */
  connect(...senders: MailSender[]): this {
    for (const sender of senders) sender.onSent = (mail) => this.route(mail);
    return this;
  }

  route({ from, recipients, raw }: SentMail): void {
    for (const to of recipients) {
      const host = this.hosts.get(to.toLowerCase());
      if (!host) continue;
      host.receive(to.toLowerCase(), raw);
      this.routed.push({ from: from.toLowerCase(), to: to.toLowerCase(), raw, host });
    }
  }
}

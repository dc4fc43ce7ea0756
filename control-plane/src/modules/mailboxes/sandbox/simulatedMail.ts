import { randomUUID } from 'node:crypto';

export const simulationKinds = ['reply', 'bounce', 'out_of_office'] as const;
export type SimulationKind = (typeof simulationKinds)[number];

/** The captured send being answered, as the sandbox stored it. */
export interface CapturedSend {
  /** Our Message-ID, angle brackets included. */
  messageId: string;
  /** The lead, as the To header named them. */
  to: string;
  subject: string;
  /** The sent message's header block (what a bounce attaches). */
  headerBlock: string;
  /** Its References header, when it was a threaded follow-up. */
  references: string | null;
  /** Its plain text, quoted by a reply as mail clients do. */
  text: string | null;
}

export interface Simulation {
  kind: SimulationKind;
  /** What the lead writes (reply, out-of-office); a default sentence when absent. */
  bodyText?: string;
  /** The enhanced status code of a bounce: 5.x.x is hard, 4.x.x soft. */
  bounceStatus?: string;
}

const defaultReplyText = 'Thanks for reaching out, this sounds interesting. Could we talk on Thursday?';
const defaultOutOfOfficeText = 'I am out of the office this week with limited access to email. I will reply when I am back.';

/** `"Ada" <ada@leads.example>` -> `ada@leads.example`. */
export function bareAddress(header: string): string {
  return (/<([^<>\s]+@[^<>\s]+)>/.exec(header)?.[1] ?? header).trim();
}

const domainOf = (address: string) => address.split('@').pop() || 'sandbox.invalid';

/** RFC 2047 for a header value that is not plain ASCII. */
function headerText(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** RFC 5322 date, e.g. `Fri, 04 Dec 2026 12:00:00 +0000`. */
function mailDate(instant: Date): string {
  return instant.toUTCString().replace('GMT', '+0000');
}

function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject : `Re: ${subject}`;
}

function quoted(text: string | null, from: string, at: Date): string[] {
  if (!text) return [];
  return [
    '',
    `On ${mailDate(at)}, ${from} wrote:`,
    ...text
      .trimEnd()
      .split(/\r?\n/)
      .map((line) => `> ${line}`),
  ];
}

/** The threading headers of an answer: In-Reply-To our Message-ID, References the thread so far plus it. */
function answering(sent: CapturedSend): string[] {
  const references = [...(sent.references ?? '').split(/\s+/).filter(Boolean), sent.messageId];
  return [`In-Reply-To: ${sent.messageId}`, `References: ${[...new Set(references)].join(' ')}`];
}

function lines(headers: string[], body: string[]): string {
  return [...headers, '', ...body, ''].join('\r\n');
}

/**
 * A raw message as the lead's side would send it about one captured send: a reply from their mail
 * client, an out-of-office from their auto-responder (RFC 3834 `Auto-Submitted: auto-replied`), or
 * a bounce from the receiving MTA as an RFC 3464 delivery status notification with the original's
 * headers attached. The inbox watcher classifies them exactly as it does real mail.
 */
export function simulatedMessage(input: { sandboxMailbox: string; sent: CapturedSend; simulation: Simulation; at: Date }): string {
  const { sandboxMailbox, sent, simulation, at } = input;
  const lead = bareAddress(sent.to);
  const common = (from: string, domain: string) => [
    `From: ${from}`,
    `To: <${sandboxMailbox}>`,
    `Date: ${mailDate(at)}`,
    `Message-ID: <simulated.${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
  ];
  const plainText = ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit'];

  if (simulation.kind === 'reply') {
    return lines(
      [...common(`<${lead}>`, domainOf(lead)), `Subject: ${headerText(replySubject(sent.subject))}`, ...answering(sent), ...plainText],
      [simulation.bodyText ?? defaultReplyText, ...quoted(sent.text, sandboxMailbox, at)],
    );
  }
  if (simulation.kind === 'out_of_office') {
    return lines(
      [
        ...common(`<${lead}>`, domainOf(lead)),
        `Subject: ${headerText(`Automatic reply: ${sent.subject}`)}`,
        ...answering(sent),
        'Auto-Submitted: auto-replied',
        'X-Auto-Response-Suppress: All',
        ...plainText,
      ],
      [simulation.bodyText ?? defaultOutOfOfficeText],
    );
  }

  const status = simulation.bounceStatus ?? '5.1.1';
  const permanent = status.startsWith('5');
  const diagnostic = permanent
    ? `550 ${status} <${lead}>: Recipient address rejected: User unknown in virtual mailbox table`
    : `452 ${status} <${lead}>: Mailbox full, try again later`;
  const mta = `mx.${domainOf(lead)}`;
  const boundary = `dsn-${randomUUID()}`;
  return lines(
    [
      'Return-Path: <>',
      ...common(`Mail Delivery System <MAILER-DAEMON@${mta}>`, mta),
      `Subject: ${permanent ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)'}`,
      'Auto-Submitted: auto-replied',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    ],
    [
      `--${boundary}`,
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Description: Notification',
      '',
      permanent
        ? `Your message to <${lead}> could not be delivered to one or more recipients. It has been returned to the sender.`
        : `Your message to <${lead}> has not been delivered yet. The mail system will keep trying.`,
      '',
      `<${lead}>: host ${mta} said: ${diagnostic}`,
      '',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      'Content-Description: Delivery report',
      '',
      `Reporting-MTA: dns; ${mta}`,
      `Arrival-Date: ${mailDate(at)}`,
      '',
      `Final-Recipient: rfc822; ${lead}`,
      `Original-Recipient: rfc822; ${lead}`,
      `Action: ${permanent ? 'failed' : 'delayed'}`,
      `Status: ${status}`,
      `Remote-MTA: dns; ${mta}`,
      `Diagnostic-Code: smtp; ${diagnostic}`,
      '',
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      'Content-Description: Undelivered Message Headers',
      '',
      sent.headerBlock.trimEnd(),
      '',
      `--${boundary}--`,
    ],
  );
}

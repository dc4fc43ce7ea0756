import type { Clock } from '../../lib/clock.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { MailboxProvider } from '../../generated/prisma/enums.js';
import type { InboundEventsOutcome, InboundEventsService } from '../outcomes/inboundEvents.service.js';
import type { InboundEvent } from '../outcomes/inboundEvents.schemas.js';
import { mailboxSettingsSchema } from '../mailboxes/mailboxes.schemas.js';

/** A paused mailbox stops sending, not receiving: its replies and bounces still matter. */
const WATCHED_STATUSES = ['active', 'paused'] as const;

/** What a cursor looks like per provider; anything else is refused before it could be stored. */
const cursorFormats: Partial<Record<MailboxProvider, { pattern: RegExp; description: string }>> = {
  gmail: { pattern: /^\d{1,20}$/, description: 'a Gmail history id (decimal digits)' },
  smtp: { pattern: /^\d{1,10}:\d{1,10}$/, description: 'an IMAP cursor `UIDVALIDITY:UID`' },
  outlook: { pattern: /^https?:\/\/\S+$/, description: 'a Microsoft Graph delta link' },
  sandbox: { pattern: /^\d{1,20}$/, description: 'the last sandbox inbox sequence watched (decimal digits)' },
};

/**
 * Gmail and Outlook mailboxes are read through their APIs, a sandbox mailbox through the control plane
 * (what was simulated for it); an SMTP mailbox only when it has IMAP settings.
 */
function isWatchable(mailbox: { provider: MailboxProvider; settings: unknown }): boolean {
  if (mailbox.provider === 'gmail' || mailbox.provider === 'outlook' || mailbox.provider === 'sandbox') return true;
  if (mailbox.provider !== 'smtp') return false;
  const settings = mailboxSettingsSchema.safeParse(mailbox.settings);
  return settings.success && settings.data.imap !== undefined;
}

export interface MailboxToWatch {
  mailboxId: string;
  provider: MailboxProvider;
  email: string;
  cursor: string | null;
}

export interface InboxWatchResults {
  mailboxId: string;
  previousCursor: string | null;
  /** Null on all but the last request of a watch reported in several. */
  cursor: string | null;
  events: InboundEvent[];
}

/**
 * The control plane's half of the inbox watcher: which mailboxes an organization's watcher reads
 * (with the cursor kept per mailbox), and accepting what it found. The cursor only moves
 * after the events were recorded, so a watch whose results were lost is read again next time;
 * event ids make that replay harmless.
 */
export class InboxWatchService {
  constructor(private readonly deps: { prisma: PrismaClient; inbound: InboundEventsService; clock: Clock }) {}

  async claim(organizationId: string): Promise<{ now: string; ourAddresses: string[]; mailboxes: MailboxToWatch[] }> {
    const { prisma } = this.deps;
    const organization = await prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
    if (!organization) throw new NotFoundError('Organization');
    const all = await prisma.mailbox.findMany({
      where: { organizationId },
      select: { id: true, provider: true, email: true, status: true, settings: true, inboxCursor: true },
      orderBy: { createdAt: 'asc' },
    });
    const watched = all.filter((mailbox) => isWatchable(mailbox) && (WATCHED_STATUSES as readonly string[]).includes(mailbox.status));
    return {
      now: this.deps.clock.now().toISOString(),
      ourAddresses: all.map((mailbox) => mailbox.email.toLowerCase()),
      mailboxes: watched.map((mailbox) => ({
        mailboxId: mailbox.id,
        provider: mailbox.provider,
        email: mailbox.email,
        cursor: mailbox.inboxCursor,
      })),
    };
  }

  async acceptResults(results: InboxWatchResults): Promise<InboundEventsOutcome & { cursorAdvanced: boolean; cursor: string | null }> {
    const { prisma, inbound, clock } = this.deps;
    const mailbox = await prisma.mailbox.findUnique({ where: { id: results.mailboxId }, select: { id: true, provider: true } });
    if (!mailbox) throw new NotFoundError('Mailbox');
    const format = cursorFormats[mailbox.provider];
    if (!format) throw new ValidationError([{ path: 'mailboxId', message: `${mailbox.provider} mailboxes are not watched` }]);
    for (const field of ['previousCursor', 'cursor'] as const) {
      const value = results[field];
      if (value !== null && !format.pattern.test(value))
        throw new ValidationError([{ path: field, message: `must be ${format.description}` }]);
    }
    const foreign = results.events.findIndex((event) => event.mailboxId && event.mailboxId !== results.mailboxId);
    if (foreign >= 0) {
      throw new ValidationError([
        { path: `events.${foreign}.mailboxId`, message: 'differs from mailboxId: every event must come from the watched mailbox' },
      ]);
    }
    const events = results.events.map((event) => ({ ...event, mailboxId: results.mailboxId }));
    const outcome: InboundEventsOutcome =
      events.length > 0 ? await inbound.record(events) : { applied: 0, duplicates: 0, unknown: 0, events: [] };
    // Compare-and-set: a slower, older watch of the same mailbox must not move the cursor back. A watch that
    // completes (its last request carries the cursor) is the mailbox's last watch, shown to users.
    const moved =
      results.cursor === null
        ? { count: 0 }
        : await prisma.mailbox.updateMany({
            where: { id: results.mailboxId, inboxCursor: results.previousCursor },
            data: { inboxCursor: results.cursor, lastWatchedAt: clock.now() },
          });
    const current = await prisma.mailbox.findUniqueOrThrow({ where: { id: results.mailboxId }, select: { inboxCursor: true } });
    return { ...outcome, cursorAdvanced: moved.count === 1, cursor: current.inboxCursor };
  }
}

import { NotFoundError, ValidationError } from '../../lib/errors.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { InboundEventsOutcome, InboundEventsService } from '../events/inboundEvents.service.js';
import type { InboundEvent } from '../events/inboundEvents.schemas.js';

/** Providers the Inbox Watch node reads today (IMAP and Graph come later). */
const WATCHED_PROVIDERS = ['gmail'] as const;
/** A paused mailbox stops sending, not receiving: its replies and bounces still matter. */
const WATCHED_STATUSES = ['active', 'paused'] as const;

export interface MailboxToWatch {
  mailboxId: string;
  provider: 'gmail' | 'smtp' | 'outlook' | 'sandbox';
  email: string;
  historyId: string | null;
}

export interface InboxWatchResults {
  mailboxId: string;
  previousHistoryId: string | null;
  historyId: string;
  events: InboundEvent[];
}

/**
 * The control plane's half of the inbox watcher: which mailboxes an organization's watcher reads
 * (with the history cursor kept per mailbox), and accepting what it found. The cursor only moves
 * after the events were recorded, so a watch whose results were lost is read again next time;
 * event ids make that replay harmless.
 */
export class InboxWatchService {
  constructor(private readonly deps: { prisma: PrismaClient; inbound: InboundEventsService }) {}

  async claim(organizationId: string): Promise<{ ourAddresses: string[]; mailboxes: MailboxToWatch[] }> {
    const { prisma } = this.deps;
    const organization = await prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
    if (!organization) throw new NotFoundError('Organization');
    const all = await prisma.mailbox.findMany({
      where: { organizationId },
      select: { id: true, provider: true, email: true, status: true, historyId: true },
      orderBy: { createdAt: 'asc' },
    });
    const watched = all.filter(
      (mailbox) => (WATCHED_PROVIDERS as readonly string[]).includes(mailbox.provider) && (WATCHED_STATUSES as readonly string[]).includes(mailbox.status),
    );
    return {
      ourAddresses: all.map((mailbox) => mailbox.email.toLowerCase()),
      mailboxes: watched.map((mailbox) => ({ mailboxId: mailbox.id, provider: mailbox.provider, email: mailbox.email, historyId: mailbox.historyId })),
    };
  }

  async acceptResults(results: InboxWatchResults): Promise<InboundEventsOutcome & { historyAdvanced: boolean; historyId: string | null }> {
    const { prisma, inbound } = this.deps;
    const mailbox = await prisma.mailbox.findUnique({ where: { id: results.mailboxId }, select: { id: true } });
    if (!mailbox) throw new NotFoundError('Mailbox');
    const foreign = results.events.findIndex((event) => event.mailboxId && event.mailboxId !== results.mailboxId);
    if (foreign >= 0) {
      throw new ValidationError([{ field: `events.${foreign}.mailboxId`, message: 'differs from mailboxId: every event must come from the watched mailbox' }]);
    }
    const events = results.events.map((event) => ({ ...event, mailboxId: results.mailboxId }));
    const outcome: InboundEventsOutcome = events.length > 0 ? await inbound.record(events) : { applied: 0, duplicates: 0, unknown: 0, events: [] };
    // Compare-and-set: a slower, older watch of the same mailbox must not move the cursor back.
    const moved = await prisma.mailbox.updateMany({
      where: { id: results.mailboxId, historyId: results.previousHistoryId },
      data: { historyId: results.historyId },
    });
    const current = await prisma.mailbox.findUniqueOrThrow({ where: { id: results.mailboxId }, select: { historyId: true } });
    return { ...outcome, historyAdvanced: moved.count === 1, historyId: current.historyId };
  }
}

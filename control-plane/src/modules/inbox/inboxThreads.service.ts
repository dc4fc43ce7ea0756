import { randomUUID } from 'node:crypto';
import type { InboxLabel, Prisma } from '../../generated/prisma/client.js';
import type { Clock } from '../../lib/clock.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import { withUnsubscribeFooter } from '../campaigns/messages/finishedBodies.js';
import { renderMessage } from '../campaigns/messages/renderMessage.js';
import { recordAudit } from '../organizations/audit.js';
import { recordWebhookEvents } from '../../lib/webhooks/webhookOutbox.js';
import type { TrackingLinks } from '../campaigns/messages/trackingLinks.js';
import type {
  InboxReplyInput,
  ListInboxThreadsQuery,
  UpdateInboxThreadInput,
  inboxMessageSchema,
  inboxThreadSchema,
} from './inboxThreads.schemas.js';
import { inboxThreadsCursor } from './inboxThreads.schemas.js';
import { replyThreading } from './replyThreading.js';
import type { z } from 'zod';

type InboxThreadDto = z.infer<typeof inboxThreadSchema>;
type InboxMessageDto = z.infer<typeof inboxMessageSchema>;

const threadInclude = {
  campaign: { select: { id: true, name: true } },
  lead: { select: { id: true, email: true, firstName: true, lastName: true, company: true } },
  mailbox: { select: { id: true, email: true, provider: true, displayName: true, status: true } },
  customLabel: { select: { id: true, name: true } },
} as const;

type ThreadRow = Prisma.InboxThreadGetPayload<{ include: typeof threadInclude }>;
type InboxMessageRow = Awaited<ReturnType<ScopedDb['inboxMessage']['findFirstOrThrow']>>;

const inboundKinds: Record<string, InboxMessageDto['kind']> = {
  replied: 'reply',
  auto_replied: 'auto_reply',
  unsubscribe_request: 'unsubscribe_request',
};

function toThread(row: ThreadRow): InboxThreadDto {
  const { status: _status, ...mailbox } = row.mailbox;
  return {
    id: row.id,
    unread: row.unread,
    label: row.label,
    labelSuggested: row.labelSuggested,
    customLabel: row.customLabel,
    subject: row.subject,
    snippet: row.snippet,
    lastMessageAt: row.lastMessageAt.toISOString(),
    campaign: row.campaign,
    lead: row.lead,
    mailbox,
    createdAt: row.createdAt.toISOString(),
  };
}

function toMessage(row: InboxMessageRow): InboxMessageDto {
  return {
    id: row.id,
    direction: row.direction,
    kind: row.direction === 'outbound' ? 'inbox_reply' : (inboundKinds[row.inboundType ?? ''] ?? 'reply'),
    status: row.status,
    step: null,
    from: row.fromAddress,
    to: row.toAddress,
    subject: row.subject,
    bodyText: row.text,
    bodyHtml: row.html,
    messageIdHeader: row.messageIdHeader,
    at: (row.receivedAt ?? row.sentAt ?? row.dueAt ?? row.createdAt).toISOString(),
    attempt: row.attempt,
    lastError: row.lastError,
  };
}

/**
 * The unified inbox as marketers use it: threads (newest activity first), one conversation read
 * top to bottom, read state and labels, and replies, which are queued here and sent by the
 * organization's inbox-watcher workflow through the thread's mailbox (InboxRepliesService).
 */
export class InboxThreadsService {
  constructor(
    private readonly deps: {
      clock: Clock;
      links: TrackingLinks;
      /** Runs the organization's inbox watcher now, which sends queued replies; best effort (its next poll sends them anyway). */
      sendQueuedReplies: (organizationId: string) => Promise<void>;
    },
  ) {}

  async list(auth: AuthContext, query: ListInboxThreadsQuery): Promise<{ data: InboxThreadDto[]; nextCursor: string | null }> {
    const conditions: Prisma.InboxThreadWhereInput[] = [];
    if (query.mailboxId) conditions.push({ mailboxId: query.mailboxId });
    if (query.campaignId) conditions.push({ campaignId: query.campaignId });
    if (query.label) conditions.push(query.label === 'none' ? { label: null, customLabelId: null } : { label: query.label });
    if (query.customLabelId) conditions.push({ customLabelId: query.customLabelId });
    if (query.unread !== undefined) conditions.push({ unread: query.unread });
    if (query.search) {
      const contains = { contains: query.search, mode: 'insensitive' as const };
      conditions.push({
        OR: [
          { subject: contains },
          { lead: { OR: [{ email: contains }, { firstName: contains }, { lastName: contains }, { company: contains }] } },
          { messages: { some: { text: contains } } },
        ],
      });
    }
    if (query.cursor) {
      const after = query.cursor;
      conditions.push({
        OR: [{ lastMessageAt: { lt: after.lastMessageAt } }, { lastMessageAt: after.lastMessageAt, id: { lt: after.id } }],
      });
    }
    const rows = await auth.db.inboxThread.findMany({
      where: { AND: conditions },
      include: threadInclude,
      orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      data: page.map(toThread),
      nextCursor:
        rows.length > query.limit
          ? inboxThreadsCursor.encode({ lastMessageAt: page.at(-1)!.lastMessageAt.toISOString(), id: page.at(-1)!.id })
          : null,
    };
  }

  async get(auth: AuthContext, threadId: string): Promise<InboxThreadDto & { messages: InboxMessageDto[] }> {
    const thread = await this.find(auth.db, threadId);
    const [campaignMessages, inboxMessages] = await Promise.all([
      this.campaignMessages(auth.db, thread),
      auth.db.inboxMessage.findMany({ where: { threadId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    ]);
    const messages = [...campaignMessages, ...inboxMessages.map(toMessage)].sort((a, b) => a.at.localeCompare(b.at));
    return { ...toThread(thread), messages };
  }

  async update(auth: AuthContext, threadId: string, input: UpdateInboxThreadInput): Promise<InboxThreadDto> {
    const thread = await this.find(auth.db, threadId);
    const data: Prisma.InboxThreadUncheckedUpdateInput = {};
    if (input.read !== undefined) data.unread = !input.read;
    const labelling = input.label !== undefined || input.customLabelId !== undefined;
    if (labelling) {
      // A person's label (or their clearing it) is final: no auto-reply replaces it.
      Object.assign(data, { ...(await this.chosenLabel(auth.db, input)), labelSuggested: false });
    }
    const updated = await auth.db.$transaction(async (tx) => {
      const db = tx as unknown as ScopedDb;
      const row = await db.inboxThread.update({ where: { id: thread.id }, data, include: threadInclude });
      const before = thread.customLabel?.name ?? thread.label;
      const after = row.customLabel?.name ?? row.label;
      if (labelling && before !== after) {
        await recordAudit(
          { ...auth, db },
          { action: 'inbox_thread.labelled', targetType: 'inbox_thread', targetId: thread.id, data: { from: before, to: after } },
        );
        await recordWebhookEvents(db, auth.organizationId, [
          {
            type: 'inbox.thread_labelled',
            occurredAt: this.deps.clock.now(),
            campaignId: row.campaignId,
            leadId: row.leadId,
            mailboxId: row.mailboxId,
            data: { threadId: row.id, label: after, previousLabel: before, customLabelId: row.customLabelId },
          },
        ]);
      }
      return row;
    });
    return toThread(updated);
  }

  /**
   * Queues a reply in the thread: its Message-ID `<ophir.{id}@{sender domain}>`, In-Reply-To and
   * References are fixed now, before the first attempt, so a retry can find an earlier delivery
   * and the lead's client threads it. Replying marks the thread read.
   */
  async queueReply(auth: AuthContext, threadId: string, input: InboxReplyInput): Promise<InboxMessageDto> {
    const thread = await this.find(auth.db, threadId);
    if (thread.mailbox.status === 'needs_reauth')
      throw new AppError('mailbox_needs_reauth', 'The mailbox of this thread must be reconnected before it can send');
    if (thread.mailbox.status === 'error' || thread.mailbox.status === 'disabled') {
      throw new AppError('mailbox_unavailable', `The mailbox of this thread is ${thread.mailbox.status}`);
    }
    const lead = await auth.db.lead.findUniqueOrThrow({ where: { id: thread.leadId }, select: { status: true } });
    if (lead.status === 'bounced' || lead.status === 'complained') {
      throw new AppError(
        'invalid_state',
        `The lead's address ${lead.status === 'bounced' ? 'bounced' : 'complained'}: no reply is sent to it`,
      );
    }
    const [sent, inThread] = await Promise.all([
      auth.db.message.findMany({
        where: { enrollmentId: thread.enrollmentId, status: 'sent' },
        select: { messageIdHeader: true, subject: true, sentAt: true },
      }),
      auth.db.inboxMessage.findMany({
        where: { threadId, OR: [{ direction: 'inbound' }, { status: 'sent' }] },
        select: { direction: true, messageIdHeader: true, subject: true, receivedAt: true, sentAt: true, createdAt: true },
      }),
    ]);
    const threading = replyThreading([
      ...sent.map((m) => ({ messageIdHeader: m.messageIdHeader, subject: m.subject, at: m.sentAt!, fromLead: false })),
      ...inThread.map((m) => ({
        messageIdHeader: m.messageIdHeader,
        subject: m.subject,
        at: m.receivedAt ?? m.sentAt ?? m.createdAt,
        fromLead: m.direction === 'inbound',
      })),
    ]);
    if (!threading) throw new AppError('invalid_state', 'This conversation has no message to reply to yet');

    const id = randomUUID();
    const domain = thread.mailbox.email.split('@').pop()!.toLowerCase();
    const now = this.deps.clock.now();
    const reply = await auth.db.$transaction(async (tx) => {
      const db = tx as unknown as ScopedDb;
      const created = await db.inboxMessage.create({
        data: {
          id,
          organizationId: auth.organizationId,
          threadId,
          mailboxId: thread.mailboxId,
          direction: 'outbound',
          status: 'queued',
          fromAddress: thread.mailbox.email,
          toAddress: thread.lead.email,
          subject: threading.subject,
          text: input.bodyText,
          html: input.bodyHtml ?? null,
          messageIdHeader: `<ophir.${id}@${domain}>`,
          inReplyTo: threading.inReplyTo,
          references: threading.references,
          providerThreadId: thread.providerThreadId,
          dueAt: now,
          createdByUserId: auth.userId ?? null,
        },
      });
      await db.inboxThread.update({ where: { id: threadId }, data: { unread: false } });
      await recordAudit(
        { ...auth, db },
        {
          action: 'inbox_reply.queued',
          targetType: 'inbox_thread',
          targetId: threadId,
          data: { replyId: id, mailboxId: thread.mailboxId },
        },
      );
      return created;
    });
    // Someone is waiting on this answer: not until the watcher's next poll.
    await this.deps.sendQueuedReplies(auth.organizationId);
    return toMessage(reply);
  }

  /** The thread's one label after this update: a built-in one, one of the organization's own, or none. */
  private async chosenLabel(
    db: ScopedDb,
    input: UpdateInboxThreadInput,
  ): Promise<{ label: InboxLabel | null; customLabelId: string | null }> {
    if (input.label) return { label: input.label, customLabelId: null };
    if (!input.customLabelId) return { label: null, customLabelId: null };
    const own = await db.inboxCustomLabel.findUnique({ where: { id: input.customLabelId }, select: { id: true } });
    if (!own) throw new ValidationError([{ path: 'customLabelId', message: 'No label of your organization has this id' }]);
    return { label: null, customLabelId: own.id };
  }

  private async find(db: ScopedDb, threadId: string): Promise<ThreadRow> {
    const thread = await db.inboxThread.findUnique({ where: { id: threadId }, include: threadInclude });
    if (!thread) throw new NotFoundError('Inbox thread');
    return thread;
  }

  /** Our sequence's messages to this lead, as sent: the subject they carried and the body rendered again from their step's variant. */
  private async campaignMessages(db: ScopedDb, thread: ThreadRow): Promise<InboxMessageDto[]> {
    const messages = await db.message.findMany({
      where: { enrollmentId: thread.enrollmentId, status: 'sent' },
      orderBy: { stepPosition: 'asc' },
    });
    if (messages.length === 0) return [];
    const [lead, variants] = await Promise.all([
      db.lead.findUniqueOrThrow({ where: { id: thread.leadId } }),
      db.stepVariant.findMany({ where: { id: { in: messages.map((m) => m.variantId).filter((id): id is string => id !== null) } } }),
    ]);
    return Promise.all(
      messages.map(async (message) => {
        const variant = variants.find((v) => v.id === message.variantId);
        const unsubscribeUrl = await this.deps.links.unsubscribeUrl(message.id);
        const rendered = variant
          ? withUnsubscribeFooter(
              renderMessage({
                subject: variant.subject,
                bodyText: variant.bodyText,
                bodyHtml: variant.bodyHtml,
                lead,
                seed: `${message.enrollmentId}:${message.stepPosition}`,
                unsubscribeUrl,
              }),
              unsubscribeUrl,
            )
          : null;
        return {
          id: message.id,
          direction: 'outbound' as const,
          kind: 'campaign' as const,
          status: 'sent' as const,
          step: message.stepPosition + 1,
          from: thread.mailbox.email,
          to: thread.lead.email,
          subject: message.subject ?? rendered?.subject ?? null,
          bodyText: rendered?.text ?? null,
          bodyHtml: rendered?.html ?? null,
          messageIdHeader: message.messageIdHeader,
          at: message.sentAt!.toISOString(),
          attempt: message.attempt,
          lastError: null,
        };
      }),
    );
  }
}

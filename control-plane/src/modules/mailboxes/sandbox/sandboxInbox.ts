import { simpleParser } from 'mailparser';
import type { Clock } from '../../../lib/clock.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { AppError, NotFoundError } from '../../../lib/errors.js';
import type { AuthContext } from '../../../lib/http/route.js';
import { recordAudit } from '../../organizations/audit.js';
import { simulatedMessage, type Simulation } from './simulatedMail.js';
import { withArticle } from '../../../lib/words.js';

/** Asks the organization's inbox watcher to read its mailboxes now; throws when n8n cannot be reached. */
export type WatchInboxesNow = (organizationId: string) => Promise<void>;

function headerBlockOf(raw: string): string {
  const end = /\r?\n\r?\n/.exec(raw);
  return end ? raw.slice(0, end.index) : raw;
}

/**
 * A sandbox mailbox's inbox. Simulating a reply, bounce or out-of-office stores the raw message a
 * real mailbox would receive; the organization's inbox watcher reads it like any other inbox
 * (Inbox Watch classifies it and reports to /inbox-watch/results), so reply detection, stop-on-reply,
 * bounce suppression, the unified inbox and stats behave as they do for real mail.
 */
export class SandboxInbox {
  constructor(private readonly deps: { prisma: PrismaClient; clock: Clock; pollMinutes: number; watchInboxesNow: WatchInboxesNow }) {}

  async simulate(auth: AuthContext, mailboxId: string, sandboxMessageId: string, simulation: Simulation) {
    const mailbox = await auth.db.mailbox.findUnique({ where: { id: mailboxId } });
    if (!mailbox) throw new NotFoundError('Mailbox');
    if (mailbox.provider !== 'sandbox') {
      throw new AppError(
        'mailbox_unavailable',
        `Mailbox ${mailbox.email} is ${withArticle(mailbox.provider)} mailbox: only a sandbox mailbox can simulate what it receives`,
        { provider: mailbox.provider },
      );
    }
    // The inbox watcher reads active and paused mailboxes only (a paused one stops sending, not receiving).
    if (mailbox.status !== 'active' && mailbox.status !== 'paused') {
      throw new AppError(
        'mailbox_unavailable',
        `Mailbox ${mailbox.email} is ${mailbox.status}: its inbox is not watched, so nothing it receives would be read`,
        { mailboxStatus: mailbox.status },
      );
    }
    const captured = await auth.db.sandboxMessage.findFirst({ where: { id: sandboxMessageId, mailboxId: mailbox.id } });
    if (!captured) throw new NotFoundError('Sandbox message');

    const parsed = await simpleParser(captured.raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    const references = parsed.headers.get('references');
    const now = this.deps.clock.now();
    const raw = simulatedMessage({
      sandboxMailbox: mailbox.email,
      sent: {
        messageId: captured.messageId,
        to: captured.toAddress,
        subject: captured.subject,
        headerBlock: headerBlockOf(captured.raw),
        references: Array.isArray(references) ? references.join(' ') : typeof references === 'string' ? references : null,
        text: parsed.text ?? null,
      },
      simulation,
      at: now,
    });
    // A reply stays in the conversation of the send it answers; a bounce starts its own.
    const sent = await auth.db.message.findFirst({ where: { messageIdHeader: captured.messageId }, select: { threadId: true } });
    const threadId = simulation.kind === 'bounce' ? null : (sent?.threadId ?? null);
    const stored = await auth.db.sandboxInboundMessage.create({
      data: {
        organizationId: auth.organizationId,
        mailboxId: mailbox.id,
        kind: simulation.kind,
        sandboxMessageId: captured.id,
        threadId,
        raw,
        createdAt: now,
      },
    });
    await recordAudit(auth, {
      action: 'mailbox.sandbox_simulated',
      targetType: 'mailbox',
      targetId: mailbox.id,
      data: { kind: simulation.kind, sandboxMessageId: captured.id },
    });
    return {
      id: stored.id,
      kind: stored.kind,
      sandboxMessageId: captured.id,
      inReplyTo: captured.messageId,
      raw,
      createdAt: stored.createdAt.toISOString(),
      watch: await this.watchNow(auth.organizationId),
    };
  }

  /** For the Inbox Watch node: the messages after the cursor (the last sequence it watched), oldest first. */
  async readForWatcher(mailboxId: string, input: { cursor: string | null; limit: number }) {
    const mailbox = await this.deps.prisma.mailbox.findUnique({
      where: { id: mailboxId },
      select: { id: true, organizationId: true, provider: true, email: true },
    });
    if (!mailbox) throw new NotFoundError('Mailbox');
    if (mailbox.provider !== 'sandbox')
      throw new AppError('mailbox_unavailable', `Mailbox ${mailbox.email} is ${withArticle(mailbox.provider)} mailbox, not sandbox`, {
        provider: mailbox.provider,
      });
    const after = BigInt(input.cursor ?? '0');
    const rows = await scopedDb(this.deps.prisma, mailbox.organizationId).sandboxInboundMessage.findMany({
      where: { mailboxId: mailbox.id, sequence: { gt: after } },
      orderBy: { sequence: 'asc' },
      take: input.limit,
    });
    return {
      cursor: String(rows.at(-1)?.sequence ?? after),
      messages: rows.map((row) => ({ id: row.id, threadId: row.threadId, receivedAt: row.createdAt.toISOString(), raw: row.raw })),
    };
  }

  private async watchNow(organizationId: string): Promise<{ started: boolean; detail: string }> {
    const nextPoll = `the inbox watcher reads it on its next poll (every ${this.deps.pollMinutes} minute${this.deps.pollMinutes === 1 ? '' : 's'})`;
    try {
      await this.deps.watchInboxesNow(organizationId);
      return { started: true, detail: 'The inbox watcher is reading the mailbox now: the message shows in the inbox within seconds' };
    } catch (error) {
      return {
        started: false,
        detail: `The inbox watcher could not be started now (${error instanceof Error ? error.message : String(error)}); ${nextPoll}`,
      };
    }
  }
}

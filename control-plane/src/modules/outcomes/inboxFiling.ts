import type { ScopedDb } from '../../lib/db/tenantScope.js';

/** The inbound event types that carry something a person wrote; bounces and complaints stay events only. */
export const inboxEventTypes = ['replied', 'auto_replied', 'unsubscribe_request'] as const;
export type InboxEventType = (typeof inboxEventTypes)[number];

export interface InboundInboxMessage {
  eventId: string;
  type: InboxEventType;
  mailboxId: string;
  leadId: string;
  campaignId: string;
  enrollmentId: string;
  providerThreadId: string | null;
  receivedAt: Date;
  content: {
    from?: string | null;
    to?: string | null;
    subject?: string | null;
    messageIdHeader?: string | null;
    text?: string | null;
  } | null;
}

const snippetLength = 160;
// Where quoted history starts: "On … wrote:" (and its DE/FR/ES/NL forms) or an Outlook separator.
const quoteIntroduction =
  /^(on|am|le|el|op) .{4,200}(wrote|schrieb|a écrit|escribió|schreef)\s*:\s*$|^-{2,}\s*(original message|ursprüngliche nachricht)/i;

/** The start of what the person wrote: quoted history and `>` lines left out, whitespace folded. */
export function snippetOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (quoteIntroduction.test(line.trim())) break;
    if (!line.trimStart().startsWith('>')) lines.push(line);
  }
  const folded = lines.join(' ').replace(/\s+/g, ' ').trim();
  if (!folded) return null;
  return folded.length > snippetLength ? `${folded.slice(0, snippetLength - 1)}…` : folded;
}

/**
 * Files what a lead wrote into its inbox thread (one per enrolment and mailbox, created on the
 * first message). Called inside the transaction that records the inbound event, so a replayed
 * watch, whose event is a duplicate, never reaches here. Every new message marks the thread unread.
 * Labels: an auto-reply suggests out_of_office only while the thread has no label (built-in or the
 * organization's own); a genuine reply clears a label that was only suggested (the lead is back), and
 * never touches one a person chose.
 */
export async function recordInboundMessage(db: ScopedDb, organizationId: string, inbound: InboundInboxMessage): Promise<void> {
  const { content, receivedAt } = inbound;
  // Raw SQL is outside the tenant scope: the organization is named here. ON CONFLICT: two events of one thread in parallel.
  await db.$executeRaw`
    INSERT INTO inbox_threads (id, "organizationId", "mailboxId", "leadId", "campaignId", "enrollmentId", "lastMessageAt", "updatedAt")
    VALUES (gen_random_uuid(), ${organizationId}::uuid, ${inbound.mailboxId}::uuid, ${inbound.leadId}::uuid, ${inbound.campaignId}::uuid,
            ${inbound.enrollmentId}::uuid, ${receivedAt}, now())
    ON CONFLICT ("organizationId", "mailboxId", "enrollmentId") DO NOTHING`;
  const [locked] = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM inbox_threads
    WHERE "organizationId" = ${organizationId}::uuid AND "mailboxId" = ${inbound.mailboxId}::uuid AND "enrollmentId" = ${inbound.enrollmentId}::uuid
    FOR UPDATE`;
  const thread = await db.inboxThread.findUniqueOrThrow({ where: { id: locked!.id } });

  const newest = receivedAt >= thread.lastMessageAt;
  let label = { label: thread.label, labelSuggested: thread.labelSuggested };
  if (inbound.type === 'auto_replied' && thread.label === null && thread.customLabelId === null)
    label = { label: 'out_of_office', labelSuggested: true };
  if (inbound.type === 'replied' && thread.labelSuggested) label = { label: null, labelSuggested: false };
  await db.inboxThread.update({
    where: { id: thread.id },
    data: {
      unread: true,
      ...label,
      lastMessageAt: newest ? receivedAt : thread.lastMessageAt,
      ...(newest
        ? {
            snippet: snippetOf(content?.text) ?? thread.snippet,
            subject: content?.subject ?? thread.subject,
            providerThreadId: inbound.providerThreadId ?? thread.providerThreadId,
          }
        : {}),
    },
  });
  await db.inboxMessage.create({
    data: {
      organizationId,
      threadId: thread.id,
      mailboxId: inbound.mailboxId,
      direction: 'inbound',
      status: 'received',
      inboundType: inbound.type,
      fromAddress: content?.from ?? null,
      toAddress: content?.to ?? null,
      subject: content?.subject ?? null,
      text: content?.text ?? null,
      messageIdHeader: content?.messageIdHeader ?? null,
      providerThreadId: inbound.providerThreadId,
      sourceEventId: inbound.eventId,
      receivedAt,
    },
  });
}

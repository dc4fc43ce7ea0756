/** One message of a conversation as far as threading is concerned. */
export interface ThreadedMessage {
  messageIdHeader: string | null;
  subject: string | null;
  at: Date;
  fromLead: boolean;
}

export interface ReplyThreading {
  /** The thread root: our first campaign message. */
  rootMessageId: string;
  inReplyTo: string;
  /** Oldest first, ending with inReplyTo. */
  references: string[];
  subject: string;
}

/** References stay short enough for every MTA: the root and the latest ids (RFC 5322 §3.6.4 allows trimming the middle). */
const maxReferences = 20;

function withAngleBrackets(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '');
  return `<${bare}>`;
}

/**
 * How a reply from the inbox joins the conversation: In-Reply-To the lead's latest message (ours
 * when the lead's carried no Message-ID), References every earlier id oldest first, and the
 * subject of the message answered with one "Re: ".
 */
export function replyThreading(conversation: ThreadedMessage[]): ReplyThreading | null {
  const ordered = [...conversation].sort((a, b) => a.at.getTime() - b.at.getTime());
  const ids = [...new Set(ordered.filter((m) => m.messageIdHeader).map((m) => withAngleBrackets(m.messageIdHeader!)))];
  if (ids.length === 0) return null;
  const answered = ordered.filter((m) => m.fromLead && m.messageIdHeader).at(-1) ?? ordered.filter((m) => m.messageIdHeader).at(-1)!;
  const inReplyTo = withAngleBrackets(answered.messageIdHeader!);
  const chain = [...ids.filter((id) => id !== inReplyTo), inReplyTo];
  const references = chain.length > maxReferences ? [chain[0]!, ...chain.slice(chain.length - maxReferences + 1)] : chain;
  const base = (answered.subject ?? ordered.find((m) => m.subject)?.subject ?? '').trim();
  return { rootMessageId: ids[0]!, inReplyTo, references, subject: /^re:/i.test(base) ? base : `Re: ${base}`.trim() };
}

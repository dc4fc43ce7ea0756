import type { MailboxToWatch, MessageContent, WatchedMessage } from './watchTypes';

/** The body item of POST /api/internal/n8n/inbound-events (control-plane inboundEvents.schemas.ts). */
export interface InboundEvent {
	eventId: string;
	type: 'replied' | 'auto_replied' | 'bounced' | 'unsubscribe_request';
	inReplyToMessageId: string | null;
	threadId: string | null;
	leadEmail: string | null;
	mailboxId: string;
	bounce: { kind: 'hard' | 'soft'; status: string | null; diagnostic: string | null } | null;
	receivedAt: string;
	/** For the unified inbox; bounces carry none (their evidence is in `bounce`). */
	message: MessageContent | null;
	evidence: Record<string, unknown>;
}

/** The control plane keeps at most this much of a DSN's diagnostic text. */
const MAX_DIAGNOSTIC = 2000;

/**
 * What the control plane is told about one watched message, or null when there is nothing to tell
 * (our own mail, mail outside our threads). The event id is the provider's message id within the
 * mailbox, so a replayed watch (expired cursor, retried run) is applied once.
 */
export function inboundEventOf(mailbox: Pick<MailboxToWatch, 'mailboxId' | 'provider'>, watched: WatchedMessage): InboundEvent | null {
	const { classification } = watched;
	if (classification.type === 'ignored' || watched.receivedAt === null) return null;
	const { mailboxId, provider } = mailbox;
	const evidence = { ...classification.evidence, providerMessageId: watched.providerMessageId, labels: watched.labels, readAs: watched.readAs };
	const common = { eventId: `${provider}:${mailboxId}:${watched.providerMessageId}`, mailboxId, receivedAt: watched.receivedAt, evidence };
	if (classification.type === 'bounced') {
		const { bounce } = classification;
		// Neither our original nor the failed address: nothing the control plane could attach it to.
		if (!classification.ourMessageId && !bounce.finalRecipient) return null;
		// A DSN starts its own Gmail thread, so the thread says nothing: our original's id or the failed address do.
		return {
			...common,
			type: 'bounced',
			inReplyToMessageId: classification.ourMessageId,
			threadId: null,
			leadEmail: bounce.finalRecipient,
			bounce: { kind: bounce.kind, status: bounce.status, diagnostic: bounce.diagnostic?.slice(0, MAX_DIAGNOSTIC) ?? null },
			message: null,
			evidence: { ...evidence, action: bounce.action, finalRecipient: bounce.finalRecipient, originalMessageId: bounce.originalMessageId },
		};
	}
	// The From address is not used to find the lead: a colleague may answer for them.
	return { ...common, type: classification.type, inReplyToMessageId: classification.ourMessageId, threadId: watched.threadId, leadEmail: null, bounce: null, message: watched.content };
}

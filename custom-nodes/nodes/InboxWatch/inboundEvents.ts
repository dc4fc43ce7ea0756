import { BOUNCE_DIAGNOSTIC_MAX_LENGTH, type InboundEvent, type MailboxToWatch } from '../shared/contract';
import type { WatchedMessage } from './watchTypes';

/** The body item of inbound-events and inbox-watch results: the shared contract's. */
export type { InboundEvent };

/**
 * What the control plane is told about one watched message, or null when there is nothing to tell
 * (our own mail, mail outside our threads). The event id is the provider's message id within the
 * mailbox, so a replayed watch (expired cursor, retried run) is applied once.
 */
export function inboundEventOf(mailbox: Pick<MailboxToWatch, 'mailboxId' | 'provider'>, watched: WatchedMessage): InboundEvent | null {
	const { classification } = watched;
	if (classification.type === 'ignored' || watched.receivedAt === null) return null;
	const { mailboxId, provider } = mailbox;
	const evidence = {
		...classification.evidence,
		providerMessageId: watched.providerMessageId,
		labels: watched.labels,
		readAs: watched.readAs,
	};
	const common = { eventId: `${provider}:${mailboxId}:${watched.providerMessageId}`, mailboxId, receivedAt: watched.receivedAt, evidence };
	const { ourMessageId } = classification;
	// A provider's report (DSN, feedback-loop report) starts its own thread and has no text for the
	// inbox: our original's id or the address it names find the lead, and with neither there is nothing to attach it to.
	const providerReport = (
		report: Pick<InboundEvent, 'type' | 'leadEmail' | 'bounce'>,
		details: Record<string, unknown>,
	): InboundEvent | null =>
		ourMessageId || report.leadEmail
			? { ...common, ...report, inReplyToMessageId: ourMessageId, threadId: null, message: null, evidence: { ...evidence, ...details } }
			: null;
	if (classification.type === 'bounced') {
		const { bounce } = classification;
		return providerReport(
			{
				type: 'bounced',
				leadEmail: bounce.finalRecipient,
				bounce: { kind: bounce.kind, status: bounce.status, diagnostic: bounce.diagnostic?.slice(0, BOUNCE_DIAGNOSTIC_MAX_LENGTH) ?? null },
			},
			{ action: bounce.action, finalRecipient: bounce.finalRecipient, originalMessageId: bounce.originalMessageId },
		);
	}
	// A redacted recipient (Microsoft JMRP) leaves our original's id as the only link.
	if (classification.type === 'complained')
		return providerReport(
			{ type: 'complained', leadEmail: classification.complaint.recipient, bounce: null },
			{ ...classification.complaint },
		);
	// The From address is not used to find the lead: a colleague may answer for them.
	return {
		...common,
		type: classification.type,
		inReplyToMessageId: ourMessageId,
		threadId: watched.threadId,
		leadEmail: null,
		bounce: null,
		message: watched.content,
	};
}

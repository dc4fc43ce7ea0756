import { autoReplySignal } from './autoReply';
import { readBounce, type BounceReport } from './deliveryStatus';
import { isComplaint, readFeedbackReport, type FeedbackReport } from './feedbackReport';
import { addressOf, bodyText, headerValue, messageIdsIn, type MimePart } from './mime';
import { unsubscribePhrase } from './unsubscribeRequest';

/** What the watcher knows about the mailbox a message was found in. */
export interface MailboxView {
	/** Addresses of every mailbox of the organization: mail from them is ours, never a reply. */
	ourAddresses: string[];
	/** Provider labels/folders of the message (Gmail labelIds: SENT, DRAFT, INBOX, ...). */
	labels: string[];
	/** True when the provider thread holds one of our sends (a reply may lack In-Reply-To). */
	threadIsOurs: boolean;
}

/** Kept with every decision so a human (and the control plane's event data) can see why. */
export interface Evidence {
	from: string | null;
	subject: string | null;
	/** The header or phrase that decided, e.g. `Auto-Submitted: auto-replied`. */
	signal: string;
	ourMessageIds: string[];
	[key: string]: unknown;
}

export type Classification =
	| { type: 'ignored'; reason: 'sent_by_us' | 'draft' | 'from_our_mailbox' | 'not_in_our_threads' | 'not_a_complaint'; evidence: Evidence }
	| { type: 'replied' | 'auto_replied' | 'unsubscribe_request'; ourMessageId: string | null; evidence: Evidence }
	| { type: 'bounced'; ourMessageId: string | null; bounce: BounceReport; evidence: Evidence }
	| { type: 'complained'; ourMessageId: string | null; complaint: FeedbackReport; evidence: Evidence };

/**
 * Our Message-IDs are `<ophir.{sendId}@{sender domain}>` (README "Message-ID"), so they are
 * recognisable without asking the control plane which ids it stored.
 */
export function isOurMessageId(id: string): boolean {
	return /^<ophir\.[A-Za-z0-9._-]{1,128}@[^<>\s]+>$/.test(id);
}

/** Ours among In-Reply-To then References, newest first: the message actually answered leads. */
function ourReferencedIds(message: MimePart): string[] {
	const inReplyTo = messageIdsIn(headerValue(message.headers, 'In-Reply-To'));
	const references = messageIdsIn(headerValue(message.headers, 'References')).reverse();
	return [...new Set([...inReplyTo, ...references])].filter(isOurMessageId);
}

/**
 * Decides what one message in a watched mailbox means. Order matters: our own mail (Sent, Drafts,
 * From one of our addresses) is never a reply, which is the classic false positive of threaded
 * follow-ups; feedback-loop reports (ARF) and bounces come from the provider and reference our
 * original only in their content, and a complaint must never pass for a reply;
 * auto-replies are recognised before replies so an out-of-office never stops a sequence.
 */
export function classifyMessage(message: MimePart, mailbox: MailboxView): Classification {
	const from = addressOf(headerValue(message.headers, 'From'));
	const ourIds = ourReferencedIds(message);
	const evidence = (signal: string, extra: Record<string, unknown> = {}): Evidence => ({
		from,
		subject: headerValue(message.headers, 'Subject') ?? null,
		signal,
		ourMessageIds: ourIds,
		...extra,
	});
	const labels = new Set(mailbox.labels.map((label) => label.toUpperCase()));
	if (labels.has('SENT')) return { type: 'ignored', reason: 'sent_by_us', evidence: evidence('label SENT') };
	if (labels.has('DRAFT')) return { type: 'ignored', reason: 'draft', evidence: evidence('label DRAFT') };
	const ours = new Set(mailbox.ourAddresses.map((address) => address.toLowerCase()));
	if (from !== null && ours.has(from)) return { type: 'ignored', reason: 'from_our_mailbox', evidence: evidence(`From: ${from}`) };

	const feedback = readFeedbackReport(message);
	if (feedback) {
		const signal = `Feedback-Type: ${feedback.feedbackType}`;
		if (!isComplaint(feedback)) return { type: 'ignored', reason: 'not_a_complaint', evidence: evidence(signal) };
		const ourMessageId = feedback.originalMessageId && isOurMessageId(feedback.originalMessageId) ? feedback.originalMessageId : null;
		return { type: 'complained', ourMessageId, complaint: feedback, evidence: evidence(signal) };
	}

	const bounce = readBounce(message);
	if (bounce) {
		const ourMessageId =
			bounce.originalMessageId && isOurMessageId(bounce.originalMessageId) ? bounce.originalMessageId : (ourIds[0] ?? null);
		return {
			type: 'bounced',
			ourMessageId,
			bounce,
			evidence: evidence(bounce.detectedBy === 'delivery_status' ? 'multipart/report delivery-status' : 'X-Failed-Recipients'),
		};
	}

	if (ourIds.length === 0 && !mailbox.threadIsOurs) {
		return { type: 'ignored', reason: 'not_in_our_threads', evidence: evidence('no Message-ID or thread of ours') };
	}
	const ourMessageId = ourIds[0] ?? null;
	const linkedBy = ourMessageId ? `In-Reply-To/References ${ourMessageId}` : 'thread of ours';
	const autoSignal = autoReplySignal(message);
	if (autoSignal) return { type: 'auto_replied', ourMessageId, evidence: evidence(autoSignal, { linkedBy }) };
	const phrase = unsubscribePhrase(bodyText(message));
	if (phrase) return { type: 'unsubscribe_request', ourMessageId, evidence: evidence(`phrase "${phrase}"`, { linkedBy }) };
	return { type: 'replied', ourMessageId, evidence: evidence(linkedBy, { linkedBy }) };
}

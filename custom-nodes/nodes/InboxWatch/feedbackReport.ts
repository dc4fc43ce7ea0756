import { originalMessageIdOf } from './deliveryStatus';
import { addressOf, headerValue, leafParts, parseHeaderBlock, type Header, type MimePart } from './mime';

/** What a mailbox provider's feedback-loop report (RFC 5965 ARF) says about one of our messages. */
export interface FeedbackReport {
	/** Lower-cased Feedback-Type: `abuse`, `fraud`, `not-spam`, `virus`, `other`, ... */
	feedbackType: string;
	/** The address that complained; null when the provider redacts it (Microsoft JMRP). */
	recipient: string | null;
	/** Message-ID of the reported original (attached as message/rfc822 or text/rfc822-headers). */
	originalMessageId: string | null;
	/** The report generator as it names itself, e.g. `Yahoo!-Mail-Feedback/2.0`. */
	userAgent: string | null;
	/** The domain the report is about: by RFC 5965 the sender's (ours, usually the DKIM d=), not the provider's. */
	reportedDomain: string | null;
	/** The provider that sent the report: the domain of its From address (`arf.mail.yahoo.com`, `hotmail.com`). */
	reportedBy: string | null;
}

/**
 * `abuse` is the "report spam" button; `fraud` is the recipient (or the provider for them) calling
 * the message phishing, which is at least as strong a reason never to write again. `not-spam` is
 * the opposite, `virus` a scanner's verdict, `other` says nothing, and `auth-failure` (RFC 6591)
 * is a DMARC forensic report: none of them is the recipient objecting to our mail.
 */
const COMPLAINT_TYPES = new Set(['abuse', 'fraud']);

export function isComplaint(report: FeedbackReport): boolean {
	return COMPLAINT_TYPES.has(report.feedbackType);
}

/** Providers that hide the recipient put a placeholder where the address was (`<redacted>`, `xxxxx@hotmail.com`). */
function unlessRedacted(address: string | null): string | null {
	const localPart = address?.split('@')[0] ?? '';
	return address && !/redacted/i.test(localPart) && !/^[x*#]{3,}$/i.test(localPart) ? address : null;
}

/** The complaining address: Original-Rcpt-To, else what the attached original says it was sent to. */
function recipientOf(fields: Header[], original: MimePart | null): string | null {
	const reported = unlessRedacted(addressOf(headerValue(fields, 'Original-Rcpt-To')));
	if (reported || !original) return reported;
	// Microsoft stamps the mailbox the original was delivered to on it when it does not redact it.
	const delivered = unlessRedacted(addressOf(headerValue(original.headers, 'X-HmXmrOriginalRecipient')));
	return delivered ?? unlessRedacted(addressOf(headerValue(original.headers, 'To')));
}

/**
 * Reads an Abuse Reporting Format report: a multipart/report (report-type=feedback-report) with a
 * message/feedback-report part, whatever its Feedback-Type. Returns null for anything else,
 * including a report read from its headers only (the feedback part is in the body).
 */
export function readFeedbackReport(message: MimePart): FeedbackReport | null {
	if (message.contentType.mimeType !== 'multipart/report') return null;
	const leaves = leafParts(message);
	const feedbackPart = leaves.find((leaf) => leaf.contentType.mimeType === 'message/feedback-report');
	if (!feedbackPart) return null;
	const fields = parseHeaderBlock(feedbackPart.text.trim());
	const feedbackType = headerValue(fields, 'Feedback-Type')?.trim().toLowerCase();
	if (!feedbackType) return null;
	const original = leaves.find((leaf) => leaf.attachedMessage)?.attachedMessage ?? null;
	return {
		feedbackType,
		recipient: recipientOf(fields, original),
		originalMessageId: originalMessageIdOf(message),
		userAgent: headerValue(fields, 'User-Agent')?.trim() || null,
		reportedDomain: headerValue(fields, 'Reported-Domain')?.trim().toLowerCase() || null,
		reportedBy: addressOf(headerValue(message.headers, 'From'))?.split('@')[1] ?? null,
	};
}

import { addressOf, headerValue, leafParts, parseHeaderBlock, type Header, type MimePart } from './mime';

/** What a delivery status notification says about one failed recipient, and which of our messages failed. */
export interface BounceReport {
	kind: 'hard' | 'soft';
	/** Enhanced status code (RFC 3463), e.g. 5.1.1; null when the bounce carries none. */
	status: string | null;
	action: string | null;
	finalRecipient: string | null;
	diagnostic: string | null;
	/** Message-ID of the bounced original (from the attached message or headers quoted in the text). */
	originalMessageId: string | null;
	/** Which evidence identified the DSN: the RFC 3464 report part or the X-Failed-Recipients header. */
	detectedBy: 'delivery_status' | 'x_failed_recipients';
}

function isDeliveryStatusReport(message: MimePart): boolean {
	const { mimeType, params } = message.contentType;
	return mimeType === 'multipart/report' && (params['report-type'] ?? '').toLowerCase() === 'delivery-status';
}

/** The per-recipient field groups of a message/delivery-status part (the first group is per-message). */
function recipientGroups(text: string): Header[][] {
	return text
		.split(/\r?\n[ \t]*\r?\n/)
		.map((block) => parseHeaderBlock(block.trim()))
		.filter((fields) => headerValue(fields, 'Final-Recipient') !== undefined || headerValue(fields, 'Original-Recipient') !== undefined);
}

/** `rfc822; bob@lead.example` -> `bob@lead.example`. */
function recipientAddress(value: string | undefined): string | null {
	return addressOf(value?.replace(/^[^;]*;/, ''));
}

const ENHANCED_STATUS = /\b([245]\.\d{1,3}\.\d{1,3})\b/;

/** Failed beats delayed beats anything else, so one report with several recipients names the worst. */
function mostSevere(groups: Header[][]): Header[] | undefined {
	const rank = (fields: Header[]) => {
		const action = (headerValue(fields, 'Action') ?? '').toLowerCase();
		return action === 'failed' ? 0 : action === 'delayed' ? 1 : 2;
	};
	return [...groups].sort((a, b) => rank(a) - rank(b))[0];
}

/** 5.x.x or Action failed without a status is permanent; 4.x.x or Action delayed is transient. */
function kindOf(status: string | null, action: string | null, diagnostic: string | null): 'hard' | 'soft' {
	if (status) return status.startsWith('5') ? 'hard' : 'soft';
	if (action === 'delayed') return 'soft';
	const smtpCode = /\b([45])\d\d\b/.exec(diagnostic ?? '')?.[1];
	return smtpCode === '4' ? 'soft' : 'hard';
}

/** Our original's Message-ID: the attached message first, then header lines quoted in the report's text (DSN or ARF). */
export function originalMessageIdOf(message: MimePart): string | null {
	for (const leaf of leafParts(message)) {
		const attached = leaf.attachedMessage ? headerValue(leaf.attachedMessage.headers, 'Message-ID') : undefined;
		const id = attached ? /<[^<>\s]+>/.exec(attached)?.[0] : undefined;
		if (id) return id;
	}
	for (const leaf of leafParts(message)) {
		if (!leaf.contentType.mimeType.startsWith('text/')) continue;
		const quoted = /^[ \t>]*Message-ID:\s*(<[^<>\s]+>)/im.exec(leaf.text)?.[1];
		if (quoted) return quoted;
	}
	return null;
}

/**
 * Reads a bounce: an RFC 3464 multipart/report (Gmail, Exchange, Postfix) or, for MTAs that send
 * plain text (Exim), the X-Failed-Recipients header with the status taken from the text.
 * Returns null for anything that is not a bounce.
 */
export function readBounce(message: MimePart): BounceReport | null {
	const xFailed = headerValue(message.headers, 'X-Failed-Recipients');
	if (isDeliveryStatusReport(message)) {
		const statusPart = leafParts(message).find((leaf) => leaf.contentType.mimeType === 'message/delivery-status');
		const group = statusPart ? mostSevere(recipientGroups(statusPart.text)) : undefined;
		if (group) {
			const action = headerValue(group, 'Action')?.toLowerCase() ?? null;
			if (action === 'delivered' || action === 'relayed' || action === 'expanded') return null;
			const status = ENHANCED_STATUS.exec(headerValue(group, 'Status') ?? '')?.[1] ?? null;
			const diagnostic = headerValue(group, 'Diagnostic-Code')?.replace(/^[^;]*;\s*/, '') ?? null;
			return {
				kind: kindOf(status, action, diagnostic),
				status,
				action,
				finalRecipient: recipientAddress(headerValue(group, 'Final-Recipient') ?? headerValue(group, 'Original-Recipient')),
				diagnostic,
				originalMessageId: originalMessageIdOf(message),
				detectedBy: 'delivery_status',
			};
		}
	}
	if (!xFailed) return null;
	const text = leafParts(message)
		.filter((leaf) => leaf.contentType.mimeType.startsWith('text/'))
		.map((leaf) => leaf.text)
		.join('\n');
	const status = ENHANCED_STATUS.exec(text)?.[1] ?? null;
	const diagnostic = /^.*\b[45]\d\d[ -].*$/m.exec(text)?.[0].trim() ?? null;
	return {
		kind: kindOf(status, 'failed', diagnostic),
		status,
		action: 'failed',
		finalRecipient: addressOf(xFailed),
		diagnostic,
		originalMessageId: originalMessageIdOf(message),
		detectedBy: 'x_failed_recipients',
	};
}

import { autoReplySignal } from './autoReply';
import { classifyMessage, isOurMessageId, type Classification, type MailboxView } from './classifyInboundMail';
import { addressOf, headerValue, messageIdsIn, parseContentType, type Header, type MimePart } from './mime';

/** A message known by its headers alone, in the shape the classifier reads. */
export function headersOnly(headers: Header[]): MimePart {
	return { headers, contentType: parseContentType(headerValue(headers, 'Content-Type')), text: '', parts: [], attachedMessage: null };
}

/** Bounces and complaints keep their evidence in the body (delivery-status or feedback-report part, attached original). */
export function looksLikeBounce(headers: Header[]): boolean {
	const from = addressOf(headerValue(headers, 'From')) ?? '';
	return (
		/^(mailer-daemon|postmaster)@/.test(from) ||
		headerValue(headers, 'X-Failed-Recipients') !== undefined ||
		parseContentType(headerValue(headers, 'Content-Type')).mimeType === 'multipart/report'
	);
}

/**
 * What a message's headers settle, shared by the providers' watchers so they decide alike:
 * `none`: the headers decided (our own mail, an auto-reply to one of our sends);
 * `thread`: nothing links it to us but the provider's thread might (one thread read decides; when
 * the thread is not ours either, `byHeaders` stands); `raw`: bounces, complaints and replies are
 * read in full (their evidence, or an unsubscribe request, is in the body).
 */
export function planAfterHeaders(headers: Header[], view: MailboxView): { byHeaders: Classification; next: 'none' | 'thread' | 'raw' } {
	const byHeaders = classifyMessage(headersOnly(headers), view);
	const isOurs = byHeaders.type === 'ignored' && byHeaders.reason !== 'not_in_our_threads';
	const bounce = looksLikeBounce(headers);
	const linked = messageIdsIn(`${headerValue(headers, 'In-Reply-To') ?? ''} ${headerValue(headers, 'References') ?? ''}`).some(
		isOurMessageId,
	);
	if (isOurs || (!bounce && linked && autoReplySignal(headersOnly(headers)))) return { byHeaders, next: 'none' };
	if (!bounce && !linked) return { byHeaders, next: 'thread' };
	return { byHeaders, next: 'raw' };
}

import { bodyText, headerValue, messageIdsIn, type MimePart } from './mime';
import { INBOUND_TEXT_MAX_LENGTH, type InboundMessageContent as MessageContent } from '../shared/contract';

/** What the unified inbox shows of a message; pass `text: null` when only its headers were read. */
export function contentOf(message: MimePart, text: string | null = bodyText(message)): MessageContent {
	const header = (name: string) => headerValue(message.headers, name)?.trim() || null;
	return {
		from: header('From'),
		to: header('To'),
		subject: header('Subject'),
		messageIdHeader: messageIdsIn(header('Message-ID') ?? undefined)[0] ?? null,
		text: text === null ? null : text.slice(0, INBOUND_TEXT_MAX_LENGTH),
	};
}

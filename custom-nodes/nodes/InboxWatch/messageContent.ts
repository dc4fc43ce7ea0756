import { bodyText, headerValue, messageIdsIn, type MimePart } from './mime';
import type { MessageContent } from './watchTypes';

/** The control plane keeps at most this much of a body (inboundEvents.schemas.ts `message.text`). */
const MAX_TEXT = 100_000;

/** What the unified inbox shows of a message; pass `text: null` when only its headers were read. */
export function contentOf(message: MimePart, text: string | null = bodyText(message)): MessageContent {
	const header = (name: string) => headerValue(message.headers, name)?.trim() || null;
	return {
		from: header('From'),
		to: header('To'),
		subject: header('Subject'),
		messageIdHeader: messageIdsIn(header('Message-ID') ?? undefined)[0] ?? null,
		text: text === null ? null : text.slice(0, MAX_TEXT),
	};
}

import { WARMUP_HEADER, WARMUP_TAG_PATTERN, type WarmupObservation } from '../shared/contract';
import type { HttpResult } from '../shared/http';
import { addressOf, bodyText, headerValue, messageIdsIn, parseContentType, type Header, type MimePart } from './mime';
import { WatchError } from './watchTypes';

/**
 * Most spam/junk messages one watch looks at (Graph junk listing, IMAP Junk, Gmail's spam window):
 * the spam folder is scanned every watch without a cursor of its own, so this bounds what a watch
 * can cost however much spam a mailbox holds.
 */
export const SPAM_SCAN_MAX = 50;

/** Largest message whose body is read only to look for the body tag: warm-up messages are a few short lines. */
export const WARMUP_BODY_CHECK_MAX_BYTES = 32_768;

const TAG = /^[a-z0-9]{12}$/;

/** The tag of the warm-up header, or null (absent, or not a tag). */
export function warmupTagInHeaders(headers: Header[]): string | null {
	const value = headerValue(headers, WARMUP_HEADER)?.trim() ?? '';
	return TAG.test(value) ? value : null;
}

/** The tag the body carries as `ow-<tag>`, for providers that drop unknown headers. */
export function warmupTagInText(text: string): string | null {
	return new RegExp(WARMUP_TAG_PATTERN).exec(text)?.[1] ?? null;
}

/** A message's warm-up tag, by its header first, else its readable body; null for every other message. */
export function warmupTagOf(message: MimePart): string | null {
	return warmupTagInHeaders(message.headers) ?? warmupTagInText(bodyText(message));
}

/**
 * Whether a message whose headers carry no tag is worth reading in full for a body tag: warm-up
 * messages are plain text and come from the organization's own mailboxes (or sit in spam, where
 * nothing but warm-up mail is picked up). Everything else is never read only for this.
 */
export function mayCarryBodyTag(headers: Header[], ourAddresses: string[], inSpam: boolean): boolean {
	if (warmupTagInHeaders(headers) !== null) return false;
	if (parseContentType(headerValue(headers, 'Content-Type')).mimeType !== 'text/plain') return false;
	if (inSpam) return true;
	const from = addressOf(headerValue(headers, 'From'));
	return from !== null && ourAddresses.some((address) => address.toLowerCase() === from);
}

/** A warm-up message one watch found, and what it did with it. */
export interface FoundWarmup {
	tag: string;
	folder: 'inbox' | 'spam';
	rescued: boolean;
	markedImportant: boolean;
	providerMessageId: string;
	providerThreadId: string | null;
	messageIdHeader: string | null;
}

/**
 * Whether a rescue call (move, relabel, flag) took effect. A refusal for want of permission (a grant
 * without write scope) leaves the message where it is and is reported as not rescued, so that it
 * never holds up the mailbox's campaign mail; anything else (throttling, an outage) fails the watch,
 * and the next one, from the same cursor, tries again.
 */
export function rescueAccepted(provider: string, operation: string, response: HttpResult): boolean {
	if (response.statusCode >= 200 && response.statusCode < 300) return true;
	if (response.statusCode === 401 || response.statusCode === 403) return false;
	throw new WatchError(`${provider}_${response.statusCode}`, `${operation} answered ${response.statusCode}`);
}

/** The message's own Message-ID, angle brackets included. */
export function messageIdHeaderOf(headers: Header[]): string | null {
	return messageIdsIn(headerValue(headers, 'Message-ID'))[0] ?? null;
}

/**
 * The observation the control plane records. Its event id is the tag within the receiving mailbox:
 * a message found in spam, rescued, and seen again in the inbox by a later watch (IMAP gives it a
 * new UID there) is one observation, the first one.
 */
export function observationOf(receivingMailboxId: string, found: FoundWarmup, observedAt: string): WarmupObservation {
	return {
		eventId: `warmup:${receivingMailboxId}:${found.tag}`,
		tag: found.tag,
		receivingMailboxId,
		folder: found.folder,
		rescued: found.rescued,
		markedImportant: found.markedImportant,
		observedAt,
		providerMessageId: found.providerMessageId,
		providerThreadId: found.providerThreadId,
		messageIdHeader: found.messageIdHeader,
	};
}

/** The observations of one watch, once per tag: the first sighting (spam before its rescued copy in the inbox) wins. */
export function observationsOf(receivingMailboxId: string, found: FoundWarmup[], observedAt: string): WarmupObservation[] {
	const byEvent = new Map<string, WarmupObservation>();
	for (const warmup of found) {
		const observation = observationOf(receivingMailboxId, warmup, observedAt);
		if (!byEvent.has(observation.eventId)) byEvent.set(observation.eventId, observation);
	}
	return [...byEvent.values()];
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { controlPlanePaths, postToControlPlane } from '../shared/controlPlane';
import type { InboundMessageContent, MailboxToWatch } from '../shared/contract';
import { trimTrailingSlash } from '../shared/http';
import type { Classification } from './classifyInboundMail';
import type { FoundWarmup } from './warmup';

/** The watch claim's mailbox and the inbox's view of a message are the shared contract's. */
export type { MailboxToWatch, InboundMessageContent as MessageContent } from '../shared/contract';

export interface WatchSettings {
	/** Overrides of the providers' API base URLs (empty: the control plane's, else the public one). */
	gmailApiBaseUrl: string;
	graphApiBaseUrl: string;
	timeoutMs: number;
	reportResults: boolean;
	/** How far back a watch without a usable cursor looks. */
	windowHours: number;
	/** Most messages such a window scan reads, so a lost cursor cannot cost a full-mailbox scan. */
	maxWindowMessages: number;
	/** The instant "now" (ms) the window is measured from. */
	nowMs: number;
}

export interface WatchedMessage {
	/** The provider's id of the message, stable within the mailbox (Gmail id, `UIDVALIDITY.UID`, Graph immutable id). */
	providerMessageId: string;
	/** The provider's conversation (Gmail threadId, Graph conversationId); null when it has none (IMAP). */
	threadId: string | null;
	/** Provider labels or folder flags (Gmail labelIds, IMAP `\Seen`...), kept as evidence. */
	labels: string[];
	/** When the provider received it; null when the labels alone decided (the message was never read). */
	receivedAt: string | null;
	/** `labels`: decided from labels alone; `metadata`: from headers; `raw`: the full message was read. */
	readAs: 'labels' | 'metadata' | 'raw';
	classification: Classification;
	content: InboundMessageContent | null;
}

/** Everything new in one mailbox since its cursor. */
export interface ProviderWatchResult {
	previousCursor: string | null;
	cursor: string;
	/** `incremental`: from the cursor; `window`: a bounded scan because the cursor was missing or no longer valid. */
	catchUp: 'incremental' | 'window';
	/** Everything but warm-up messages, which never become inbound events. */
	messages: WatchedMessage[];
	/** Warm-up messages found (in the inbox, or in spam/junk) and what was done with them. */
	warmups: FoundWarmup[];
}

/** A failure the watcher understands (provider status, missing settings); the cursor stays where it was. */
export class WatchError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

/** Reads one mailbox of one provider; throws WatchError (or a transport error) when it cannot. */
export type ProviderWatcher = (
	context: IExecuteFunctions,
	mailbox: MailboxToWatch,
	ourAddresses: string[],
	settings: WatchSettings,
) => Promise<ProviderWatchResult>;

/**
 * The brokered access token of an API mailbox (Gmail, Outlook) for watching, and the API base URL:
 * the node's override, else the one the broker names, else the provider's public one.
 */
export async function watchAccess(
	context: IExecuteFunctions,
	mailbox: MailboxToWatch,
	options: { timeoutMs: number; baseUrlOverride: string; defaultBaseUrl: string },
): Promise<{ accessToken: string; baseUrl: string }> {
	const token = await postToControlPlane(
		context,
		controlPlanePaths.accessToken(mailbox.mailboxId),
		{ provider: mailbox.provider, purpose: 'watch' },
		options.timeoutMs,
	);
	if (!token.ok) throw new WatchError(token.error.code, token.error.message);
	const brokered = typeof token.body.apiBaseUrl === 'string' ? token.body.apiBaseUrl : '';
	return {
		accessToken: String(token.body.accessToken ?? ''),
		baseUrl: trimTrailingSlash(options.baseUrlOverride || brokered || options.defaultBaseUrl),
	};
}

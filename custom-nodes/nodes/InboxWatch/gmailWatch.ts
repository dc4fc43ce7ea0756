import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { WARMUP_HEADER } from '../shared/contract';
import { FULL_RESPONSE_OPTIONS, toHttpResult, type HttpResult } from '../shared/http';
import { classifyMessage, isOurMessageId } from './classifyInboundMail';
import { contentOf } from './messageContent';
import { parseMime, type Header, type MimePart } from './mime';
import { headersOnly, planAfterHeaders } from './readPlan';
import {
	mayCarryBodyTag,
	messageIdHeaderOf,
	rescueAccepted,
	SPAM_SCAN_MAX,
	WARMUP_BODY_CHECK_MAX_BYTES,
	warmupTagInHeaders,
	warmupTagOf,
	type FoundWarmup,
} from './warmup';
import {
	watchAccess,
	WatchError,
	type MailboxToWatch,
	type ProviderWatcher,
	type ProviderWatchResult,
	type WatchedMessage,
	type WatchSettings,
} from './watchTypes';

export const GMAIL_DEFAULT_BASE_URL = 'https://gmail.googleapis.com';

/** One Gmail API GET (path under /gmail/v1/users/me), already authorised. */
export type GmailGet = (path: string, qs: IDataObject) => Promise<HttpResult>;

/** The Gmail calls a watch makes: reads, and messages.modify for warm-up messages. */
interface GmailApi {
	get: GmailGet;
	post: (path: string, body: IDataObject) => Promise<HttpResult>;
}

type GmailWatchLimits = Pick<WatchSettings, 'windowHours' | 'maxWindowMessages' | 'nowMs'>;

/** The headers the classifier may decide on without the body. */
export const METADATA_HEADERS = [
	'From',
	'To',
	'Subject',
	'Date',
	'Message-ID',
	'In-Reply-To',
	'References',
	'Content-Type',
	'Auto-Submitted',
	'X-Autoreply',
	'X-Autorespond',
	'X-Autoresponder',
	'Precedence',
	'X-Auto-Response-Suppress',
	'X-Failed-Recipients',
	WARMUP_HEADER,
];

interface MessageRef {
	id: string;
	threadId: string;
	/** Known from history records; a window scan learns them from the metadata read. */
	labelIds: string[] | null;
	/** Listed from spam by a window scan: only a warm-up message is taken from it, as today's watch never saw spam there. */
	spamOnly: boolean;
}

function ensureOk(operation: string, response: HttpResult): IDataObject {
	if (response.statusCode < 200 || response.statusCode >= 300)
		throw new WatchError(`gmail_${response.statusCode}`, `Gmail ${operation} answered ${response.statusCode}`);
	return response.body ?? {};
}

function stringList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** history.list pages from the cursor; null when Gmail no longer has that history (404). */
async function refsFromHistory(get: GmailGet, startHistoryId: string): Promise<{ refs: MessageRef[]; historyId: string } | null> {
	const refs = new Map<string, MessageRef>();
	let historyId = startHistoryId;
	let pageToken: string | undefined;
	do {
		const response = await get('/history', {
			startHistoryId,
			historyTypes: 'messageAdded',
			maxResults: 500,
			...(pageToken ? { pageToken } : {}),
		});
		if (response.statusCode === 404) return null;
		const body = ensureOk('history.list', response);
		for (const record of (body.history as IDataObject[] | undefined) ?? []) {
			for (const added of (record.messagesAdded as IDataObject[] | undefined) ?? []) {
				const message = added.message as IDataObject | undefined;
				if (typeof message?.id !== 'string') continue;
				refs.set(message.id, {
					id: message.id,
					threadId: String(message.threadId ?? message.id),
					labelIds: stringList(message.labelIds),
					spamOnly: false,
				});
			}
		}
		if (typeof body.historyId === 'string') historyId = body.historyId;
		pageToken = typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined;
	} while (pageToken);
	return { refs: [...refs.values()], historyId };
}

/**
 * The fallback: the profile's history id first (so mail arriving during the scan is picked up by
 * the next history.list), then the messages of the last `windowHours`, at most `maxWindowMessages`.
 * Replays are harmless: event ids are the Gmail message ids, applied once by the control plane.
 */
async function refsFromWindow(get: GmailGet, limits: GmailWatchLimits): Promise<{ refs: MessageRef[]; historyId: string }> {
	const profile = ensureOk('getProfile', await get('/profile', {}));
	const historyId = String(profile.historyId);
	const afterSeconds = Math.floor((limits.nowMs - limits.windowHours * 3_600_000) / 1000);
	const refs: MessageRef[] = [];
	let pageToken: string | undefined;
	do {
		const pageSize = Math.min(500, limits.maxWindowMessages - refs.length);
		const body = ensureOk(
			'messages.list',
			await get('/messages', { q: `after:${afterSeconds}`, maxResults: pageSize, ...(pageToken ? { pageToken } : {}) }),
		);
		for (const message of (body.messages as IDataObject[] | undefined) ?? []) {
			if (typeof message.id === 'string')
				refs.push({ id: message.id, threadId: String(message.threadId ?? message.id), labelIds: null, spamOnly: false });
		}
		pageToken = typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined;
	} while (pageToken && refs.length < limits.maxWindowMessages);
	// messages.list leaves spam out, history.list does not: the window looks there too, for warm-up mail alone.
	const spam = ensureOk('messages.list', await get('/messages', { q: `in:spam after:${afterSeconds}`, maxResults: SPAM_SCAN_MAX }));
	const spamRefs = ((spam.messages as IDataObject[] | undefined) ?? []).flatMap((message) =>
		typeof message.id === 'string'
			? [{ id: message.id, threadId: String(message.threadId ?? message.id), labelIds: null, spamOnly: true }]
			: [],
	);
	return { refs: [...refs.slice(0, limits.maxWindowMessages), ...spamRefs], historyId };
}

function headersOf(resource: IDataObject): Header[] {
	const payload = resource.payload as IDataObject | undefined;
	return ((payload?.headers as IDataObject[] | undefined) ?? []).map((header) => ({
		name: String(header.name),
		value: String(header.value),
	}));
}

/** A reply without threading headers still lands in our Gmail thread: one of its messages carries our Message-ID. */
async function threadHoldsOurMessage(get: GmailGet, threadId: string): Promise<boolean> {
	const response = await get(`/threads/${encodeURIComponent(threadId)}`, { format: 'metadata', metadataHeaders: 'Message-ID' });
	if (response.statusCode === 404) return false;
	const body = ensureOk('threads.get', response);
	return ((body.messages as IDataObject[] | undefined) ?? []).some((message) =>
		headersOf(message).some((header) => header.name.toLowerCase() === 'message-id' && isOurMessageId(header.value.trim())),
	);
}

async function readRaw(get: GmailGet, id: string): Promise<MimePart> {
	const full = ensureOk('messages.get', await get(`/messages/${encodeURIComponent(id)}`, { format: 'raw' }));
	return parseMime(Buffer.from(String(full.raw ?? ''), 'base64url').toString('utf8'));
}

/**
 * A warm-up message is kept: out of spam into the inbox, read, important (one messages.modify, none
 * when it already is). It never becomes an inbound event.
 */
async function keepWarmup(
	api: GmailApi,
	found: { id: string; threadId: string; labelIds: string[]; headers: Header[] },
	tag: string,
): Promise<FoundWarmup> {
	const inSpam = found.labelIds.includes('SPAM');
	const addLabelIds = [...(inSpam ? ['INBOX'] : []), ...(found.labelIds.includes('IMPORTANT') ? [] : ['IMPORTANT'])];
	const removeLabelIds = found.labelIds.filter((label) => label === 'SPAM' || label === 'UNREAD');
	const done =
		(addLabelIds.length === 0 && removeLabelIds.length === 0) ||
		rescueAccepted(
			'gmail',
			'Gmail messages.modify',
			await api.post(`/messages/${encodeURIComponent(found.id)}/modify`, { addLabelIds, removeLabelIds }),
		);
	return {
		tag,
		folder: inSpam ? 'spam' : 'inbox',
		rescued: inSpam && done,
		markedImportant: done,
		providerMessageId: found.id,
		providerThreadId: found.threadId,
		messageIdHeader: messageIdHeaderOf(found.headers),
	};
}

/**
 * Reads one new message as cheaply as its meaning allows: labels alone settle our own Sent/Draft
 * mail, headers settle auto-replies and mail outside our threads, and only bounces, complaints and
 * replies (whose body may ask to unsubscribe) are read in full. A warm-up message (its header, or
 * the body tag of a short plain-text message from our mailboxes or in spam) is kept instead; from
 * a spam-only listing nothing else is taken (null).
 */
async function watchMessage(api: GmailApi, ref: MessageRef, ourAddresses: string[]): Promise<WatchedMessage | FoundWarmup | null> {
	const { get } = api;
	const labelOnly = ref.labelIds !== null && ref.labelIds.some((label) => label === 'SENT' || label === 'DRAFT');
	if (labelOnly && ref.labelIds) {
		const classification = classifyMessage(headersOnly([]), { ourAddresses, labels: ref.labelIds, threadIsOurs: false });
		return {
			providerMessageId: ref.id,
			threadId: ref.threadId,
			labels: ref.labelIds,
			receivedAt: null,
			readAs: 'labels',
			classification,
			content: null,
		};
	}
	const metadata = ensureOk(
		'messages.get',
		await get(`/messages/${encodeURIComponent(ref.id)}`, { format: 'metadata', metadataHeaders: METADATA_HEADERS }),
	);
	const labelIds = stringList(metadata.labelIds);
	const receivedAt = new Date(Number(metadata.internalDate ?? Date.now())).toISOString();
	const headers = headersOf(metadata);
	const threadId = String(metadata.threadId ?? ref.threadId);
	const found = { id: ref.id, threadId, labelIds, headers };
	const headerTag = warmupTagInHeaders(headers);
	if (headerTag) return await keepWarmup(api, found, headerTag);
	if (
		mayCarryBodyTag(headers, ourAddresses, labelIds.includes('SPAM')) &&
		Number(metadata.sizeEstimate ?? 0) <= WARMUP_BODY_CHECK_MAX_BYTES
	) {
		const bodyTag = warmupTagOf(await readRaw(get, ref.id));
		if (bodyTag) return await keepWarmup(api, found, bodyTag);
	}
	if (ref.spamOnly) return null;
	const base = { providerMessageId: ref.id, threadId, labels: labelIds, receivedAt };
	const view = { ourAddresses, labels: labelIds, threadIsOurs: false };
	const { byHeaders, next } = planAfterHeaders(headers, view);
	const byMetadata = { ...base, readAs: 'metadata' as const, classification: byHeaders, content: contentOf(headersOnly(headers), null) };
	if (next === 'none') return byMetadata;
	if (next === 'thread') {
		view.threadIsOurs = base.threadId !== ref.id && (await threadHoldsOurMessage(get, base.threadId));
		if (!view.threadIsOurs) return byMetadata;
	}
	const message = await readRaw(get, ref.id);
	const bodyTag = warmupTagOf(message);
	if (bodyTag) return await keepWarmup(api, found, bodyTag);
	return { ...base, readAs: 'raw', classification: classifyMessage(message, view), content: contentOf(message) };
}

/**
 * Everything new in one Gmail mailbox since its cursor, classified. Costs O(new messages):
 * one history.list page when nothing arrived, plus at most a metadata read, a thread read and a
 * raw read per new message. Read and unread mail are treated alike (no UNREAD filter).
 */
async function watchGmailMailbox(
	api: GmailApi,
	mailbox: MailboxToWatch,
	ourAddresses: string[],
	limits: GmailWatchLimits,
): Promise<ProviderWatchResult> {
	const fromHistory = mailbox.cursor ? await refsFromHistory(api.get, mailbox.cursor) : null;
	const found = fromHistory ?? (await refsFromWindow(api.get, limits));
	const messages: WatchedMessage[] = [];
	const warmups: FoundWarmup[] = [];
	for (const ref of found.refs) {
		const watched = await watchMessage(api, ref, ourAddresses);
		if (watched === null) continue;
		if ('tag' in watched) warmups.push(watched);
		else messages.push(watched);
	}
	return { previousCursor: mailbox.cursor, cursor: found.historyId, catchUp: fromHistory ? 'incremental' : 'window', messages, warmups };
}

/** Gmail calls with the brokered token; the token stays in this closure, never in output or errors. */
function gmailApi(context: IExecuteFunctions, baseUrl: string, accessToken: string, timeoutMs: number): GmailApi {
	const call = async (method: 'GET' | 'POST', path: string, qs: IDataObject | undefined, body: IDataObject | undefined) =>
		toHttpResult(
			await context.helpers.httpRequest({
				method,
				url: `${baseUrl}/gmail/v1/users/me${path}`,
				...(qs ? { qs, arrayFormat: 'repeat' as const } : {}),
				...(body ? { body, json: true } : {}),
				headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
				timeout: timeoutMs,
				...FULL_RESPONSE_OPTIONS,
			}),
		);
	return { get: (path, qs) => call('GET', path, qs, undefined), post: (path, body) => call('POST', path, undefined, body) };
}

/** The cursor is Gmail's history id, which the control plane keeps per mailbox. */
export const watchGmail: ProviderWatcher = async (context, mailbox, ourAddresses, settings) => {
	const { accessToken, baseUrl } = await watchAccess(context, mailbox, {
		timeoutMs: settings.timeoutMs,
		baseUrlOverride: settings.gmailApiBaseUrl,
		defaultBaseUrl: GMAIL_DEFAULT_BASE_URL,
	});
	return await watchGmailMailbox(gmailApi(context, baseUrl, accessToken, settings.timeoutMs), mailbox, ourAddresses, settings);
};

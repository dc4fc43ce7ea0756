import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { FULL_RESPONSE_OPTIONS, toHttpResult, type HttpResult } from '../shared/http';
import { classifyMessage, isOurMessageId } from './classifyInboundMail';
import { contentOf } from './messageContent';
import { parseMime, type Header } from './mime';
import { headersOnly, planAfterHeaders } from './readPlan';
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
];

interface MessageRef {
	id: string;
	threadId: string;
	/** Known from history records; a window scan learns them from the metadata read. */
	labelIds: string[] | null;
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
				refs.set(message.id, { id: message.id, threadId: String(message.threadId ?? message.id), labelIds: stringList(message.labelIds) });
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
			if (typeof message.id === 'string') refs.push({ id: message.id, threadId: String(message.threadId ?? message.id), labelIds: null });
		}
		pageToken = typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined;
	} while (pageToken && refs.length < limits.maxWindowMessages);
	return { refs: refs.slice(0, limits.maxWindowMessages), historyId };
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

/**
 * Reads one new message as cheaply as its meaning allows: labels alone settle our own Sent/Draft
 * mail, headers settle auto-replies and mail outside our threads, and only bounces, complaints and
 * replies (whose body may ask to unsubscribe) are read in full.
 */
async function watchMessage(get: GmailGet, ref: MessageRef, ourAddresses: string[]): Promise<WatchedMessage> {
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
	const base = { providerMessageId: ref.id, threadId: String(metadata.threadId ?? ref.threadId), labels: labelIds, receivedAt };
	const view = { ourAddresses, labels: labelIds, threadIsOurs: false };
	const { byHeaders, next } = planAfterHeaders(headers, view);
	const byMetadata = { ...base, readAs: 'metadata' as const, classification: byHeaders, content: contentOf(headersOnly(headers), null) };
	if (next === 'none') return byMetadata;
	if (next === 'thread') {
		view.threadIsOurs = base.threadId !== ref.id && (await threadHoldsOurMessage(get, base.threadId));
		if (!view.threadIsOurs) return byMetadata;
	}
	const full = ensureOk('messages.get', await get(`/messages/${encodeURIComponent(ref.id)}`, { format: 'raw' }));
	const message = parseMime(Buffer.from(String(full.raw ?? ''), 'base64url').toString('utf8'));
	return { ...base, readAs: 'raw', classification: classifyMessage(message, view), content: contentOf(message) };
}

/**
 * Everything new in one Gmail mailbox since its cursor, classified. Costs O(new messages):
 * one history.list page when nothing arrived, plus at most a metadata read, a thread read and a
 * raw read per new message. Read and unread mail are treated alike (no UNREAD filter).
 */
async function watchGmailMailbox(
	get: GmailGet,
	mailbox: MailboxToWatch,
	ourAddresses: string[],
	limits: GmailWatchLimits,
): Promise<ProviderWatchResult> {
	const fromHistory = mailbox.cursor ? await refsFromHistory(get, mailbox.cursor) : null;
	const found = fromHistory ?? (await refsFromWindow(get, limits));
	const messages: WatchedMessage[] = [];
	for (const ref of found.refs) messages.push(await watchMessage(get, ref, ourAddresses));
	return { previousCursor: mailbox.cursor, cursor: found.historyId, catchUp: fromHistory ? 'incremental' : 'window', messages };
}

/** Gmail GETs with the brokered token; the token stays in this closure, never in output or errors. */
function gmailGetter(context: IExecuteFunctions, baseUrl: string, accessToken: string, timeoutMs: number): GmailGet {
	return async (path, qs) =>
		toHttpResult(
			await context.helpers.httpRequest({
				method: 'GET',
				url: `${baseUrl}/gmail/v1/users/me${path}`,
				qs,
				arrayFormat: 'repeat',
				headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
				timeout: timeoutMs,
				...FULL_RESPONSE_OPTIONS,
			}),
		);
}

/** The cursor is Gmail's history id, which the control plane keeps per mailbox. */
export const watchGmail: ProviderWatcher = async (context, mailbox, ourAddresses, settings) => {
	const { accessToken, baseUrl } = await watchAccess(context, mailbox, {
		timeoutMs: settings.timeoutMs,
		baseUrlOverride: settings.gmailApiBaseUrl,
		defaultBaseUrl: GMAIL_DEFAULT_BASE_URL,
	});
	return await watchGmailMailbox(gmailGetter(context, baseUrl, accessToken, settings.timeoutMs), mailbox, ourAddresses, settings);
};

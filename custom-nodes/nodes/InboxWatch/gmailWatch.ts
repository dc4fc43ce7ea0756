import type { IDataObject } from 'n8n-workflow';

import type { HttpResult } from '../shared/http';
import { autoReplySignal } from './autoReply';
import { classifyMessage, isOurMessageId, type Classification } from './classify';
import { addressOf, headerValue, messageIdsIn, parseContentType, parseMime, type Header, type MimePart } from './mime';

/** One Gmail API GET (path under /gmail/v1/users/me), already authorised. */
export type GmailGet = (path: string, qs: IDataObject) => Promise<HttpResult>;

export interface GmailWatchRequest {
	mailboxId: string;
	/** The cursor the control plane kept; null before the first watch. */
	historyId: string | null;
}

export interface GmailWatchLimits {
	/** How far back the fallback scan looks when there is no usable history id. */
	windowHours: number;
	/** Most messages the fallback scan reads, so an expired cursor cannot cost a full-mailbox scan. */
	maxWindowMessages: number;
	/** The instant "now" (ms) the window is measured from. */
	nowMs: number;
}

export interface WatchedMessage {
	gmailMessageId: string;
	threadId: string;
	labelIds: string[];
	/** Gmail's internalDate; null when the labels alone decided (the message was never read). */
	receivedAt: string | null;
	/** `labels`: decided from history labels alone; `metadata`: from headers; `raw`: the full message was read. */
	readAs: 'labels' | 'metadata' | 'raw';
	classification: Classification;
}

export interface GmailWatchResult {
	previousHistoryId: string | null;
	historyId: string;
	/** `history`: incremental (history.list); `window`: bounded messages.list because the cursor was missing or expired. */
	catchUp: 'history' | 'window';
	messages: WatchedMessage[];
}

export class GmailApiError extends Error {
	constructor(
		readonly operation: string,
		readonly statusCode: number,
	) {
		super(`Gmail ${operation} answered ${statusCode}`);
	}
}

/** The headers the classifier may decide on without the body. */
const METADATA_HEADERS = [
	'From', 'To', 'Subject', 'Date', 'Message-ID', 'In-Reply-To', 'References', 'Content-Type',
	'Auto-Submitted', 'X-Autoreply', 'X-Autorespond', 'X-Autoresponder', 'Precedence', 'X-Auto-Response-Suppress', 'X-Failed-Recipients',
];

interface MessageRef {
	id: string;
	threadId: string;
	/** Known from history records; a window scan learns them from the metadata read. */
	labelIds: string[] | null;
}

function ensureOk(operation: string, response: HttpResult): IDataObject {
	if (response.statusCode < 200 || response.statusCode >= 300) throw new GmailApiError(operation, response.statusCode);
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
		const response = await get('/history', { startHistoryId, historyTypes: 'messageAdded', maxResults: 500, ...(pageToken ? { pageToken } : {}) });
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
		const body = ensureOk('messages.list', await get('/messages', { q: `after:${afterSeconds}`, maxResults: pageSize, ...(pageToken ? { pageToken } : {}) }));
		for (const message of (body.messages as IDataObject[] | undefined) ?? []) {
			if (typeof message.id === 'string') refs.push({ id: message.id, threadId: String(message.threadId ?? message.id), labelIds: null });
		}
		pageToken = typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined;
	} while (pageToken && refs.length < limits.maxWindowMessages);
	return { refs: refs.slice(0, limits.maxWindowMessages), historyId };
}

function headersOf(resource: IDataObject): Header[] {
	const payload = resource.payload as IDataObject | undefined;
	return ((payload?.headers as IDataObject[] | undefined) ?? []).map((header) => ({ name: String(header.name), value: String(header.value) }));
}

function headersOnly(headers: Header[]): MimePart {
	return { headers, contentType: parseContentType(headerValue(headers, 'Content-Type')), text: '', parts: [], attachedMessage: null };
}

/** Bounces keep their evidence in the body (delivery-status part, attached original). */
function looksLikeBounce(headers: Header[]): boolean {
	const from = addressOf(headerValue(headers, 'From')) ?? '';
	return (
		/^(mailer-daemon|postmaster)@/.test(from) ||
		headerValue(headers, 'X-Failed-Recipients') !== undefined ||
		parseContentType(headerValue(headers, 'Content-Type')).mimeType === 'multipart/report'
	);
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
 * mail, headers settle auto-replies and mail outside our threads, and only bounces and replies
 * (whose body may ask to unsubscribe) are read in full.
 */
async function watchMessage(get: GmailGet, ref: MessageRef, ourAddresses: string[]): Promise<WatchedMessage> {
	const labelOnly = ref.labelIds !== null && ref.labelIds.some((label) => label === 'SENT' || label === 'DRAFT');
	if (labelOnly && ref.labelIds) {
		const classification = classifyMessage(headersOnly([]), { ourAddresses, labels: ref.labelIds, threadIsOurs: false });
		return { gmailMessageId: ref.id, threadId: ref.threadId, labelIds: ref.labelIds, receivedAt: null, readAs: 'labels', classification };
	}
	const metadata = ensureOk('messages.get', await get(`/messages/${encodeURIComponent(ref.id)}`, { format: 'metadata', metadataHeaders: METADATA_HEADERS }));
	const labelIds = stringList(metadata.labelIds);
	const receivedAt = new Date(Number(metadata.internalDate ?? Date.now())).toISOString();
	const headers = headersOf(metadata);
	const base = { gmailMessageId: ref.id, threadId: String(metadata.threadId ?? ref.threadId), labelIds, receivedAt };
	const view = { ourAddresses, labels: labelIds, threadIsOurs: false };
	const byHeaders = classifyMessage(headersOnly(headers), view);

	const isOurs = byHeaders.type === 'ignored' && byHeaders.reason !== 'not_in_our_threads';
	const linked = messageIdsIn(`${headerValue(headers, 'In-Reply-To') ?? ''} ${headerValue(headers, 'References') ?? ''}`).some(isOurMessageId);
	if (isOurs || (!looksLikeBounce(headers) && linked && autoReplySignal(headersOnly(headers)))) return { ...base, readAs: 'metadata', classification: byHeaders };
	if (!looksLikeBounce(headers) && !linked) {
		view.threadIsOurs = base.threadId !== ref.id && (await threadHoldsOurMessage(get, base.threadId));
		if (!view.threadIsOurs) return { ...base, readAs: 'metadata', classification: byHeaders };
	}
	const full = ensureOk('messages.get', await get(`/messages/${encodeURIComponent(ref.id)}`, { format: 'raw' }));
	const raw = Buffer.from(String(full.raw ?? ''), 'base64url').toString('utf8');
	return { ...base, readAs: 'raw', classification: classifyMessage(parseMime(raw), view) };
}

/**
 * Everything new in one Gmail mailbox since its cursor, classified. Costs O(new messages):
 * one history.list page when nothing arrived, plus at most a metadata read, a thread read and a
 * raw read per new message. Read and unread mail are treated alike (no UNREAD filter).
 */
export async function watchGmailMailbox(get: GmailGet, request: GmailWatchRequest, ourAddresses: string[], limits: GmailWatchLimits): Promise<GmailWatchResult> {
	const fromHistory = request.historyId ? await refsFromHistory(get, request.historyId) : null;
	const found = fromHistory ?? (await refsFromWindow(get, limits));
	const messages: WatchedMessage[] = [];
	for (const ref of found.refs) messages.push(await watchMessage(get, ref, ourAddresses));
	return { previousHistoryId: request.historyId, historyId: found.historyId, catchUp: fromHistory ? 'history' : 'window', messages };
}

import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { GRAPH_DEFAULT_BASE_URL } from '../SendEmail/providers/outlook';
import { FULL_RESPONSE_OPTIONS, retryAfterSeconds, toHttpResult, type HttpResult } from '../shared/http';
import { classifyMessage, isOurMessageId, type MailboxView } from './classifyInboundMail';
import { contentOf } from './messageContent';
import { decodeEncodedWords, parseMime, type Header } from './mime';
import { headersOnly, looksLikeBounce, planAfterHeaders } from './readPlan';
import {
	mayCarryBodyTag,
	messageIdHeaderOf,
	rescueAccepted,
	SPAM_SCAN_MAX,
	warmupTagInHeaders,
	warmupTagInText,
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

/** The inbox's delta function; a delta over the inbox never sees Sent Items or Drafts. */
const INBOX_DELTA_PATH = "/mailFolders('inbox')/messages/delta";
/** What the first pass needs to settle our own mail and pick the next read; nothing more. */
const DELTA_SELECT = 'id,conversationId,receivedDateTime,from,subject,internetMessageId,isDraft,isRead,flag';
/** Junk Email's listing carries what recognising a warm-up message takes: its headers and its text body. */
const JUNK_SELECT = 'id,conversationId,receivedDateTime,internetMessageId,internetMessageHeaders,body,isRead,flag';
const DELTA_PAGE_SIZE = 100;
/** One page of a conversation is enough: our send is among its first messages. */
const CONVERSATION_PAGE_SIZE = 100;

type OutlookWatchLimits = Pick<WatchSettings, 'windowHours' | 'maxWindowMessages' | 'nowMs'>;

/** Graph GETs with the brokered token, to paths under /v1.0/me or to links Graph handed out. */
interface GraphClient {
	/** True when a link (a stored delta link) points at the Graph this client calls. */
	owns(link: string): boolean;
	json(pathOrLink: string, qs?: IDataObject, prefer?: string): Promise<HttpResult>;
	/** A message's MIME source (`$value`). */
	mime(path: string): Promise<{ result: HttpResult; text: string }>;
	/** A change (PATCH a message, POST a move) with a JSON body. */
	change(method: 'PATCH' | 'POST', path: string, body: IDataObject): Promise<HttpResult>;
}

/** One message as the delta's first pass lists it. */
interface DeltaEntry {
	id: string;
	conversationId: string;
	receivedDateTime: string;
	isDraft: boolean;
	/** Already read and flagged: a warm-up message needs no PATCH. */
	readAndFlagged: boolean;
	/** From, Subject and Message-ID as header lines, enough to settle our own mail. */
	listed: Header[];
}

function isReadAndFlagged(item: IDataObject): boolean {
	return item.isRead === true && (item.flag as IDataObject | undefined)?.flagStatus === 'flagged';
}

function graphErrorCode(response: HttpResult): string {
	const error = response.body?.error as IDataObject | undefined;
	return typeof error?.code === 'string' ? error.code : '';
}

function ensureOk(operation: string, response: HttpResult, nowMs: number): IDataObject {
	if (response.statusCode === 429) {
		const after = retryAfterSeconds(response, nowMs);
		throw new WatchError('outlook_throttled', `Microsoft Graph throttled ${operation}${after === null ? '' : `; retry after ${after} s`}`);
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const code = graphErrorCode(response);
		throw new WatchError(
			`outlook_${response.statusCode}`,
			`Microsoft Graph ${operation} answered ${response.statusCode}${code ? ` ${code}` : ''}`,
		);
	}
	return response.body ?? {};
}

/** Graph forgot the delta link's sync state (expired, or the mailbox was reset): only a new sync helps. */
function syncStateGone(response: HttpResult): boolean {
	return response.statusCode === 410 || (response.statusCode === 400 && /syncstate|resync/i.test(graphErrorCode(response)));
}

function deltaEntryOf(item: IDataObject): DeltaEntry | null {
	// Removed entries (deleted, or moved out of the inbox) carry only an id: nothing arrived.
	if (item['@removed'] !== undefined || typeof item.id !== 'string') return null;
	const sender = (item.from as IDataObject | undefined)?.emailAddress as IDataObject | undefined;
	const address = typeof sender?.address === 'string' ? sender.address : '';
	const name = typeof sender?.name === 'string' && sender.name !== address ? sender.name : '';
	const listed: Header[] = [];
	if (address) listed.push({ name: 'From', value: name ? `"${name.replace(/"/g, '')}" <${address}>` : `<${address}>` });
	if (typeof item.subject === 'string') listed.push({ name: 'Subject', value: item.subject });
	if (typeof item.internetMessageId === 'string') listed.push({ name: 'Message-ID', value: item.internetMessageId });
	return {
		id: item.id,
		conversationId: typeof item.conversationId === 'string' ? item.conversationId : item.id,
		receivedDateTime: typeof item.receivedDateTime === 'string' ? item.receivedDateTime : new Date().toISOString(),
		isDraft: item.isDraft === true,
		readAndFlagged: isReadAndFlagged(item),
		listed,
	};
}

/**
 * Follows a delta from its first request through every `@odata.nextLink` page to the final
 * `@odata.deltaLink`; null when Graph no longer knows the sync state it started from.
 */
async function readDelta(
	graph: GraphClient,
	first: { link: string } | { qs: IDataObject },
	nowMs: number,
): Promise<{ entries: DeltaEntry[]; deltaLink: string } | null> {
	const entries = new Map<string, DeltaEntry>();
	let target = 'link' in first ? first.link : INBOX_DELTA_PATH;
	let qs: IDataObject | undefined = 'qs' in first ? first.qs : undefined;
	for (;;) {
		const response = await graph.json(target, qs, `odata.maxpagesize=${DELTA_PAGE_SIZE}`);
		if (syncStateGone(response)) return null;
		const body = ensureOk('messages delta', response, nowMs);
		for (const item of (body.value as IDataObject[] | undefined) ?? []) {
			const entry = deltaEntryOf(item);
			if (entry) entries.set(entry.id, entry);
		}
		if (typeof body['@odata.deltaLink'] === 'string') return { entries: [...entries.values()], deltaLink: body['@odata.deltaLink'] };
		if (typeof body['@odata.nextLink'] !== 'string')
			throw new WatchError('outlook_delta_incomplete', 'Microsoft Graph ended a delta page with neither a next link nor a delta link');
		target = body['@odata.nextLink'];
		qs = undefined;
	}
}

/**
 * A new sync of the inbox bounded to the window (Graph keeps the filter in the links it hands
 * out), classifying only the newest `maxWindowMessages`. Replays are harmless: event ids are the
 * Graph immutable ids, applied once by the control plane.
 */
async function readWindow(graph: GraphClient, limits: OutlookWatchLimits): Promise<{ entries: DeltaEntry[]; deltaLink: string }> {
	const since = new Date(limits.nowMs - limits.windowHours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const synced = await readDelta(graph, { qs: { $select: DELTA_SELECT, $filter: `receivedDateTime ge ${since}` } }, limits.nowMs);
	if (!synced) throw new WatchError('outlook_410', 'Microsoft Graph refused a new delta sync of the inbox');
	const newest = new Set(
		[...synced.entries]
			.sort((a, b) => Date.parse(b.receivedDateTime) - Date.parse(a.receivedDateTime))
			.slice(0, limits.maxWindowMessages)
			.map((entry) => entry.id),
	);
	return { entries: synced.entries.filter((entry) => newest.has(entry.id)), deltaLink: synced.deltaLink };
}

function messagePath(id: string): string {
	return `/messages/${encodeURIComponent(id)}`;
}

/** Graph hands headers over as received: folded lines and RFC 2047 words undone here. */
async function readHeaders(graph: GraphClient, id: string, nowMs: number): Promise<Header[]> {
	const body = ensureOk('message headers', await graph.json(messagePath(id), { $select: 'internetMessageHeaders' }), nowMs);
	return headersIn(body);
}

function headersIn(resource: IDataObject): Header[] {
	return ((resource.internetMessageHeaders as IDataObject[] | undefined) ?? []).map((header) => ({
		name: String(header.name),
		value: decodeEncodedWords(
			String(header.value)
				.replace(/\r?\n[ \t]+/g, ' ')
				.trim(),
		),
	}));
}

/** A reply without threading headers may still sit in our conversation: it then holds one of our Message-IDs. */
async function conversationHoldsOurMessage(graph: GraphClient, conversationId: string, nowMs: number): Promise<boolean> {
	const qs = {
		$filter: `conversationId eq '${conversationId.replace(/'/g, "''")}'`,
		$select: 'internetMessageId',
		$top: CONVERSATION_PAGE_SIZE,
	};
	const body = ensureOk('conversation messages', await graph.json('/messages', qs), nowMs);
	return ((body.value as IDataObject[] | undefined) ?? []).some(
		(message) => typeof message.internetMessageId === 'string' && isOurMessageId(message.internetMessageId),
	);
}

/**
 * A warm-up message is kept: read and flagged (one PATCH, none when it already is), and moved out of
 * Junk Email into the inbox. It never becomes an inbound event.
 */
async function keepWarmup(
	graph: GraphClient,
	found: { id: string; conversationId: string; readAndFlagged: boolean; headers: Header[]; inJunk: boolean },
	tag: string,
): Promise<FoundWarmup> {
	const path = messagePath(found.id);
	const marked =
		found.readAndFlagged ||
		rescueAccepted(
			'outlook',
			'Microsoft Graph message update',
			await graph.change('PATCH', path, { isRead: true, flag: { flagStatus: 'flagged' } }),
		);
	// The immutable id survives the move, so the message (and its event id) stays the same in the inbox.
	const rescued =
		found.inJunk &&
		rescueAccepted('outlook', 'Microsoft Graph message move', await graph.change('POST', `${path}/move`, { destinationId: 'inbox' }));
	return {
		tag,
		folder: found.inJunk ? 'spam' : 'inbox',
		rescued,
		markedImportant: marked,
		providerMessageId: found.id,
		providerThreadId: found.conversationId,
		messageIdHeader: messageIdHeaderOf(found.headers),
	};
}

/** Mail from our own mailboxes is read no further unless it is a warm-up message (header, or body tag of a plain-text one). */
async function warmupFromOurMailbox(
	graph: GraphClient,
	entry: DeltaEntry,
	ourAddresses: string[],
	nowMs: number,
): Promise<FoundWarmup | null> {
	const read = await readHeaders(graph, entry.id, nowMs);
	const headers = read.length > 0 ? read : entry.listed;
	const found = { ...entry, headers, inJunk: false };
	const headerTag = warmupTagInHeaders(headers);
	if (headerTag) return await keepWarmup(graph, found, headerTag);
	if (!mayCarryBodyTag(headers, ourAddresses, false)) return null;
	const source = await graph.mime(`${messagePath(entry.id)}/$value`);
	ensureOk('message source', source.result, nowMs);
	const bodyTag = warmupTagOf(parseMime(source.text));
	return bodyTag ? await keepWarmup(graph, found, bodyTag) : null;
}

/**
 * Reads one new message as cheaply as its meaning allows, deciding as the Gmail watcher does: the
 * delta listing settles drafts and mail from our own mailboxes (after a look for the warm-up tag),
 * and mail from a mailer daemon goes straight to its MIME source; otherwise the headers settle
 * auto-replies and mail outside our conversations, and only bounces and replies (which may ask to
 * unsubscribe) are read in full. A warm-up message is kept instead of classified.
 */
async function watchMessage(
	graph: GraphClient,
	entry: DeltaEntry,
	ourAddresses: string[],
	nowMs: number,
): Promise<WatchedMessage | FoundWarmup> {
	const labels = entry.isDraft ? ['INBOX', 'DRAFT'] : ['INBOX'];
	const view: MailboxView = { ourAddresses, labels, threadIsOurs: false };
	const base = { providerMessageId: entry.id, threadId: entry.conversationId, labels, receivedAt: entry.receivedDateTime };
	const byListing = classifyMessage(headersOnly(entry.listed), view);
	if (byListing.type === 'ignored' && byListing.reason !== 'not_in_our_threads') {
		const warmup = byListing.reason === 'from_our_mailbox' ? await warmupFromOurMailbox(graph, entry, ourAddresses, nowMs) : null;
		return warmup ?? { ...base, readAs: 'labels', classification: byListing, content: null };
	}

	if (!looksLikeBounce(entry.listed)) {
		const read = await readHeaders(graph, entry.id, nowMs);
		const headers = read.length > 0 ? read : entry.listed;
		const headerTag = warmupTagInHeaders(headers);
		if (headerTag) return await keepWarmup(graph, { ...entry, headers, inJunk: false }, headerTag);
		const { byHeaders, next } = planAfterHeaders(headers, view);
		const byMetadata = { ...base, readAs: 'metadata' as const, classification: byHeaders, content: contentOf(headersOnly(headers), null) };
		if (next === 'none') return byMetadata;
		if (next === 'thread') {
			view.threadIsOurs = await conversationHoldsOurMessage(graph, entry.conversationId, nowMs);
			if (!view.threadIsOurs) return byMetadata;
		}
	}
	const source = await graph.mime(`${messagePath(entry.id)}/$value`);
	ensureOk('message source', source.result, nowMs);
	const message = parseMime(source.text);
	const bodyTag = warmupTagOf(message);
	if (bodyTag) return await keepWarmup(graph, { ...entry, headers: message.headers, inJunk: false }, bodyTag);
	return { ...base, readAs: 'raw', classification: classifyMessage(message, view), content: contentOf(message) };
}

/**
 * Warm-up messages in Junk Email, rescued. Junk has no delta link of its own (the control plane
 * keeps one cursor per mailbox, the inbox's): every watch lists the newest SPAM_SCAN_MAX junk
 * messages of the window, headers and text body included, in one request. That finds a warm-up
 * message within one watch of its arrival; rescued ones leave the folder, and other junk is only
 * listed, never read further nor reported (campaign mail in junk is handled exactly as before: not at all).
 */
async function rescueFromJunk(graph: GraphClient, limits: OutlookWatchLimits): Promise<FoundWarmup[]> {
	const since = new Date(limits.nowMs - limits.windowHours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const response = await graph.json(
		"/mailFolders('junkemail')/messages",
		{ $select: JUNK_SELECT, $filter: `receivedDateTime ge ${since}`, $orderby: 'receivedDateTime desc', $top: SPAM_SCAN_MAX },
		'outlook.body-content-type="text"',
	);
	// A mailbox without a Junk Email folder (some shared and resource mailboxes) has nothing to rescue.
	if (response.statusCode === 404) return [];
	const body = ensureOk('junk messages', response, limits.nowMs);
	const warmups: FoundWarmup[] = [];
	for (const item of (body.value as IDataObject[] | undefined) ?? []) {
		if (typeof item.id !== 'string') continue;
		const headers = headersIn(item);
		const text = String((item.body as IDataObject | undefined)?.content ?? '');
		const tag = warmupTagInHeaders(headers) ?? warmupTagInText(text);
		if (!tag) continue;
		const conversationId = typeof item.conversationId === 'string' ? item.conversationId : item.id;
		const found = { id: item.id, conversationId, readAndFlagged: isReadAndFlagged(item), headers, inJunk: true };
		warmups.push(await keepWarmup(graph, found, tag));
	}
	return warmups;
}

/**
 * Everything new in one Outlook inbox since its delta link, classified. Costs O(new messages):
 * one delta call when nothing arrived, plus at most a header read, a conversation read and a MIME
 * read per new message. Read and unread mail are treated alike. A message whose flags changed
 * (read, categorised) comes back in the delta and is classified again; its event id is the same.
 */
async function watchOutlookMailbox(
	graph: GraphClient,
	mailbox: MailboxToWatch,
	ourAddresses: string[],
	limits: OutlookWatchLimits,
): Promise<ProviderWatchResult> {
	// A delta link of another Graph (the base URL changed) is not followed: the token goes nowhere else.
	const incremental = mailbox.cursor && graph.owns(mailbox.cursor) ? await readDelta(graph, { link: mailbox.cursor }, limits.nowMs) : null;
	const found = incremental ?? (await readWindow(graph, limits));
	const messages: WatchedMessage[] = [];
	const warmups: FoundWarmup[] = [];
	for (const entry of found.entries) {
		const watched = await watchMessage(graph, entry, ourAddresses, limits.nowMs);
		if ('tag' in watched) warmups.push(watched);
		else messages.push(watched);
	}
	// After the inbox: a message rescued now shows in the inbox's next delta, where its tag settles it again.
	warmups.push(...(await rescueFromJunk(graph, limits)));
	return { previousCursor: mailbox.cursor, cursor: found.deltaLink, catchUp: incremental ? 'incremental' : 'window', messages, warmups };
}

/** Graph calls with the brokered token; the token stays in this closure, never in output or errors. */
function graphClient(context: IExecuteFunctions, baseUrl: string, accessToken: string, timeoutMs: number): GraphClient {
	const root = `${baseUrl}/v1.0/me`;
	const owns = (link: string) => link.startsWith(`${baseUrl}/`);
	const get = async (pathOrLink: string, qs: IDataObject | undefined, prefer: string | undefined, binary: boolean) => {
		if (/^https?:/i.test(pathOrLink) && !owns(pathOrLink))
			throw new WatchError('outlook_foreign_link', 'Microsoft Graph handed out a link to another host');
		return (await context.helpers.httpRequest({
			method: 'GET',
			url: /^https?:/i.test(pathOrLink) ? pathOrLink : `${root}${pathOrLink}`,
			...(qs ? { qs } : {}),
			headers: {
				Authorization: `Bearer ${accessToken}`,
				Accept: binary ? '*/*' : 'application/json',
				// Immutable ids stay the same when the message is moved, so its event id does too.
				Prefer: ['IdType="ImmutableId"', ...(prefer ? [prefer] : [])].join(', '),
			},
			...(binary ? { encoding: 'arraybuffer' as const, json: false } : {}),
			timeout: timeoutMs,
			...FULL_RESPONSE_OPTIONS,
		})) as IN8nHttpFullResponse;
	};
	return {
		owns,
		change: async (method, path, body) =>
			toHttpResult(
				await context.helpers.httpRequest({
					method,
					url: `${root}${path}`,
					body,
					json: true,
					headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json', Prefer: 'IdType="ImmutableId"' },
					timeout: timeoutMs,
					...FULL_RESPONSE_OPTIONS,
				}),
			),
		json: async (pathOrLink, qs, prefer) => toHttpResult(await get(pathOrLink, qs, prefer, false)),
		mime: async (path) => {
			const response = await get(path, undefined, undefined, true);
			const { body } = response;
			return { result: toHttpResult(response), text: Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '' };
		},
	};
}

/** The cursor is the inbox's Graph delta link, which the control plane keeps per mailbox. */
export const watchOutlook: ProviderWatcher = async (context, mailbox, ourAddresses, settings) => {
	const { accessToken, baseUrl } = await watchAccess(context, mailbox, {
		timeoutMs: settings.timeoutMs,
		baseUrlOverride: settings.graphApiBaseUrl,
		defaultBaseUrl: GRAPH_DEFAULT_BASE_URL,
	});
	return await watchOutlookMailbox(graphClient(context, baseUrl, accessToken, settings.timeoutMs), mailbox, ourAddresses, settings);
};

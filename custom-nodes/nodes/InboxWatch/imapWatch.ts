import { ImapFlow, type FetchMessageObject, type ImapFlowError } from 'imapflow';
import type { IDataObject } from 'n8n-workflow';

import { controlPlanePaths, postToControlPlane } from '../shared/controlPlane';
import { classifyMessage } from './classifyInboundMail';
import { METADATA_HEADERS } from './gmailWatch';
import { contentOf } from './messageContent';
import { parseHeaderBlock, parseMime } from './mime';
import { headersOnly, planAfterHeaders } from './readPlan';
import {
	mayCarryBodyTag,
	messageIdHeaderOf,
	SPAM_SCAN_MAX,
	WARMUP_BODY_CHECK_MAX_BYTES,
	warmupTagInHeaders,
	warmupTagOf,
	type FoundWarmup,
} from './warmup';
import {
	WatchError,
	type MailboxToWatch,
	type ProviderWatcher,
	type ProviderWatchResult,
	type WatchedMessage,
	type WatchSettings,
} from './watchTypes';

type ImapWatchLimits = Pick<WatchSettings, 'windowHours' | 'maxWindowMessages' | 'nowMs'>;

/** The IMAP server and login the control plane hands out for an SMTP mailbox (imap-credentials). */
export interface ImapLogin {
	host: string;
	port: number;
	/** Implicit TLS (993). */
	secure: boolean;
	/** STARTTLS required; when neither this nor `secure` is set the connection stays plain (local servers only). */
	requireTls: boolean;
	username: string;
	password: string;
}

/** `UIDVALIDITY:UID`: the INBOX's UIDVALIDITY and the highest UID already watched. */
interface ImapCursor {
	uidValidity: string;
	lastUid: number;
}

function parseCursor(cursor: string | null): ImapCursor | null {
	const match = /^(\d+):(\d+)$/.exec(cursor ?? '');
	return match ? { uidValidity: String(match[1]), lastUid: Number(match[2]) } : null;
}

const formatCursor = (cursor: ImapCursor) => `${cursor.uidValidity}:${cursor.lastUid}`;

/** The headers-only read every new message gets (PEEK, so nothing becomes \Seen). */
const HEADER_QUERY = { uid: true, flags: true, internalDate: true, size: true, headers: METADATA_HEADERS } as const;

/** What marks a warm-up message as opened and important on any IMAP server. */
const WARMUP_FLAGS = ['\\Seen', '\\Flagged'];

interface HeaderRead {
	uid: number;
	flags: string[];
	internalDate: Date | null;
	size: number;
	headers: ReturnType<typeof parseHeaderBlock>;
}

function headerReadOf(message: FetchMessageObject): HeaderRead {
	const internalDate = message.internalDate ? new Date(message.internalDate) : null;
	return {
		uid: message.uid,
		flags: [...(message.flags ?? [])],
		internalDate: internalDate && !Number.isNaN(internalDate.getTime()) ? internalDate : null,
		size: message.size ?? 0,
		headers: parseHeaderBlock(message.headers?.toString('utf8') ?? ''),
	};
}

async function readHeaders(client: ImapFlow, range: string): Promise<HeaderRead[]> {
	return (await client.fetchAll(range, HEADER_QUERY, { uid: true })).map(headerReadOf);
}

/**
 * New messages since the cursor. `UID FETCH n:*` always answers with the highest UID even when it
 * is below n, so the answer is filtered; when UIDNEXT says nothing arrived no FETCH is sent at all.
 */
async function readSinceCursor(client: ImapFlow, cursor: ImapCursor, uidNext: number): Promise<{ reads: HeaderRead[]; lastUid: number }> {
	if (uidNext <= cursor.lastUid + 1) return { reads: [], lastUid: cursor.lastUid };
	const reads = (await readHeaders(client, `${cursor.lastUid + 1}:*`)).filter((read) => read.uid > cursor.lastUid);
	return { reads, lastUid: Math.max(cursor.lastUid, ...reads.map((read) => read.uid)) };
}

/**
 * The fallback when there is no cursor or UIDVALIDITY changed (the old UIDs mean nothing now): the
 * newest `maxWindowMessages` of the last `windowHours`, newest first. SEARCH SINCE has day granularity, so the
 * internal dates trim the answer to the hour. Messages at or above the UIDNEXT read before the
 * search are left to the next watch, whose cursor starts there.
 */
async function readWindow(client: ImapFlow, uidNext: number, limits: ImapWatchLimits): Promise<HeaderRead[]> {
	const since = new Date(limits.nowMs - limits.windowHours * 3_600_000);
	const found = (await client.search({ since }, { uid: true })) || [];
	const newest = found
		.filter((uid) => uid < uidNext)
		.sort((a, b) => b - a)
		.slice(0, limits.maxWindowMessages);
	if (newest.length === 0) return [];
	const reads = await readHeaders(client, newest.join(','));
	return reads.filter((read) => read.internalDate === null || read.internalDate >= since).sort((a, b) => b.uid - a.uid);
}

/** Plain-text mail small enough to be a warm-up message, without the header, from our mailboxes (or in Junk). */
function needsBodyCheck(read: HeaderRead, ourAddresses: string[], inJunk: boolean): boolean {
	return read.size <= WARMUP_BODY_CHECK_MAX_BYTES && mayCarryBodyTag(read.headers, ourAddresses, inJunk);
}

/** The full sources (BODY.PEEK[], one FETCH for all) of these UIDs in the open mailbox. */
async function readSources(client: ImapFlow, uids: number[]): Promise<Map<number, Buffer>> {
	const sources = new Map<number, Buffer>();
	if (uids.length === 0) return sources;
	for (const message of await client.fetchAll(uids.join(','), { uid: true, source: true }, { uid: true })) {
		if (message.source) sources.set(message.uid, message.source);
	}
	return sources;
}

/** A warm-up message in the open mailbox: its header tag, else the body tag of its source. */
function warmupOf(read: HeaderRead, source: Buffer | undefined): { tag: string; headers: HeaderRead['headers'] } | null {
	const tag = warmupTagInHeaders(read.headers) ?? (source ? warmupTagOf(parseMime(source.toString('utf8'))) : null);
	return tag ? { tag, headers: read.headers } : null;
}

function foundWarmup(uidValidity: string, read: HeaderRead, tag: string, inJunk: boolean): FoundWarmup {
	return {
		tag,
		folder: inJunk ? 'spam' : 'inbox',
		rescued: inJunk,
		markedImportant: true,
		providerMessageId: `${uidValidity}.${read.uid}`,
		providerThreadId: null,
		messageIdHeader: messageIdHeaderOf(read.headers),
	};
}

/**
 * Classifies header reads, fetching the full source (BODY.PEEK[], one FETCH for all) only of the
 * bounces and replies the headers leave open, and of plain-text mail from our mailboxes that may
 * carry a warm-up tag in its body. An IMAP server has no threads, so what the headers do not link
 * to our Message-IDs is settled as not ours. Warm-up messages are set apart, never classified.
 */
async function watchMessages(
	client: ImapFlow,
	uidValidity: string,
	reads: HeaderRead[],
	ourAddresses: string[],
): Promise<{ messages: WatchedMessage[]; warmups: Array<{ read: HeaderRead; tag: string }> }> {
	const decided = reads.map((read) => {
		const view = { ourAddresses, labels: read.flags, threadIsOurs: false };
		return { read, view, ...planAfterHeaders(read.headers, view) };
	});
	const sources = await readSources(
		client,
		decided.filter(({ read, next }) => next === 'raw' || needsBodyCheck(read, ourAddresses, false)).map(({ read }) => read.uid),
	);
	const messages: WatchedMessage[] = [];
	const warmups: Array<{ read: HeaderRead; tag: string }> = [];
	for (const { read, view, byHeaders, next } of decided) {
		const source = sources.get(read.uid);
		const warmup = warmupOf(read, source);
		if (warmup) {
			warmups.push({ read, tag: warmup.tag });
			continue;
		}
		const base = {
			providerMessageId: `${uidValidity}.${read.uid}`,
			threadId: null,
			labels: read.flags,
			receivedAt: (read.internalDate ?? new Date()).toISOString(),
		};
		if (!source || next !== 'raw') {
			messages.push({ ...base, readAs: 'metadata', classification: byHeaders, content: contentOf(headersOnly(read.headers), null) });
			continue;
		}
		const message = parseMime(source.toString('utf8'));
		messages.push({ ...base, readAs: 'raw', classification: classifyMessage(message, view), content: contentOf(message) });
	}
	return { messages, warmups };
}

/** Marks the INBOX's warm-up messages \Seen and \Flagged (SELECT, then one STORE), unless they already are. */
async function keepInboxWarmups(client: ImapFlow, uidValidity: string, warmups: Array<{ read: HeaderRead; tag: string }>) {
	const unmarked = warmups.filter(({ read }) => !WARMUP_FLAGS.every((flag) => read.flags.includes(flag))).map(({ read }) => read.uid);
	if (unmarked.length > 0) {
		await client.mailboxOpen('INBOX');
		await client.messageFlagsAdd(unmarked.join(','), WARMUP_FLAGS, { uid: true });
	}
	return warmups.map(({ read, tag }) => foundWarmup(uidValidity, read, tag, false));
}

/**
 * Warm-up messages in the Junk folder (SPECIAL-USE \Junk, else the name the server's LIST suggests),
 * marked \Seen \Flagged and moved to INBOX (MOVE, or COPY + STORE \Deleted + EXPUNGE where MOVE is
 * not offered). Junk has no cursor of its own (the control plane keeps one per mailbox, the INBOX's):
 * every watch EXAMINEs it and reads the headers of its newest SPAM_SCAN_MAX messages of the window,
 * which finds a warm-up message within one watch of its arrival at a bounded cost; other junk is never
 * read further nor reported, as before.
 */
async function rescueFromJunk(client: ImapFlow, ourAddresses: string[], limits: ImapWatchLimits): Promise<FoundWarmup[]> {
	const junk = (await client.list()).find((folder) => folder.specialUse === '\\Junk');
	if (!junk) return [];
	const opened = await client.mailboxOpen(junk.path, { readOnly: true });
	if (opened.exists === 0) return [];
	const since = new Date(limits.nowMs - limits.windowHours * 3_600_000);
	const newest = ((await client.search({ since }, { uid: true })) || []).sort((a, b) => b - a).slice(0, SPAM_SCAN_MAX);
	if (newest.length === 0) return [];
	const reads = await readHeaders(client, newest.join(','));
	const sources = await readSources(
		client,
		reads.filter((read) => needsBodyCheck(read, ourAddresses, true)).map((read) => read.uid),
	);
	const warmups = reads.flatMap((read) => {
		const warmup = warmupOf(read, sources.get(read.uid));
		return warmup ? [{ read, tag: warmup.tag }] : [];
	});
	if (warmups.length === 0) return [];
	const uids = warmups.map(({ read }) => read.uid).join(',');
	await client.mailboxOpen(junk.path);
	// Flags first: they travel with the message, whose UID in INBOX is not known beforehand.
	await client.messageFlagsAdd(uids, WARMUP_FLAGS, { uid: true });
	if (!(await client.messageMove(uids, 'INBOX', { uid: true })))
		throw new WatchError('imap_move_failed', `IMAP server refused to move warm-up messages from ${junk.path} to INBOX`);
	const uidValidity = String(opened.uidValidity);
	return warmups.map(({ read, tag }) => foundWarmup(uidValidity, read, tag, true));
}

/**
 * Everything new in one INBOX since its cursor, classified. EXAMINE opens it read-only and every
 * FETCH uses BODY.PEEK, so read and unread mail count alike and nothing else is marked \Seen: only
 * warm-up messages are (SELECT and STORE, when there are some). A watch with no new mail costs the
 * EXAMINE alone (its UIDVALIDITY and UIDNEXT answer the question), plus the Junk folder's EXAMINE
 * where the server has one.
 */
async function watchImapInbox(
	client: ImapFlow,
	mailbox: MailboxToWatch,
	ourAddresses: string[],
	limits: ImapWatchLimits,
): Promise<ProviderWatchResult> {
	const inbox = await client.mailboxOpen('INBOX', { readOnly: true });
	const uidValidity = String(inbox.uidValidity);
	const uidNext = inbox.uidNext;
	const stored = parseCursor(mailbox.cursor);
	const incremental = stored !== null && stored.uidValidity === uidValidity;
	const { reads, lastUid } = incremental
		? await readSinceCursor(client, stored, uidNext)
		: { reads: await readWindow(client, uidNext, limits), lastUid: Math.max(0, uidNext - 1) };
	const { messages, warmups } = await watchMessages(client, uidValidity, reads, ourAddresses);
	// The INBOX first: a message rescued from Junk now gets a UID above this watch's cursor, and the next watch's tag check settles it.
	const found = [...(await keepInboxWarmups(client, uidValidity, warmups)), ...(await rescueFromJunk(client, ourAddresses, limits))];
	return {
		previousCursor: mailbox.cursor,
		cursor: formatCursor({ uidValidity, lastUid }),
		catchUp: incremental ? 'incremental' : 'window',
		messages,
		warmups: found,
	};
}

const UNREACHABLE_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ETIMEDOUT',
	'EPIPE',
	'CONNECT_TIMEOUT',
	'GREETING_TIMEOUT',
	'UPGRADE_TIMEOUT',
	'ETIMEOUT',
	'NoConnection',
	'EConnectionClosed',
	'ClosedAfterConnectText',
	'ClosedAfterConnectTLS',
]);

/** Names the failure in our codes; the password is cut out of whatever text the server or socket produced. */
function watchErrorOf(error: unknown, login: ImapLogin): WatchError {
	const failure = error as ImapFlowError;
	const where = `${login.host}:${login.port}`;
	const said = String(failure.responseText || failure.message || error)
		.split(login.password)
		.join('[password]');
	if (failure.authenticationFailed)
		return new WatchError('imap_auth_failed', `IMAP server ${where} refused the login of ${login.username}: ${said}`);
	if (failure.tlsFailed) return new WatchError('imap_tls_failed', `IMAP server ${where}: TLS failed: ${said}`);
	if (failure.code && UNREACHABLE_CODES.has(failure.code))
		return new WatchError('imap_unreachable', `IMAP server ${where} unreachable (${failure.code}): ${said}`);
	return new WatchError('imap_command_failed', `IMAP server ${where} refused ${failure.command ?? 'a command'}: ${said}`);
}

function imapLoginOf(body: IDataObject, email: string): ImapLogin {
	if (typeof body.host !== 'string' || typeof body.port !== 'number' || typeof body.password !== 'string') {
		throw new WatchError('imap_credentials_invalid', 'The control plane answered IMAP settings without host, port or password');
	}
	const username = typeof body.username === 'string' && body.username !== '' ? body.username : email;
	return {
		host: body.host,
		port: body.port,
		secure: body.secure === true,
		requireTls: body.requireTls === true,
		username,
		password: body.password,
	};
}

/** Logs out politely when the connection still works, else just closes the socket. */
async function closeConnection(client: ImapFlow): Promise<void> {
	if (client.usable) await client.logout().catch(() => undefined);
	client.close();
}

/** The cursor is `UIDVALIDITY:UID` of the INBOX, which the control plane keeps per mailbox. */
export const watchImap: ProviderWatcher = async (context, mailbox, ourAddresses, settings) => {
	const answer = await postToControlPlane(
		context,
		controlPlanePaths.imapCredentials(mailbox.mailboxId),
		{ provider: 'smtp' },
		settings.timeoutMs,
	);
	if (!answer.ok) throw new WatchError(answer.error.code, answer.error.message);
	const login = imapLoginOf(answer.body, mailbox.email);
	const client = new ImapFlow({
		host: login.host,
		port: login.port,
		secure: login.secure,
		// true: STARTTLS or fail; false (tlsMode none): never upgrade. Implicit TLS ignores it.
		doSTARTTLS: login.secure ? undefined : login.requireTls,
		auth: { user: login.username, pass: login.password },
		// imapflow logs to stdout by default; the watcher's outcome carries what matters.
		logger: false,
		disableAutoIdle: true,
		connectionTimeout: settings.timeoutMs,
		greetingTimeout: settings.timeoutMs,
		socketTimeout: settings.timeoutMs,
	});
	// Socket errors are also emitted as events; without a listener they would crash the process.
	client.on('error', () => undefined);
	try {
		await client.connect();
		return await watchImapInbox(client, mailbox, ourAddresses, settings);
	} catch (error) {
		throw error instanceof WatchError ? error : watchErrorOf(error, login);
	} finally {
		await closeConnection(client);
	}
};

import { ImapFlow, type FetchMessageObject, type ImapFlowError } from 'imapflow';
import type { IDataObject } from 'n8n-workflow';

import { controlPlanePaths, postToControlPlane } from '../shared/controlPlane';
import { classifyMessage } from './classifyInboundMail';
import { METADATA_HEADERS } from './gmailWatch';
import { contentOf } from './messageContent';
import { parseHeaderBlock, parseMime } from './mime';
import { headersOnly, planAfterHeaders } from './readPlan';
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
const HEADER_QUERY = { uid: true, flags: true, internalDate: true, headers: METADATA_HEADERS } as const;

interface HeaderRead {
	uid: number;
	flags: string[];
	internalDate: Date | null;
	headers: ReturnType<typeof parseHeaderBlock>;
}

function headerReadOf(message: FetchMessageObject): HeaderRead {
	const internalDate = message.internalDate ? new Date(message.internalDate) : null;
	return {
		uid: message.uid,
		flags: [...(message.flags ?? [])],
		internalDate: internalDate && !Number.isNaN(internalDate.getTime()) ? internalDate : null,
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

/**
 * Classifies header reads, fetching the full source (BODY.PEEK[], one FETCH for all) only of the
 * bounces and replies the headers leave open. An IMAP server has no threads, so what the headers
 * do not link to our Message-IDs is settled as not ours.
 */
async function watchMessages(
	client: ImapFlow,
	uidValidity: string,
	reads: HeaderRead[],
	ourAddresses: string[],
): Promise<WatchedMessage[]> {
	const decided = reads.map((read) => {
		const view = { ourAddresses, labels: read.flags, threadIsOurs: false };
		return { read, view, ...planAfterHeaders(read.headers, view) };
	});
	const sourceUids = decided.filter(({ next }) => next === 'raw').map(({ read }) => read.uid);
	const sources = new Map<number, Buffer>();
	if (sourceUids.length > 0) {
		for (const message of await client.fetchAll(sourceUids.join(','), { uid: true, source: true }, { uid: true })) {
			if (message.source) sources.set(message.uid, message.source);
		}
	}
	return decided.map(({ read, view, byHeaders }) => {
		const base = {
			providerMessageId: `${uidValidity}.${read.uid}`,
			threadId: null,
			labels: read.flags,
			receivedAt: (read.internalDate ?? new Date()).toISOString(),
		};
		const source = sources.get(read.uid);
		if (!source)
			return { ...base, readAs: 'metadata' as const, classification: byHeaders, content: contentOf(headersOnly(read.headers), null) };
		const message = parseMime(source.toString('utf8'));
		return { ...base, readAs: 'raw' as const, classification: classifyMessage(message, view), content: contentOf(message) };
	});
}

/**
 * Everything new in one INBOX since its cursor, classified. EXAMINE opens it read-only and every
 * FETCH uses BODY.PEEK, so read and unread mail count alike and nothing is marked \Seen. A watch
 * with no new mail costs the EXAMINE alone (its UIDVALIDITY and UIDNEXT answer the question).
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
	if (stored && stored.uidValidity === uidValidity) {
		const { reads, lastUid } = await readSinceCursor(client, stored, uidNext);
		const messages = await watchMessages(client, uidValidity, reads, ourAddresses);
		return { previousCursor: mailbox.cursor, cursor: formatCursor({ uidValidity, lastUid }), catchUp: 'incremental', messages };
	}
	const reads = await readWindow(client, uidNext, limits);
	const messages = await watchMessages(client, uidValidity, reads, ourAddresses);
	return {
		previousCursor: mailbox.cursor,
		cursor: formatCursor({ uidValidity, lastUid: Math.max(0, uidNext - 1) }),
		catchUp: 'window',
		messages,
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

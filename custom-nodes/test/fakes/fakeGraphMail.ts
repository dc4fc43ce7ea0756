import { randomBytes } from 'node:crypto';

import { decodeEncodedWords } from '../../nodes/InboxWatch/mime';
import { rawHeaderFields } from './rawHeaders';
import { RecordingServer, ScriptedResponses, type FakeResponse, type RecordedRequest } from './recordingServer';

export type GraphFolder = 'inbox' | 'sentitems' | 'drafts' | 'archive' | 'junkemail';

export interface StoredGraphMessage {
	/** The id under `Prefer: IdType="ImmutableId"`: it survives moves between folders. */
	immutableId: string;
	/** The default id, which Exchange changes when the message moves to another folder. */
	restId: string;
	conversationId: string;
	folder: GraphFolder;
	raw: string;
	internetMessageId: string;
	receivedDateTime: string;
	isDraft: boolean;
	isRead: boolean;
	flagStatus: 'notFlagged' | 'flagged';
	/** Position in the mailbox's change log: a delta from an earlier position returns the message. */
	changeSeq: number;
	/** Once in the inbox, leaving it shows up in the inbox delta as `@removed`. */
	wasInInbox: boolean;
}

export interface DeliverOptions {
	folder?: GraphFolder;
	receivedAt?: number;
	isRead?: boolean;
	isDraft?: boolean;
	/** Puts the message in this conversation whatever its headers say (Exchange also threads by Thread-Index). */
	conversationId?: string;
}

/** Where a delta link resumes: the change log position, and the query the sync started with. */
interface SyncState {
	seq: number;
	since: number | null;
	select: string[] | null;
	generation: number;
}

/** A page of a delta in progress (`$skiptoken`): what is left of the changes, and the state it ends in. */
interface PendingPage {
	changes: StoredGraphMessage[];
	end: SyncState;
}

const DELTA_PATH = /^\/v1\.0\/me\/mailFolders(?:\('inbox'\)|\/inbox)\/messages\/delta$/i;
const FOLDER_IDS: Record<GraphFolder, string> = {
	inbox: 'AAMkAGInbox0000AAA=',
	sentitems: 'AAMkAGSentItems0AAA=',
	drafts: 'AAMkAGDrafts000AAA=',
	archive: 'AAMkAGArchive00AAA=',
	junkemail: 'AAMkAGJunkEmail0AAA=',
};
const FOLDER_PATH = /^\/v1\.0\/me\/mailFolders(?:\('(\w+)'\)|\/(\w+))\/messages$/i;

function graphError(status: number, code: string, message: string): FakeResponse {
	return {
		status,
		body: { error: { code, message, innerError: { 'request-id': randomBytes(8).toString('hex'), date: new Date().toISOString() } } },
	};
}

function opaqueId(prefix: string): string {
	// Real ids are base64 with `-`, `_` and `=` in them, which callers must URL-encode.
	return `${prefix}${randomBytes(24).toString('base64url')}-_=`;
}

function senderOf(raw: string): { name: string; address: string } {
	const from = rawHeaderFields(raw).find((header) => header.name.toLowerCase() === 'from')?.value ?? '';
	const angled = /^\s*"?([^"<]*?)"?\s*<([^>]+)>/.exec(from);
	if (angled) return { name: decodeEncodedWords(angled[1] ?? '').trim(), address: angled[2] ?? '' };
	const bare = /([^\s<>()]+@[^\s<>()]+)\s*(?:\((.*)\))?/.exec(from);
	return { name: bare?.[2] ?? '', address: bare?.[1] ?? '' };
}

/**
 * Microsoft Graph's mail API for what Inbox Watch reads, on 127.0.0.1: the inbox's
 * `messages/delta` (`$select`, `$filter=receivedDateTime ge`, `Prefer: odata.maxpagesize` paging
 * through `@odata.nextLink` to an `@odata.deltaLink`, `@removed` entries, expiry as 410
 * SyncStateNotFound), `Prefer: IdType="ImmutableId"`, `GET /me/messages/{id}` with
 * `$select=internetMessageHeaders`, the MIME source `/$value`, and `/me/messages` filtered by
 * conversationId; Junk Email listed newest first (`mailFolders('junkemail')/messages` with `$filter`,
 * `$orderby`, `$top`, `$select` incl. headers and the text body), `PATCH messages/{id}` (isRead, flag)
 * and `POST messages/{id}/move`. Bearer token checked; `server.requests` counts the calls; failures
 * are queued with `script.push('delta' | 'message' | 'value' | 'conversation' | 'folder' | 'change', response)`.
 */
export class FakeGraphMail {
	readonly script = new ScriptedResponses();
	readonly messages: StoredGraphMessage[] = [];
	readonly server = new RecordingServer((request) => this.handle(request));
	/** The most a delta page holds whatever the client prefers (Graph may return fewer). */
	pageSizeCap = 1000;
	private changeSeq = 0;
	private generation = 0;
	private expiredAnswer: FakeResponse = graphError(
		410,
		'SyncStateNotFound',
		'The sync state generation is not found. Please do a full sync.',
	);
	private readonly deltaTokens = new Map<string, SyncState>();
	private readonly skipTokens = new Map<string, PendingPage>();

	constructor(private readonly expectedToken: string) {}

	start(): Promise<string> {
		return this.server.start();
	}

	stop(): Promise<void> {
		return this.server.stop();
	}

	/** Puts a message in the mailbox (the inbox unless told), threaded by In-Reply-To/References. */
	deliver(raw: string, options: DeliverOptions = {}): StoredGraphMessage {
		const fields = rawHeaderFields(raw);
		const referenced = fields
			.filter((header) => /^(in-reply-to|references)$/i.test(header.name))
			.flatMap((header) => header.value.match(/<[^<>\s]+>/g) ?? []);
		const parent = this.messages.find((message) => referenced.includes(message.internetMessageId));
		const folder = options.folder ?? 'inbox';
		const message: StoredGraphMessage = {
			immutableId: opaqueId('AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A'),
			restId: opaqueId('AAMkAGI2THVSAAA'),
			conversationId: options.conversationId ?? parent?.conversationId ?? opaqueId('AAQkAGI2TG93'),
			folder,
			raw,
			internetMessageId:
				fields.find((header) => header.name.toLowerCase() === 'message-id')?.value ?? `<${randomBytes(8).toString('hex')}@fake.outlook>`,
			receivedDateTime: new Date(options.receivedAt ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			isDraft: options.isDraft ?? folder === 'drafts',
			isRead: options.isRead ?? !['inbox', 'junkemail'].includes(folder),
			flagStatus: 'notFlagged',
			changeSeq: ++this.changeSeq,
			wasInInbox: folder === 'inbox',
		};
		this.messages.push(message);
		return message;
	}

	/** One of our sends, as Exchange files it in Sent Items. */
	sent(raw: string): StoredGraphMessage {
		return this.deliver(raw, { folder: 'sentitems' });
	}

	/** Moves a message: a change in the delta of both folders, and a new default id (the immutable one stays). */
	move(message: StoredGraphMessage, folder: GraphFolder): void {
		Object.assign(message, {
			folder,
			restId: opaqueId('AAMkAGI2THVSAAA'),
			changeSeq: ++this.changeSeq,
			wasInInbox: message.wasInInbox || folder === 'inbox',
		});
	}

	/** Reading a message changes it too: the delta hands it out again. */
	markRead(message: StoredGraphMessage): void {
		Object.assign(message, { isRead: true, changeSeq: ++this.changeSeq });
	}

	/** The delta link a sync of the inbox finishing now would end with: a mailbox watched up to this moment. */
	deltaLink(): string {
		const token = randomBytes(12).toString('base64url');
		this.deltaTokens.set(token, { seq: this.changeSeq, since: null, select: null, generation: this.generation });
		return `${this.deltaUrl()}?$deltatoken=${token}`;
	}

	/** Forgets every sync state handed out: their delta and next links answer 410 (or the given error). */
	expireDeltaTokens(
		answer: FakeResponse = graphError(410, 'SyncStateNotFound', 'The sync state generation is not found. Please do a full sync.'),
	): void {
		this.generation++;
		this.expiredAnswer = answer;
	}

	/** Calls to Graph (each counts against the mailbox's throttling budget), optionally only those whose path matches. */
	apiCalls(pathPattern: RegExp = /./): RecordedRequest[] {
		return this.server.requests.filter((request) => pathPattern.test(decodeURIComponent(request.path)));
	}

	private handle(request: RecordedRequest): FakeResponse {
		if (request.headers.authorization !== `Bearer ${this.expectedToken}`) {
			return graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
		}
		const path = decodeURIComponent(request.path);
		const prefer = String(request.headers.prefer ?? '');
		const immutable = /IdType="ImmutableId"/i.test(prefer);
		if (request.method !== 'GET') return this.script.next('change') ?? this.change(request, path);
		const folderRoute = FOLDER_PATH.exec(path);
		if (folderRoute) return this.script.next('folder') ?? this.folder(request.query, folderRoute[1] ?? folderRoute[2] ?? '', immutable);
		if (DELTA_PATH.test(path)) return this.script.next('delta') ?? this.delta(request, prefer, immutable);
		if (path === '/v1.0/me/messages') return this.script.next('conversation') ?? this.conversation(request.query, immutable);
		const messageRoute = /^\/v1\.0\/me\/messages\/([^/]+)(\/\$value)?$/.exec(path);
		const found = this.messages.find((message) => message.immutableId === messageRoute?.[1] || message.restId === messageRoute?.[1]);
		if (messageRoute?.[2])
			return (
				this.script.next('value') ?? (found ? { status: 200, text: found.raw, headers: { 'content-type': 'text/plain' } } : notFound())
			);
		if (messageRoute)
			return (
				this.script.next('message') ??
				(found ? { status: 200, body: this.resource(found, selected(request.query), immutable) } : notFound())
			);
		return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop() ?? ''}'.`);
	}

	private delta(request: RecordedRequest, prefer: string, immutable: boolean): FakeResponse {
		const skipToken = request.query.get('$skiptoken');
		const deltaToken = request.query.get('$deltatoken');
		let page: PendingPage;
		if (skipToken !== null) {
			const pending = this.skipTokens.get(skipToken);
			if (!pending) return graphError(400, 'SyncStateInvalid', 'The skip token is not valid.');
			if (pending.end.generation !== this.generation) return this.expiredAnswer;
			page = pending;
		} else {
			let from: SyncState;
			if (deltaToken !== null) {
				const state = this.deltaTokens.get(deltaToken);
				if (!state) return graphError(400, 'SyncStateInvalid', 'The delta token is not valid.');
				if (state.generation !== this.generation) return this.expiredAnswer;
				from = state;
			} else {
				const since = /^receivedDateTime ge (\S+)$/.exec(request.query.get('$filter') ?? '')?.[1];
				if (request.query.has('$filter') && since === undefined)
					return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
				from = {
					seq: 0,
					since: since === undefined ? null : Date.parse(since),
					select: selected(request.query),
					generation: this.generation,
				};
			}
			const changes = this.messages
				.filter((message) => message.changeSeq > from.seq && (from.since === null || Date.parse(message.receivedDateTime) >= from.since))
				// A first sync lists what is in the inbox; later ones also what left it.
				.filter((message) => message.folder === 'inbox' || (from.seq > 0 && message.wasInInbox))
				.sort((a, b) => a.changeSeq - b.changeSeq);
			page = { changes, end: { ...from, seq: this.changeSeq } };
		}
		const preferred = Number(/odata\.maxpagesize=(\d+)/i.exec(prefer)?.[1] ?? 10);
		const size = Math.max(1, Math.min(preferred, this.pageSizeCap));
		const value = page.changes
			.slice(0, size)
			.map((message) =>
				message.folder === 'inbox'
					? this.resource(message, page.end.select, immutable)
					: { id: this.idOf(message, immutable), '@removed': { reason: 'deleted' } },
			);
		const link = this.deltaUrl();
		const token = randomBytes(12).toString('base64url');
		if (page.changes.length > size) this.skipTokens.set(token, { changes: page.changes.slice(size), end: page.end });
		else this.deltaTokens.set(token, page.end);
		const next =
			page.changes.length > size
				? { '@odata.nextLink': `${link}?$skiptoken=${token}` }
				: { '@odata.deltaLink': `${link}?$deltatoken=${token}` };
		const applied = [
			...(immutable ? ['IdType="ImmutableId"'] : []),
			...(/odata\.maxpagesize/i.test(prefer) ? [`odata.maxpagesize=${size}`] : []),
		];
		return {
			status: 200,
			body: { '@odata.context': `${this.server.baseUrl}/v1.0/$metadata#Collection(message)`, value, ...next },
			...(applied.length > 0 ? { headers: { 'preference-applied': applied.join(', ') } } : {}),
		};
	}

	/** `PATCH /me/messages/{id}` (isRead, flag) and `POST /me/messages/{id}/move` (`destinationId`): both are changes the delta shows. */
	private change(request: RecordedRequest, path: string): FakeResponse {
		const route = /^\/v1\.0\/me\/messages\/([^/]+)(\/move)?$/.exec(path);
		const found = this.messages.find((message) => message.immutableId === route?.[1] || message.restId === route?.[1]);
		if (!route || (request.method === 'PATCH') === Boolean(route[2]) || !['PATCH', 'POST'].includes(request.method))
			return graphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
		if (!found) return notFound();
		const body = JSON.parse(request.rawBody || '{}') as {
			isRead?: boolean;
			flag?: { flagStatus?: 'notFlagged' | 'flagged' };
			destinationId?: string;
		};
		if (route[2]) {
			const destination = (Object.keys(FOLDER_IDS) as GraphFolder[]).find((folder) => folder === body.destinationId?.toLowerCase());
			if (!destination) return graphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
			this.move(found, destination);
			return { status: 201, body: this.resource(found, null, true) };
		}
		Object.assign(found, {
			isRead: body.isRead ?? found.isRead,
			flagStatus: body.flag?.flagStatus ?? found.flagStatus,
			changeSeq: ++this.changeSeq,
		});
		return { status: 200, body: this.resource(found, null, true) };
	}

	/** A folder's messages, newest first (`$orderby=receivedDateTime desc` is the only order), `$filter=receivedDateTime ge`, `$top`. */
	private folder(query: URLSearchParams, name: string, immutable: boolean): FakeResponse {
		const folder = (Object.keys(FOLDER_IDS) as GraphFolder[]).find((candidate) => candidate === name.toLowerCase());
		if (!folder) return notFound();
		const since = /^receivedDateTime ge (\S+)$/.exec(query.get('$filter') ?? '')?.[1];
		if (query.has('$filter') && since === undefined)
			return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
		const value = this.messages
			.filter((message) => message.folder === folder && (since === undefined || Date.parse(message.receivedDateTime) >= Date.parse(since)))
			.sort((a, b) => Date.parse(b.receivedDateTime) - Date.parse(a.receivedDateTime))
			.slice(0, Number(query.get('$top') ?? 10));
		return { status: 200, body: { value: value.map((message) => this.resource(message, selected(query), immutable)) } };
	}

	/** `/me/messages?$filter=conversationId eq '…'` across every folder, `$top` at a time. */
	private conversation(query: URLSearchParams, immutable: boolean): FakeResponse {
		const wanted = /^conversationId eq '((?:[^']|'')*)'$/.exec(query.get('$filter') ?? '')?.[1]?.replace(/''/g, "'");
		if (wanted === undefined) return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
		const top = Number(query.get('$top') ?? 10);
		const value = this.messages.filter((message) => message.conversationId === wanted).slice(0, top);
		return { status: 200, body: { value: value.map((message) => this.resource(message, selected(query), immutable)) } };
	}

	private deltaUrl(): string {
		return `${this.server.baseUrl}/v1.0/me/mailFolders('inbox')/messages/delta`;
	}

	private idOf(message: StoredGraphMessage, immutable: boolean): string {
		return immutable ? message.immutableId : message.restId;
	}

	/** A message resource with the `$select`ed properties (id always); headers only when selected, as Graph does. */
	private resource(message: StoredGraphMessage, select: string[] | null, immutable: boolean): Record<string, unknown> {
		const subject = rawHeaderFields(message.raw).find((header) => header.name.toLowerCase() === 'subject')?.value ?? '';
		const properties: Record<string, unknown> = {
			receivedDateTime: message.receivedDateTime,
			subject: decodeEncodedWords(subject),
			from: { emailAddress: senderOf(message.raw) },
			internetMessageId: message.internetMessageId,
			conversationId: message.conversationId,
			parentFolderId: FOLDER_IDS[message.folder],
			isDraft: message.isDraft,
			isRead: message.isRead,
			flag: { flagStatus: message.flagStatus },
		};
		if (select?.includes('internetMessageHeaders')) properties.internetMessageHeaders = rawHeaderFields(message.raw);
		if (select?.includes('body'))
			properties.body = {
				contentType: 'text',
				content: message.raw
					.split(/\r?\n\r?\n/)
					.slice(1)
					.join('\n\n'),
			};
		const chosen = select ? Object.fromEntries(Object.entries(properties).filter(([name]) => select.includes(name))) : properties;
		return { '@odata.etag': `W/"CQAAABYAAAA${message.changeSeq}"`, id: this.idOf(message, immutable), ...chosen };
	}
}

function selected(query: URLSearchParams): string[] | null {
	const select = query.get('$select');
	return select === null ? null : select.split(',').map((name) => name.trim());
}

function notFound(): FakeResponse {
	return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

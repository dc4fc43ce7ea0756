import { rawHeaderFields } from './rawHeaders';
import { RecordingServer, ScriptedResponses, type FakeResponse, type RecordedRequest } from './recordingServer';

export interface StoredGmailMessage {
	id: string;
	threadId: string;
	raw: string;
	messageId: string;
	labelIds?: string[];
	historyId?: number;
	internalDate?: number;
}

/**
 * Gmail's REST API for what Send Email and Inbox Watch use: users.messages.send, users.messages.list
 * (`rfc822msgid:` and `after:` queries), users.messages.get (metadata/raw), users.threads.get,
 * users.getProfile, users.history.list (with history-id expiry) and users.messages.modify (labels;
 * SPAM is listed only for `in:spam`). Failures are queued with
 * `script.push('send' | 'list' | 'history' | 'modify', response)`; `server.requests` counts the quota spent.
 */
export class FakeGmail {
	readonly script = new ScriptedResponses();
	readonly messages: StoredGmailMessage[] = [];
	readonly server = new RecordingServer((request) => this.handle(request));
	private nextHistoryId = 1000;
	/** history.list from before this id answers 404, as Gmail does once a history id has aged out. */
	private oldestHistoryId = 1000;

	/** The mailbox's current history id, as users.getProfile reports it. */
	get historyId(): string {
		return String(this.nextHistoryId - 1);
	}

	/** Puts an inbound message in the mailbox (read or unread), threaded by In-Reply-To/References. */
	deliver(raw: string, labelIds: string[] = ['INBOX', 'UNREAD'], internalDate = Date.now()): StoredGmailMessage {
		const referenced: string[] =
			raw
				.match(/^(?:In-Reply-To|References):[^\n]*(?:\n[ \t][^\n]*)*/gim)
				?.join(' ')
				.match(/<[^<>\s]+>/g) ?? [];
		const parent = this.messages.find((message) => message.messageId !== '' && referenced.includes(message.messageId));
		const id = `in-${this.messages.length + 1}`;
		return this.store({
			id,
			threadId: parent?.threadId ?? `thread-${id}`,
			raw,
			messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '',
			labelIds,
			internalDate,
		});
	}

	/** Ages out the history: history.list from any earlier id answers 404. */
	expireHistory(): void {
		this.oldestHistoryId = this.nextHistoryId;
	}

	/** Calls to the Gmail API (every one costs quota), optionally only those whose path matches. */
	apiCalls(pathPattern: RegExp = /./): RecordedRequest[] {
		return this.server.requests.filter((request) => pathPattern.test(request.path));
	}

	private store(message: StoredGmailMessage): StoredGmailMessage {
		const stored = { labelIds: ['SENT'], internalDate: Date.now(), ...message, historyId: this.nextHistoryId++ };
		this.messages.push(stored);
		return stored;
	}

	constructor(private readonly expectedToken: string) {}

	start(): Promise<string> {
		return this.server.start();
	}

	stop(): Promise<void> {
		return this.server.stop();
	}

	/** Simulates a message that went out in an earlier attempt whose result was never reported. */
	seed(message: StoredGmailMessage): void {
		this.store(message);
	}

	private handle(request: RecordedRequest): FakeResponse {
		if (request.headers.authorization !== `Bearer ${this.expectedToken}`) {
			return { status: 401, body: { error: { code: 401, message: 'Invalid Credentials', status: 'UNAUTHENTICATED' } } };
		}
		if (request.method === 'POST' && request.path === '/gmail/v1/users/me/messages/send') {
			const scripted = this.script.next('send');
			if (scripted) return scripted;
			const { raw, threadId } = JSON.parse(request.rawBody) as { raw: string; threadId?: string };
			const mime = Buffer.from(raw, 'base64url').toString('utf8');
			const id = `gm-${this.messages.length + 1}`;
			const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(mime)?.[1] ?? '';
			const stored = this.store({ id, threadId: threadId ?? `thread-${id}`, raw: mime, messageId });
			return { status: 200, body: { id, threadId: stored.threadId, labelIds: ['SENT'] } };
		}
		if (request.method === 'GET' && request.path === '/gmail/v1/users/me/messages') {
			const scripted = this.script.next('list');
			if (scripted) return scripted;
			const query = request.query.get('q') ?? '';
			const wanted = /^rfc822msgid:(.+)$/.exec(query)?.[1];
			const after = /\bafter:(\d+)/.exec(query)?.[1];
			// As Gmail: spam is listed only when asked for (`in:spam`), and then nothing else.
			const inSpam = /\bin:spam\b/.test(query);
			const found = this.messages
				.filter((message) => (message.labelIds ?? []).includes('SPAM') === inSpam)
				.filter((message) =>
					after !== undefined
						? (message.internalDate ?? 0) >= Number(after) * 1000
						: wanted !== undefined && message.messageId === `<${wanted}>`,
				)
				.reverse();
			return {
				status: 200,
				body: page(
					found.map(({ id, threadId }) => ({ id, threadId })),
					request.query,
					'messages',
				),
			};
		}
		if (request.method === 'GET' && request.path === '/gmail/v1/users/me/profile') {
			return { status: 200, body: { emailAddress: 'me', messagesTotal: this.messages.length, historyId: this.historyId } };
		}
		if (request.method === 'GET' && request.path === '/gmail/v1/users/me/history') {
			const scripted = this.script.next('history');
			if (scripted) return scripted;
			const start = Number(request.query.get('startHistoryId'));
			if (!Number.isInteger(start) || start <= 0) return gmailError(400, 'Invalid startHistoryId');
			if (start < this.oldestHistoryId) return gmailError(404, 'Requested entity was not found.');
			const records = this.messages
				.filter((message) => (message.historyId ?? 0) > start)
				.map(({ id, threadId, labelIds, historyId }) => ({
					id: String(historyId),
					messages: [{ id, threadId }],
					messagesAdded: [{ message: { id, threadId, labelIds } }],
				}));
			return { status: 200, body: { ...page(records, request.query, 'history'), historyId: this.historyId } };
		}
		const modifyRoute = /^\/gmail\/v1\/users\/me\/messages\/([^/]+)\/modify$/.exec(request.path);
		if (request.method === 'POST' && modifyRoute) {
			const scripted = this.script.next('modify');
			if (scripted) return scripted;
			const found = this.messages.find((message) => message.id === modifyRoute[1]);
			if (!found) return gmailError(404, 'Requested entity was not found.');
			const { addLabelIds = [], removeLabelIds = [] } = JSON.parse(request.rawBody) as {
				addLabelIds?: string[];
				removeLabelIds?: string[];
			};
			found.labelIds = [...new Set([...(found.labelIds ?? []).filter((label) => !removeLabelIds.includes(label)), ...addLabelIds])];
			return { status: 200, body: { id: found.id, threadId: found.threadId, labelIds: found.labelIds } };
		}
		const messageRoute = /^\/gmail\/v1\/users\/me\/(messages|threads)\/([^/]+)$/.exec(request.path);
		if (request.method === 'GET' && messageRoute) {
			const [, kind, id] = messageRoute;
			const found = this.messages.filter((message) => (kind === 'threads' ? message.threadId : message.id) === id);
			const first = found[0];
			if (!first) return gmailError(404, 'Requested entity was not found.');
			if (kind === 'threads')
				return { status: 200, body: { id, messages: found.map((message) => messageResource(message, request.query)) } };
			return { status: 200, body: messageResource(first, request.query) };
		}
		return gmailError(404, 'Not Found');
	}
}

function gmailError(code: number, message: string): FakeResponse {
	return { status: code, body: { error: { code, message, status: code === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT' } } };
}

/** Gmail pagination: `maxResults` (default 100) and an opaque `pageToken` (an offset here). */
function page<T>(items: T[], query: URLSearchParams, key: string): Record<string, unknown> {
	const offset = Number(query.get('pageToken') ?? 0);
	const size = Number(query.get('maxResults') ?? 100);
	const slice = items.slice(offset, offset + size);
	return {
		...(slice.length > 0 ? { [key]: slice } : {}),
		...(offset + size < items.length ? { nextPageToken: String(offset + size) } : {}),
		...(key === 'messages' ? { resultSizeEstimate: items.length } : {}),
	};
}

/** users.messages.get in the formats Inbox Watch asks for: `metadata` (chosen headers) and `raw`. */
function messageResource(message: StoredGmailMessage, query: URLSearchParams): Record<string, unknown> {
	const base = {
		id: message.id,
		threadId: message.threadId,
		labelIds: message.labelIds ?? [],
		historyId: String(message.historyId),
		internalDate: String(message.internalDate),
		sizeEstimate: Buffer.byteLength(message.raw),
	};
	const format = query.get('format') ?? 'full';
	if (format === 'raw') return { ...base, raw: Buffer.from(message.raw, 'utf8').toString('base64url') };
	const headers = rawHeaderFields(message.raw);
	const wanted = query.getAll('metadataHeaders').map((name) => name.toLowerCase());
	const chosen =
		format === 'metadata' && wanted.length > 0 ? headers.filter((header) => wanted.includes(header.name.toLowerCase())) : headers;
	return { ...base, payload: { headers: chosen } };
}

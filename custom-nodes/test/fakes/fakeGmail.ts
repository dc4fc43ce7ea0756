import { RecordingServer, ScriptedResponses, type FakeResponse, type RecordedRequest } from './recordingServer';

export interface StoredGmailMessage {
	id: string;
	threadId: string;
	raw: string;
	messageId: string;
}

/**
 * Gmail's REST API for what Send Email uses: users.messages.send and users.messages.list with an
 * `rfc822msgid:` query. Failures are queued with `script.push('send' | 'list', response)`.
 */
export class FakeGmail {
	readonly script = new ScriptedResponses();
	readonly messages: StoredGmailMessage[] = [];
	readonly server = new RecordingServer((request) => this.handle(request));

	constructor(private readonly expectedToken: string) {}

	start(): Promise<string> {
		return this.server.start();
	}

	stop(): Promise<void> {
		return this.server.stop();
	}

	/** Simulates a message that went out in an earlier attempt whose result was never reported. */
	seed(message: StoredGmailMessage): void {
		this.messages.push(message);
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
			const stored = { id, threadId: threadId ?? `thread-${id}`, raw: mime, messageId };
			this.messages.push(stored);
			return { status: 200, body: { id, threadId: stored.threadId, labelIds: ['SENT'] } };
		}
		if (request.method === 'GET' && request.path === '/gmail/v1/users/me/messages') {
			const scripted = this.script.next('list');
			if (scripted) return scripted;
			const query = request.query.get('q') ?? '';
			const wanted = /^rfc822msgid:(.+)$/.exec(query)?.[1];
			const found = this.messages.filter((message) => wanted !== undefined && message.messageId === `<${wanted}>`);
			return {
				status: 200,
				body: found.length
					? { messages: found.map(({ id, threadId }) => ({ id, threadId })), resultSizeEstimate: found.length }
					: { resultSizeEstimate: 0 },
			};
		}
		return { status: 404, body: { error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } } };
	}
}

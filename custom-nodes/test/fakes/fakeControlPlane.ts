import type { WarmupObservation } from '../../nodes/shared/contract';
import { verifySignature } from '../../nodes/shared/signing';
import { RecordingServer, ScriptedResponses, type FakeResponse, type RecordedRequest } from './recordingServer';

/** The control plane's signature check (scheme v2) on a recorded request. */
export function isSignedBy(secret: string, request: RecordedRequest): boolean {
	return verifySignature({
		secret,
		method: request.method,
		target: request.target,
		timestampHeader: request.headers['x-ophir-timestamp'] as string | undefined,
		nonceHeader: request.headers['x-ophir-nonce'] as string | undefined,
		signatureHeader: request.headers['x-ophir-signature'] as string | undefined,
		rawBody: request.rawBody,
	});
}

export interface FakeControlPlaneOptions {
	signingSecret: string;
	/** apiBaseUrl the token broker hands out (points Gmail/Graph calls at a fake). */
	apiBaseUrl?: string;
	smtp?: { host: string; port: number; username: string; password: string };
	/** What imap-credentials answers; tests may change it between runs (wrong password, closed port). */
	imap?: { host: string; port: number; username: string; password: string };
}

/**
 * The control plane's internal n8n API as the nodes see it: signature check, token broker,
 * SMTP and IMAP credentials, sandbox capture and the events endpoint. Tests queue failures with `script`.
 */
export class FakeControlPlane {
	readonly script = new ScriptedResponses();
	readonly reportedResults: unknown[] = [];
	readonly sandboxMessages: Array<Record<string, unknown>> = [];
	/** Due sends the claim endpoint hands out, oldest first; each is handed out once. */
	readonly dueSends: unknown[] = [];
	/** Replies from the inbox the inbox-replies claim hands out, each once; their results land in reportedInboxReplyResults. */
	readonly queuedInboxReplies: unknown[] = [];
	readonly reportedInboxReplyResults: unknown[] = [];
	readonly server: RecordingServer;
	/** Mailboxes the inbox-watch claim hands out; their cursor advances when results are reported. */
	readonly watchedMailboxes: Array<{ mailboxId: string; provider: string; email: string; cursor: string | null }> = [];
	/** Bodies of inbox-watch results, in the order they arrived. */
	readonly inboxResults: Array<{
		mailboxId: string;
		previousCursor: string | null;
		cursor: string | null;
		events: Array<Record<string, unknown>>;
	}> = [];
	/** The `now` an inbox-watch claim answers (the control plane's clock); the real time when null. */
	watchNow: string | null = null;
	/** Bodies of warm-up observation reports, in the order they arrived. */
	readonly warmupObservations: Array<{ observations: WarmupObservation[] }> = [];
	/** What sandbox mailboxes received (simulated mail), read by sandbox-inbox after a sequence cursor. */
	readonly sandboxInbox: Array<{
		mailboxId: string;
		sequence: number;
		id: string;
		threadId: string | null;
		receivedAt: string;
		raw: string;
	}> = [];
	/** The secret access token handed out, to assert it never leaks. */
	readonly accessToken = 'ya29.SECRET-ACCESS-TOKEN-do-not-leak';
	private inboxResultsRequests = 0;
	private inboxResultsRequestToFail = 0;
	/** Like the control plane, a nonce is accepted once. */
	private readonly seenNonces = new Set<string>();

	constructor(private readonly options: FakeControlPlaneOptions) {
		this.server = new RecordingServer((request) => this.handle(request));
	}

	/** Answers the n-th inbox-watch results request from now (1: the next) with a 500, as a control plane dying mid-watch would. */
	failInboxResultsRequest(n: number): void {
		this.inboxResultsRequestToFail = this.inboxResultsRequests + n;
	}

	start(): Promise<string> {
		return this.server.start();
	}

	stop(): Promise<void> {
		return this.server.stop();
	}

	private handle(request: RecordedRequest): FakeResponse {
		const signed = isSignedBy(this.options.signingSecret, request);
		const nonce = request.headers['x-ophir-nonce'] as string;
		if (!signed || this.seenNonces.has(nonce))
			return {
				status: 401,
				body: {
					type: 'https://ophir.dev/problems/unauthenticated',
					title: 'Error',
					status: 401,
					code: 'unauthenticated',
					detail: signed ? 'Replayed nonce' : 'The signature does not match',
				},
			};
		this.seenNonces.add(nonce);

		const mailboxRoute = /^\/api\/internal\/n8n\/mailboxes\/([^/]+)\/(access-token|smtp-credentials|imap-credentials|sandbox-inbox)$/.exec(
			request.path,
		);
		const key = mailboxRoute ? (mailboxRoute[2] ?? '') : request.path;
		const scripted = this.script.next(key);
		if (scripted) return scripted;

		if (request.path === '/api/internal/n8n/ping' && request.method === 'GET') return { status: 200, body: { ok: true } };
		if (mailboxRoute?.[2] === 'access-token') {
			return {
				status: 200,
				body: {
					accessToken: this.accessToken,
					expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
					...(this.options.apiBaseUrl ? { apiBaseUrl: this.options.apiBaseUrl } : {}),
				},
			};
		}
		if (mailboxRoute?.[2] === 'smtp-credentials' && this.options.smtp) {
			const { host, port, username, password } = this.options.smtp;
			return { status: 200, body: { host, port, secure: false, requireTls: false, username, password } };
		}
		if (mailboxRoute?.[2] === 'imap-credentials' && this.options.imap) {
			const { host, port, username, password } = this.options.imap;
			return { status: 200, body: { host, port, tlsMode: 'none', secure: false, requireTls: false, username, password } };
		}
		if (mailboxRoute?.[2] === 'sandbox-inbox') {
			const { cursor, limit } = JSON.parse(request.rawBody) as { cursor: string | null; limit: number };
			const after = Number(cursor ?? '0');
			const messages = this.sandboxInbox.filter((m) => m.mailboxId === mailboxRoute[1] && m.sequence > after).slice(0, limit);
			return {
				status: 200,
				body: {
					cursor: String(messages.at(-1)?.sequence ?? after),
					messages: messages.map(({ id, threadId, receivedAt, raw }) => ({ id, threadId, receivedAt, raw })),
				},
			};
		}
		if (request.path === '/api/internal/n8n/claims' && request.method === 'POST') {
			const { batchSize } = JSON.parse(request.rawBody) as { campaignId: string; batchSize: number };
			const items = this.dueSends.splice(0, batchSize);
			return { status: 200, body: { now: new Date().toISOString(), leaseExpiresAt: new Date(Date.now() + 600_000).toISOString(), items } };
		}
		if (request.path === '/api/internal/n8n/inbox-replies/claims' && request.method === 'POST') {
			const { batchSize } = JSON.parse(request.rawBody) as { organizationId: string; batchSize: number };
			const items = this.queuedInboxReplies.splice(0, batchSize);
			return { status: 200, body: { now: new Date().toISOString(), leaseExpiresAt: new Date(Date.now() + 600_000).toISOString(), items } };
		}
		if (request.path === '/api/internal/n8n/inbox-replies/results' && request.method === 'POST') {
			const { results } = JSON.parse(request.rawBody) as { results: unknown[] };
			this.reportedInboxReplyResults.push(...results);
			return { status: 200, body: { applied: results.length, duplicates: 0, stale: 0, unknown: 0 } };
		}
		if (request.path === '/api/internal/n8n/inbox-watch/claims' && request.method === 'POST') {
			return {
				status: 200,
				body: {
					now: this.watchNow ?? new Date().toISOString(),
					ourAddresses: this.watchedMailboxes.map((mailbox) => mailbox.email),
					mailboxes: this.watchedMailboxes,
				},
			};
		}
		if (request.path === '/api/internal/n8n/inbox-watch/results' && request.method === 'POST') {
			this.inboxResultsRequests += 1;
			if (this.inboxResultsRequests === this.inboxResultsRequestToFail)
				return { status: 500, body: { code: 'internal_error', detail: 'The control plane stopped' } };
			const result = JSON.parse(request.rawBody) as FakeControlPlane['inboxResults'][number];
			this.inboxResults.push(result);
			const mailbox = this.watchedMailboxes.find((candidate) => candidate.mailboxId === result.mailboxId);
			// cursor null: one of several requests of a large watch; only the last one moves the cursor.
			const advanced = mailbox !== undefined && result.cursor !== null && mailbox.cursor === result.previousCursor;
			if (mailbox && advanced) mailbox.cursor = result.cursor;
			return { status: 200, body: { applied: result.events.length, duplicates: 0, unknown: 0, cursorAdvanced: advanced } };
		}
		if (request.path === '/api/internal/n8n/warmup/observations' && request.method === 'POST') {
			const report = JSON.parse(request.rawBody) as { observations: WarmupObservation[] };
			this.warmupObservations.push(report);
			return { status: 200, body: { applied: report.observations.length, duplicates: 0 } };
		}
		if (request.path === '/api/internal/n8n/sandbox-messages' && request.method === 'POST') {
			const message = JSON.parse(request.rawBody) as Record<string, unknown>;
			this.sandboxMessages.push(message);
			return { status: 201, body: { id: `sandbox-${this.sandboxMessages.length}`, threadId: message.threadId ?? 'sandbox-thread' } };
		}
		if (request.path === '/api/internal/n8n/events' && request.method === 'POST') {
			const { results } = JSON.parse(request.rawBody) as { results: unknown[] };
			this.reportedResults.push(...results);
			return { status: 200, body: { accepted: results.length } };
		}
		return {
			status: 404,
			body: {
				type: 'https://ophir.dev/problems/route_not_found',
				title: 'Error',
				status: 404,
				code: 'route_not_found',
				detail: `No route for ${request.method} ${request.path}`,
			},
		};
	}
}

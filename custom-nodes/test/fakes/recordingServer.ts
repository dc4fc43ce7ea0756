import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	/** Path and query exactly as on the request line (what a v2 signature covers). */
	target: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: string;
}

export interface FakeResponse {
	status: number;
	/** Sent as JSON. */
	body?: unknown;
	/** Sent as is, for non-JSON answers (a MIME source); give its content-type in `headers`. */
	text?: string;
	headers?: Record<string, string>;
}

export type Route = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

/** An HTTP server on 127.0.0.1 that records every request and answers through `route`. */
export class RecordingServer {
	readonly requests: RecordedRequest[] = [];
	/** http://127.0.0.1:<port> once started. */
	baseUrl = '';
	private server: Server | null = null;

	constructor(private readonly route: Route) {}

	async start(): Promise<string> {
		this.server = createServer((incoming, outgoing) => {
			const chunks: Buffer[] = [];
			incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
			incoming.on('end', () => {
				const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
				const request: RecordedRequest = {
					method: incoming.method ?? 'GET',
					target: incoming.url ?? '/',
					path: url.pathname,
					query: url.searchParams,
					headers: incoming.headers,
					rawBody: Buffer.concat(chunks).toString('utf8'),
				};
				this.requests.push(request);
				void Promise.resolve(this.route(request)).then((response) => {
					const payload = response.text ?? (response.body === undefined ? '' : JSON.stringify(response.body));
					outgoing.writeHead(response.status, {
						...(response.body !== undefined ? { 'content-type': 'application/json' } : {}),
						...response.headers,
					});
					outgoing.end(payload);
				});
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${port}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (server === null) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		this.server = null;
	}

	requestsTo(path: string): RecordedRequest[] {
		return this.requests.filter((request) => request.path === path);
	}
}

/** Responses queued per route key; the fallback answers once the queue is empty. */
export class ScriptedResponses {
	private readonly queues = new Map<string, FakeResponse[]>();

	push(key: string, ...responses: FakeResponse[]): void {
		this.queues.set(key, [...(this.queues.get(key) ?? []), ...responses]);
	}

	next(key: string): FakeResponse | undefined {
		return this.queues.get(key)?.shift();
	}
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it. `operation` names the endpoint (e.g. `token`, `gmail.send`). */
export interface RecordedRequest {
  operation: string;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The form fields of an `application/x-www-form-urlencoded` body (token requests). */
  form: URLSearchParams;
  receivedAt: Date;
}

export interface FakeResponse {
  status: number;
  json?: unknown;
  /** A body that is not JSON (e.g. a MIME source); give its content-type in `headers`. */
  text?: string;
  headers?: Record<string, string>;
}

/** A scripted answer for the next call of one operation, instead of the fake's normal behaviour. */
export type Fault =
  | { kind: 'status'; status: number; json?: unknown; headers?: Record<string, string> }
  | { kind: 'invalid_grant' }
  /** The call takes effect but its answer is lost: the connection drops (a sent mail whose 202 never arrives). */
  | { kind: 'lost_answer' };

/** The faults a provider answers in its own words. */
export type AnsweredFault = Exclude<Fault, { kind: 'lost_answer' }>;

export interface Endpoint {
  operation: string;
  method: string;
  /** Matched against the path; capture groups are passed to the handler. */
  path: RegExp;
  handle(request: RecordedRequest, match: RegExpExecArray): FakeResponse | Promise<FakeResponse>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An HTTP server on 127.0.0.1 that speaks a provider's wire protocol through `endpoints`, records
 * every request, and can be told to fail (`failNext`) or to be slow (`setLatency`).
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private baseUrl = '';
  private readonly faults = new Map<string, Fault[]>();
  private readonly latency = new Map<string, number>();

  constructor(
    private readonly endpoints: Endpoint[],
    private readonly answerFault: (fault: AnsweredFault, request: RecordedRequest) => FakeResponse,
  ) {}

  /** The base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  get url(): string {
    if (!this.baseUrl) throw new Error('The fake server is not started');
    return this.baseUrl;
  }

  async start(): Promise<string> {
    const server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        void this.dispatch(incoming.method ?? 'GET', incoming.url ?? '/', incoming.headers, Buffer.concat(chunks).toString('utf8')).then(
          (response) => {
            if (response === 'lost') {
              incoming.socket.destroy();
              return;
            }
            const json = response.json === undefined ? '' : JSON.stringify(response.json);
            const payload = response.text ?? json;
            outgoing.writeHead(response.status, {
              ...(json ? { 'content-type': 'application/json; charset=utf-8' } : {}),
              ...response.headers,
            });
            outgoing.end(payload);
          },
        );
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** Answers the next `count` calls of `operation` with `fault` (queued after earlier ones). */
  failNext(operation: string, fault: Fault, count = 1): void {
    const queue = this.faults.get(operation) ?? [];
    for (let i = 0; i < count; i += 1) queue.push(fault);
    this.faults.set(operation, queue);
  }

  /** Delays every answer of `operation` (or of all operations, with `*`) by `ms`. 0 removes it. */
  setLatency(operation: string, ms: number): void {
    this.latency.set(operation, ms);
  }

  /** Recorded requests of one operation, oldest first. */
  calls(operation: string): RecordedRequest[] {
    return this.requests.filter((request) => request.operation === operation);
  }

  clearRecorded(): void {
    this.requests.length = 0;
  }

  private async dispatch(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: string): Promise<FakeResponse | 'lost'> {
    const url = new URL(rawUrl, 'http://127.0.0.1');
    let match: RegExpExecArray | null = null;
    const endpoint = this.endpoints.find(
      (candidate) => candidate.method === method && (match = candidate.path.exec(url.pathname)) !== null,
    );
    const isForm = String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const request: RecordedRequest = {
      operation: endpoint?.operation ?? 'unknown',
      method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body,
      form: new URLSearchParams(isForm ? body : ''),
      receivedAt: new Date(),
    };
    this.requests.push(request);
    const delay = this.latency.get(request.operation) ?? this.latency.get('*') ?? 0;
    if (delay > 0) await sleep(delay);
    if (!endpoint || !match)
      return { status: 404, json: { error: { code: 404, message: `No fake for ${method} ${url.pathname}`, status: 'NOT_FOUND' } } };
    const fault = this.faults.get(request.operation)?.shift();
    if (fault && fault.kind !== 'lost_answer') return this.answerFault(fault, request);
    try {
      const response = await endpoint.handle(request, match);
      return fault ? 'lost' : response;
    } catch (error) {
      return { status: 500, json: { error: { code: 500, message: `fake crashed: ${(error as Error).message}` } } };
    }
  }
}

export function bearerToken(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/** Client credentials from the form body or HTTP Basic, as token endpoints accept both. */
export function clientCredentials(request: RecordedRequest): { clientId?: string; clientSecret?: string } {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Basic ')) {
    const [clientId, clientSecret] = Buffer.from(header.slice('Basic '.length), 'base64')
      .toString('utf8')
      .split(':')
      .map(decodeURIComponent);
    return { clientId, clientSecret };
  }
  return { clientId: request.form.get('client_id') ?? undefined, clientSecret: request.form.get('client_secret') ?? undefined };
}

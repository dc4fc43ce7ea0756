import { randomUUID } from 'node:crypto';
import { bearerToken, type Endpoint, type FakeResponse, type RecordedRequest } from './fakeHttpServer.js';
import { FakeProvider } from './fakeProvider.js';
import { headerValue, splitMessage } from './mimeHeaders.js';

/** A message that went out through Graph's sendMail. */
export interface FakeGraphSentMessage {
  id: string;
  conversationId: string;
  from: string;
  /** Our Message-ID header (internetMessageId), angle brackets included. */
  internetMessageId: string;
  /** The MIME text when sent as MIME, or the JSON message resource otherwise. */
  mime?: string;
  json?: unknown;
}

export interface FakeMicrosoftOptions {
  clientId?: string;
  clientSecret?: string;
  accessTokenTtlSeconds?: number;
}

export type MicrosoftOperation = 'authorize' | 'token' | 'graph.me' | 'graph.sendMail' | 'graph.sentItems';

const graphCodes: Record<number, string> = {
  400: 'ErrorInvalidRequest',
  401: 'InvalidAuthenticationToken',
  403: 'ErrorAccessDenied',
  404: 'ErrorItemNotFound',
  429: 'ApplicationThrottled',
  500: 'ErrorInternalServerError',
  503: 'ServiceUnavailable',
};

/** A Microsoft Graph error body (`{ error: { code, message } }`). */
export function graphError(status: number, message = 'The request failed.', code = graphCodes[status] ?? 'UnknownError'): FakeResponse {
  return { status, json: { error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } } } };
}

/**
 * Microsoft identity platform v2.0 (authorize redirect, token endpoint with rotating refresh tokens)
 * and the Graph calls we use (`GET /v1.0/me`, `POST /v1.0/me/sendMail` as MIME or JSON, and the
 * Sent Items lookup by internetMessageId), on 127.0.0.1. `env()` gives the control plane's settings.
 */
export class FakeMicrosoft extends FakeProvider<MicrosoftOperation> {
  private readonly sent = new Map<string, FakeGraphSentMessage[]>();

  constructor(options: FakeMicrosoftOptions = {}) {
    super({
      clientId: options.clientId ?? '00000000-0000-4000-8000-00000000c1d0',
      clientSecret: options.clientSecret ?? 'fake-microsoft-secret',
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      rotateRefreshTokens: true,
      invalidGrantBody: (description) => ({
        error: 'invalid_grant',
        error_description: `AADSTS70008: ${description}`,
        error_codes: [70008],
        timestamp: new Date().toISOString(),
        trace_id: randomUUID(),
        correlation_id: randomUUID(),
      }),
    });
  }

  env(): Record<string, string> {
    const { url } = this.server;
    return {
      MICROSOFT_CLIENT_ID: this.oauth.options.clientId,
      MICROSOFT_CLIENT_SECRET: this.oauth.options.clientSecret,
      MICROSOFT_AUTH_URL: `${url}/common/oauth2/v2.0/authorize`,
      MICROSOFT_TOKEN_URL: `${url}/common/oauth2/v2.0/token`,
      MICROSOFT_GRAPH_BASE_URL: url,
    };
  }

  sentBy(email: string): FakeGraphSentMessage[] {
    return this.sent.get(email) ?? [];
  }

  protected errorBody(status: number): FakeResponse {
    return graphError(status);
  }

  protected endpoints(): Endpoint[] {
    const graph = (operation: MicrosoftOperation, method: string, path: RegExp, handle: (email: string, request: RecordedRequest) => FakeResponse): Endpoint => ({
      operation,
      method,
      path,
      handle: (request) => {
        const issued = this.oauth.resolveAccessToken(bearerToken(request));
        return issued ? handle(issued.email, request) : graphError(401, 'Lifetime validation failed, the token is expired.');
      },
    });
    return [
      { operation: 'authorize', method: 'GET', path: /^\/[^/]+\/oauth2\/v2\.0\/authorize$/, handle: (request) => this.oauth.authorize(request) },
      { operation: 'token', method: 'POST', path: /^\/[^/]+\/oauth2\/v2\.0\/token$/, handle: (request) => this.oauth.token(request) },
      graph('graph.me', 'GET', /^\/v1\.0\/me$/, (email) => ({
        status: 200,
        json: { id: randomUUID(), displayName: email.split('@')[0], mail: email, userPrincipalName: email },
      })),
      graph('graph.sendMail', 'POST', /^\/v1\.0\/me\/sendMail$/, (email, request) => {
        const message = this.parseSendMail(email, request);
        if (!message) return graphError(400, 'Empty or malformed message payload.');
        this.sent.set(email, [...this.sentBy(email), message]);
        return { status: 202 };
      }),
      graph('graph.sentItems', 'GET', /^\/v1\.0\/me\/mailFolders\/sentitems\/messages$/, (email, request) => {
        const wanted = /internetMessageId eq '([^']+)'/.exec(request.query.get('$filter') ?? '')?.[1];
        const value = this.sentBy(email)
          .filter((message) => wanted === undefined || message.internetMessageId === wanted)
          .map(({ id, conversationId, internetMessageId }) => ({ id, conversationId, internetMessageId }));
        return { status: 200, json: { value } };
      }),
    ];
  }

  /** sendMail takes base64 MIME as text/plain, or `{ message, saveToSentItems }` as JSON. */
  private parseSendMail(email: string, request: RecordedRequest): FakeGraphSentMessage | undefined {
    const contentType = String(request.headers['content-type'] ?? '');
    const id = `AAMk${randomUUID().replace(/-/g, '')}`;
    if (contentType.startsWith('text/plain')) {
      const mime = Buffer.from(request.body.trim(), 'base64').toString('utf8');
      const { headers } = splitMessage(mime);
      if (!headerValue(headers, 'From') && !headerValue(headers, 'To')) return undefined;
      return { id, conversationId: id, from: email, internetMessageId: headerValue(headers, 'Message-ID') ?? `<${id}@fake.outlook>`, mime };
    }
    try {
      const json = JSON.parse(request.body) as { message?: { internetMessageId?: string } };
      if (!json.message) return undefined;
      return { id, conversationId: id, from: email, internetMessageId: json.message.internetMessageId ?? `<${id}@fake.outlook>`, json };
    } catch {
      return undefined;
    }
  }
}

import { randomUUID } from 'node:crypto';
import { bearerToken, type Endpoint, type FakeResponse, type RecordedRequest } from './fakeHttpServer.js';
import { addressIn, alwaysInbox, type DeliveryRule, type MailHost, type MailSender, type SentMail } from './fakeDelivery.js';
import { FakeGraphMailbox, graphError, type FakeGraphMessage } from './fakeGraphMailbox.js';
import { headerValue, splitMessage } from './mimeHeaders.js';
import { FakeProvider } from './fakeProvider.js';

export interface FakeMicrosoftOptions {
  clientId?: string;
  clientSecret?: string;
  accessTokenTtlSeconds?: number;
  /** The mailboxes' clock (receivedDateTime); n8n's Inbox Watch filters its first sync by real time. */
  now?: () => Date;
}

export type MicrosoftOperation =
  | 'authorize'
  | 'token'
  | 'graph.me'
  | 'graph.sendMail'
  | 'graph.sentItems'
  | 'graph.delta'
  | 'graph.message'
  | 'graph.mimeSource'
  | 'graph.conversation'
  | 'graph.folderMessages'
  | 'graph.move'
  | 'graph.update';

/**
 * Microsoft identity platform v2.0 (authorize redirect, token endpoint with rotating refresh tokens)
 * and Graph on 127.0.0.1: `GET /v1.0/me`, and a mailbox per account (fakeGraphMailbox.ts) for what
 * Send Email and Inbox Watch call. `env()` gives the control plane's settings.
 */
export class FakeMicrosoft extends FakeProvider<MicrosoftOperation> implements MailHost, MailSender {
  /** Where `receive` files arriving mail: the inbox, or Junk Email (Exchange's filter as the test sets it). */
  deliveryRule: DeliveryRule = alwaysInbox;
  onSent: ((mail: SentMail) => void) | null = null;
  private readonly mailboxes = new Map<string, FakeGraphMailbox>();
  private readonly now: () => Date;

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
    this.now = options.now ?? (() => new Date());
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

  /** The account's Graph mailbox (created empty on first use). */
  mailboxOf(email: string): FakeGraphMailbox {
    let mailbox = this.mailboxes.get(email);
    if (!mailbox) {
      mailbox = new FakeGraphMailbox(
        email,
        () => this.server.url,
        this.now,
        () => this.onSent,
      );
      this.mailboxes.set(email, mailbox);
    }
    return mailbox;
  }

  /** What the account sent, oldest first, as filed in Sent Items. */
  sentBy(email: string): FakeGraphMessage[] {
    return this.mailboxOf(email).sent();
  }

  /** Puts an inbound message in the account's inbox, in the conversation of the message it answers. */
  deliver(email: string, raw: string): FakeGraphMessage {
    return this.mailboxOf(email).deliver(raw);
  }

  /** Mail arriving from another mailbox: the inbox or Junk Email by `deliveryRule`. */
  receive(email: string, raw: string): FakeGraphMessage {
    const from = addressIn(headerValue(splitMessage(raw).headers, 'From') ?? '');
    const placement = this.deliveryRule({ from, to: email.toLowerCase(), raw });
    return this.mailboxOf(email).deliver(raw, placement === 'spam' ? 'junkemail' : 'inbox');
  }

  protected errorBody(status: number): FakeResponse {
    return graphError(status);
  }

  protected endpoints(): Endpoint[] {
    const graph = (
      operation: MicrosoftOperation,
      method: string,
      path: RegExp,
      handle: (mailbox: FakeGraphMailbox, request: RecordedRequest, id: string) => FakeResponse,
    ): Endpoint => ({
      operation,
      method,
      path,
      handle: (request, match) => {
        const issued = this.oauth.resolveAccessToken(bearerToken(request));
        if (!issued) return graphError(401, 'Lifetime validation failed, the token is expired.');
        return handle(this.mailboxOf(issued.email), request, decodeURIComponent(match[1] ?? ''));
      },
    });
    return [
      {
        operation: 'authorize',
        method: 'GET',
        path: /^\/[^/]+\/oauth2\/v2\.0\/authorize$/,
        handle: (request) => this.oauth.authorize(request),
      },
      { operation: 'token', method: 'POST', path: /^\/[^/]+\/oauth2\/v2\.0\/token$/, handle: (request) => this.oauth.token(request) },
      graph('graph.me', 'GET', /^\/v1\.0\/me$/, ({ email }) => ({
        status: 200,
        json: { id: randomUUID(), displayName: email.split('@')[0], mail: email, userPrincipalName: email },
      })),
      graph('graph.sendMail', 'POST', /^\/v1\.0\/me\/sendMail$/, (mailbox, request) => mailbox.sendMail(request)),
      graph('graph.sentItems', 'GET', /^\/v1\.0\/me\/mailFolders\/sentitems\/messages$/i, (mailbox, request) => mailbox.sentItems(request)),
      graph(
        'graph.delta',
        'GET',
        /^\/v1\.0\/me\/mailFolders(?:\((?:'|%27)inbox(?:'|%27)\)|\/inbox)\/messages\/delta$/i,
        (mailbox, request) => mailbox.delta(request),
      ),
      graph('graph.conversation', 'GET', /^\/v1\.0\/me\/messages$/, (mailbox, request) => mailbox.conversation(request)),
      graph('graph.mimeSource', 'GET', /^\/v1\.0\/me\/messages\/([^/]+)\/(?:\$|%24)value$/, (mailbox, _request, id) =>
        mailbox.mimeSource(id),
      ),
      graph('graph.message', 'GET', /^\/v1\.0\/me\/messages\/([^/]+)$/, (mailbox, request, id) => mailbox.message(request, id)),
      graph('graph.update', 'PATCH', /^\/v1\.0\/me\/messages\/([^/]+)$/, (mailbox, request, id) => mailbox.update(request, id)),
      graph('graph.move', 'POST', /^\/v1\.0\/me\/messages\/([^/]+)\/move$/, (mailbox, request, id) => mailbox.move(request, id)),
      graph(
        'graph.folderMessages',
        'GET',
        /^\/v1\.0\/me\/mailFolders(?:\/|\((?:'|%27))(inbox|junkemail)(?:(?:'|%27)\))?\/messages$/i,
        (mailbox, request, folder) => mailbox.folderMessages(request, folder),
      ),
    ];
  }
}

import { addressIn, alwaysInbox, recipientsOf, type DeliveryRule, type MailHost, type MailSender, type SentMail } from './fakeDelivery.js';
import { bearerToken, type Endpoint, type FakeResponse, type RecordedRequest } from './fakeHttpServer.js';
import { FakeProvider } from './fakeProvider.js';
import { headerValue, referencedMessageIds, splitMessage, type MimeHeader } from './mimeHeaders.js';

/** A message in a fake Gmail mailbox. */
export interface FakeGmailMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  /** The RFC 5322 message as text. */
  raw: string;
  headers: MimeHeader[];
  /** Our Message-ID header, angle brackets included (empty when the message has none). */
  messageId: string;
  internalDate: number;
  historyId: number;
}

interface HistoryRecord {
  id: number;
  message: FakeGmailMessage;
}

interface GmailMailbox {
  email: string;
  messages: FakeGmailMessage[];
  history: HistoryRecord[];
  /** history.list from before this id answers 404, like Gmail once a history id has aged out. */
  oldestHistoryId: number;
}

export interface FakeGoogleOptions {
  clientId?: string;
  clientSecret?: string;
  accessTokenTtlSeconds?: number;
  /** The mailboxes' clock (Gmail's internalDate): a test that moves time passes its own. */
  now?: () => Date;
}

/** Operation names for `failNext`, `setLatency` and `calls`. */
export type GoogleOperation =
  | 'authorize'
  | 'token'
  | 'gmail.profile'
  | 'gmail.send'
  | 'gmail.get'
  | 'gmail.list'
  | 'gmail.modify'
  | 'gmail.threads.get'
  | 'gmail.history';

const gmailStatus: Record<number, { status: string; reason: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', reason: 'invalidArgument', message: 'Invalid argument' },
  401: { status: 'UNAUTHENTICATED', reason: 'authError', message: 'Invalid Credentials' },
  403: { status: 'PERMISSION_DENIED', reason: 'userRateLimitExceeded', message: 'User-rate limit exceeded' },
  404: { status: 'NOT_FOUND', reason: 'notFound', message: 'Requested entity was not found.' },
  429: { status: 'RESOURCE_EXHAUSTED', reason: 'rateLimitExceeded', message: 'Too many requests' },
  500: { status: 'INTERNAL', reason: 'backendError', message: 'Backend Error' },
  503: { status: 'UNAVAILABLE', reason: 'backendError', message: 'The service is currently unavailable.' },
};

/** A Google API error body (`{ error: { code, message, errors: [{ reason }], status } }`). */
export function gmailError(code: number, overrides: { reason?: string; message?: string } = {}): FakeResponse {
  const known = gmailStatus[code] ?? { status: 'UNKNOWN', reason: 'unknown', message: 'Error' };
  const message = overrides.message ?? known.message;
  return {
    status: code,
    json: {
      error: { code, message, errors: [{ message, domain: 'global', reason: overrides.reason ?? known.reason }], status: known.status },
    },
  };
}

/**
 * Google on 127.0.0.1: the OAuth consent redirect and token endpoint, and the Gmail REST API
 * (users.getProfile, messages.send/get/list, threads.get, history.list). Point the app at it with
 * GOOGLE_AUTH_URL=`${url}/o/oauth2/v2/auth`, GOOGLE_TOKEN_URL=`${url}/token`, GMAIL_API_BASE_URL=`${url}`
 * (see `fakeGoogle.env()`).
 *
 * Supported `messages.list` queries: `rfc822msgid:<id>`, `in:inbox`, `in:sent`, `in:spam`, `is:unread`,
 * `after:<unix seconds>`, and the `labelIds` and `includeSpamTrash` parameters (SPAM and TRASH are
 * left out unless asked for, as in Gmail). `messages.get` formats: full (top-level headers and the
 * body as one part), metadata (with `metadataHeaders`), minimal, raw. `messages.modify` adds and
 * removes labels (SPAM, INBOX, UNREAD, IMPORTANT...). Sends are handed to `onSent` (a
 * FakeMailExchange routes them to the organization's other fake mailboxes); `receive` files arriving
 * mail by `deliveryRule`.
 */
export class FakeGoogle extends FakeProvider<GoogleOperation> implements MailHost, MailSender {
  /** Where `receive` files arriving mail: INBOX, or SPAM (Gmail's spam filter as the test sets it). */
  deliveryRule: DeliveryRule = alwaysInbox;
  onSent: ((mail: SentMail) => void) | null = null;
  private readonly mailboxes = new Map<string, GmailMailbox>();
  private nextHistoryId = 1000;
  private nextMessageNumber = 1;

  private readonly now: () => Date;

  constructor(options: FakeGoogleOptions = {}) {
    super({
      clientId: options.clientId ?? 'fake-google-client.apps.googleusercontent.com',
      clientSecret: options.clientSecret ?? 'fake-google-secret',
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      rotateRefreshTokens: false,
      invalidGrantBody: (description) => ({ error: 'invalid_grant', error_description: description }),
    });
    this.now = options.now ?? (() => new Date());
  }

  env(): Record<string, string> {
    const { url } = this.server;
    return {
      GOOGLE_CLIENT_ID: this.oauth.options.clientId,
      GOOGLE_CLIENT_SECRET: this.oauth.options.clientSecret,
      GOOGLE_AUTH_URL: `${url}/o/oauth2/v2/auth`,
      GOOGLE_TOKEN_URL: `${url}/token`,
      GMAIL_API_BASE_URL: url,
    };
  }

  /** Every message of a mailbox, oldest first. */
  messagesOf(email: string): FakeGmailMessage[] {
    return this.mailbox(email).messages;
  }

  /** How many messages each recipient whose address holds `.${tag}@` got from these senders: a lead's count above 1 is a duplicate send. */
  deliveriesPerRecipient(senders: readonly string[], tag: string): Map<string, number> {
    const perRecipient = new Map<string, number>();
    for (const sender of senders) {
      for (const message of this.messagesOf(sender)) {
        const to = headerValue(message.headers, 'to') ?? '';
        if (to.includes(`.${tag}@`)) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
      }
    }
    return perRecipient;
  }

  /** Puts an inbound message in a mailbox (a reply, a bounce...), threaded by its In-Reply-To/References. */
  deliver(email: string, raw: string, labelIds: string[] = ['INBOX', 'UNREAD']): FakeGmailMessage {
    return this.addMessage(this.mailbox(email), raw, labelIds);
  }

  /** Mail arriving from another mailbox: INBOX or SPAM by `deliveryRule`, unread either way. */
  receive(email: string, raw: string): FakeGmailMessage {
    const from = addressIn(headerValue(splitMessage(raw).headers, 'From') ?? '');
    const folder = this.deliveryRule({ from, to: email.toLowerCase(), raw }) === 'spam' ? 'SPAM' : 'INBOX';
    return this.deliver(email, raw, [folder, 'UNREAD']);
  }

  /** One message by its id (what the test sees after a client relabelled it). */
  messageOf(email: string, id: string): FakeGmailMessage | undefined {
    return this.mailbox(email).messages.find((message) => message.id === id);
  }

  /** Ages out the mailbox's history: history.list from any id before the current one answers 404. */
  expireHistory(email: string): void {
    const mailbox = this.mailbox(email);
    mailbox.oldestHistoryId = this.currentHistoryId();
    mailbox.history = [];
  }

  private currentHistoryId(): number {
    return this.nextHistoryId - 1;
  }

  private mailbox(email: string): GmailMailbox {
    let mailbox = this.mailboxes.get(email);
    if (!mailbox) {
      // As in Gmail, the id getProfile answers is a valid start for history.list from then on.
      mailbox = { email, messages: [], history: [], oldestHistoryId: this.currentHistoryId() };
      this.mailboxes.set(email, mailbox);
    }
    return mailbox;
  }

  private addMessage(mailbox: GmailMailbox, raw: string, labelIds: string[], requestedThreadId?: string): FakeGmailMessage {
    const { headers } = splitMessage(raw);
    const id = `${(this.nextMessageNumber++).toString(16).padStart(16, '0')}`;
    const referenced = referencedMessageIds(headers);
    const known = (threadId: string) => mailbox.messages.some((message) => message.threadId === threadId);
    const parent = mailbox.messages.find((message) => message.messageId !== '' && referenced.includes(message.messageId));
    const threadId = requestedThreadId && known(requestedThreadId) ? requestedThreadId : (parent?.threadId ?? id);
    const historyId = this.nextHistoryId++;
    const message: FakeGmailMessage = {
      id,
      threadId,
      labelIds,
      raw,
      headers,
      messageId: headerValue(headers, 'Message-ID') ?? '',
      internalDate: this.now().getTime(),
      historyId,
    };
    mailbox.messages.push(message);
    mailbox.history.push({ id: historyId, message });
    return message;
  }

  protected errorBody(status: number): FakeResponse {
    return gmailError(status);
  }

  /** The mailbox an API call acts on, from its bearer token; `userId` must be `me` or that address. */
  private authorized(request: RecordedRequest, userId: string): GmailMailbox | FakeResponse {
    const issued = this.oauth.resolveAccessToken(bearerToken(request));
    if (!issued) return gmailError(401, { message: 'Request had invalid authentication credentials.' });
    if (userId !== 'me' && decodeURIComponent(userId) !== issued.email)
      return gmailError(403, { reason: 'forbidden', message: 'Delegation denied' });
    return this.mailbox(issued.email);
  }

  protected endpoints(): Endpoint[] {
    const gmail = (
      operation: GoogleOperation,
      method: string,
      path: RegExp,
      handle: (mailbox: GmailMailbox, request: RecordedRequest, match: RegExpExecArray) => FakeResponse,
    ): Endpoint => ({
      operation,
      method,
      path,
      handle: (request, match) => {
        const mailbox = this.authorized(request, match[1]!);
        return 'status' in mailbox ? mailbox : handle(mailbox, request, match);
      },
    });
    return [
      { operation: 'authorize', method: 'GET', path: /^\/o\/oauth2\/v2\/auth$/, handle: (request) => this.oauth.authorize(request) },
      { operation: 'token', method: 'POST', path: /^\/token$/, handle: (request) => this.oauth.token(request) },
      gmail('gmail.profile', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/profile$/, (mailbox) => ({
        status: 200,
        json: {
          emailAddress: mailbox.email,
          messagesTotal: mailbox.messages.length,
          threadsTotal: new Set(mailbox.messages.map((message) => message.threadId)).size,
          historyId: String(this.currentHistoryId()),
        },
      })),
      gmail('gmail.send', 'POST', /^\/gmail\/v1\/users\/([^/]+)\/messages\/send$/, (mailbox, request) => {
        const { raw, threadId } = JSON.parse(request.body || '{}') as { raw?: string; threadId?: string };
        if (!raw)
          return gmailError(400, { message: "'raw' RFC822 payload message string or uploading message via /upload/* URL required" });
        const mime = Buffer.from(raw, 'base64url').toString('utf8');
        const message = this.addMessage(mailbox, mime, ['SENT'], threadId);
        this.onSent?.({ from: mailbox.email, recipients: recipientsOf(mime), raw: mime });
        return { status: 200, json: { id: message.id, threadId: message.threadId, labelIds: message.labelIds } };
      }),
      gmail('gmail.list', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/messages$/, (mailbox, request) => {
        const matching = mailbox.messages.filter((message) => matchesQuery(message, request.query)).reverse();
        return {
          status: 200,
          json: page(
            matching.map(({ id, threadId }) => ({ id, threadId })),
            request.query,
            'messages',
          ),
        };
      }),
      gmail('gmail.get', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/messages\/([^/]+)$/, (mailbox, request, match) => {
        const message = mailbox.messages.find((candidate) => candidate.id === match[2]);
        return message ? { status: 200, json: messageResource(message, request.query) } : gmailError(404);
      }),
      gmail('gmail.modify', 'POST', /^\/gmail\/v1\/users\/([^/]+)\/messages\/([^/]+)\/modify$/, (mailbox, request, match) => {
        const message = mailbox.messages.find((candidate) => candidate.id === match[2]);
        if (!message) return gmailError(404);
        const { addLabelIds = [], removeLabelIds = [] } = JSON.parse(request.body || '{}') as {
          addLabelIds?: string[];
          removeLabelIds?: string[];
        };
        if (addLabelIds.some((label) => removeLabelIds.includes(label)))
          return gmailError(400, { message: 'Label cannot be both added and removed' });
        message.labelIds = [...new Set([...message.labelIds.filter((label) => !removeLabelIds.includes(label)), ...addLabelIds])];
        return { status: 200, json: { id: message.id, threadId: message.threadId, labelIds: message.labelIds } };
      }),
      gmail('gmail.threads.get', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/threads\/([^/]+)$/, (mailbox, request, match) => {
        const messages = mailbox.messages.filter((candidate) => candidate.threadId === match[2]);
        if (messages.length === 0) return gmailError(404);
        return {
          status: 200,
          json: {
            id: match[2],
            historyId: String(messages.at(-1)!.historyId),
            messages: messages.map((m) => messageResource(m, request.query)),
          },
        };
      }),
      gmail('gmail.history', 'GET', /^\/gmail\/v1\/users\/([^/]+)\/history$/, (mailbox, request) => {
        const start = Number(request.query.get('startHistoryId'));
        if (!Number.isInteger(start) || start <= 0) return gmailError(400, { message: 'Invalid startHistoryId' });
        if (start < mailbox.oldestHistoryId) return gmailError(404);
        const labelId = request.query.get('labelId');
        const records = mailbox.history
          .filter((record) => record.id > start && (!labelId || record.message.labelIds.includes(labelId)))
          .map(({ id, message }) => ({
            id: String(id),
            messages: [{ id: message.id, threadId: message.threadId }],
            messagesAdded: [{ message: { id: message.id, threadId: message.threadId, labelIds: message.labelIds } }],
          }));
        const body = page(records, request.query, 'history');
        return { status: 200, json: { ...body, historyId: String(this.currentHistoryId()) } };
      }),
    ];
  }
}

function matchesQuery(message: FakeGmailMessage, query: URLSearchParams): boolean {
  const labelIds = query.getAll('labelIds');
  if (!labelIds.every((label) => message.labelIds.includes(label))) return false;
  const terms = (query.get('q') ?? '').split(/\s+/).filter(Boolean);
  // As Gmail: spam and trash are listed only when asked for (includeSpamTrash, a labelIds filter or `in:spam`).
  const asked = (label: string) =>
    query.get('includeSpamTrash') === 'true' || labelIds.includes(label) || terms.includes(`in:${label.toLowerCase()}`);
  if (['SPAM', 'TRASH'].some((label) => message.labelIds.includes(label) && !asked(label))) return false;
  for (const term of terms) {
    const [operator, ...rest] = term.split(':');
    const value = rest.join(':');
    if (operator === 'rfc822msgid' && message.messageId !== `<${value.replace(/^<|>$/g, '')}>`) return false;
    if (operator === 'in' && !message.labelIds.includes(value.toUpperCase())) return false;
    if (operator === 'is' && value === 'unread' && !message.labelIds.includes('UNREAD')) return false;
    if (operator === 'after' && message.internalDate < Number(value) * 1000) return false;
  }
  return true;
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

function messageResource(message: FakeGmailMessage, query: URLSearchParams): Record<string, unknown> {
  const format = query.get('format') ?? 'full';
  const { body } = splitMessage(message.raw);
  const base = {
    id: message.id,
    threadId: message.threadId,
    labelIds: message.labelIds,
    snippet: body.replace(/\s+/g, ' ').trim().slice(0, 100),
    historyId: String(message.historyId),
    internalDate: String(message.internalDate),
    sizeEstimate: Buffer.byteLength(message.raw),
  };
  if (format === 'minimal') return base;
  if (format === 'raw') return { ...base, raw: Buffer.from(message.raw).toString('base64url') };
  const wanted = query.getAll('metadataHeaders').map((name) => name.toLowerCase());
  const headers =
    format === 'metadata' && wanted.length > 0 ? message.headers.filter((h) => wanted.includes(h.name.toLowerCase())) : message.headers;
  const mimeType = (headerValue(message.headers, 'Content-Type') ?? 'text/plain').split(';')[0]!.trim();
  const payload =
    format === 'metadata'
      ? { mimeType, headers }
      : {
          partId: '',
          mimeType,
          filename: '',
          headers,
          body: { size: Buffer.byteLength(body), data: Buffer.from(body).toString('base64url') },
        };
  return { ...base, payload };
}

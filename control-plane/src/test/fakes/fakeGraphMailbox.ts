import { randomBytes } from 'node:crypto';
import { recipientsOf, type SentMail } from './fakeDelivery.js';
import type { FakeResponse, RecordedRequest } from './fakeHttpServer.js';
import { decodeEncodedWords, headerValue, referencedMessageIds, splitMessage, type MimeHeader } from './mimeHeaders.js';

export type GraphFolder = 'inbox' | 'sentitems' | 'junkemail';

/** A message in a fake Outlook mailbox. */
export interface FakeGraphMessage {
  /** The id under `Prefer: IdType="ImmutableId"`: Exchange keeps it when the message moves. */
  immutableId: string;
  /** The default id, which Exchange changes when the message moves to another folder. */
  restId: string;
  conversationId: string;
  folder: GraphFolder;
  /** The MIME source (`$value`); for a JSON sendMail, a MIME rendering of the JSON message. */
  raw: string;
  headers: MimeHeader[];
  /** The Message-ID header, angle brackets included. */
  internetMessageId: string;
  receivedDateTime: string;
  /** The JSON message resource when it was sent as JSON. */
  json?: unknown;
  /** Position in the mailbox's change log: a delta from an earlier position returns the message. */
  changeSeq: number;
  isRead: boolean;
  flagStatus: 'notFlagged' | 'flagged' | 'complete';
  importance: 'low' | 'normal' | 'high';
}

/** Where a delta link resumes: the change log position and the query the sync started with (Graph keeps it in its links). */
interface SyncState {
  seq: number;
  since: number | null;
  select: string[] | null;
  generation: number;
}

const folderIds: Record<GraphFolder, string> = {
  inbox: 'AAMkAGInbox0000AAA=',
  sentitems: 'AAMkAGSentItems0AAA=',
  junkemail: 'AAMkAGJunkEmail0AAA=',
};

/** A folder by its well-known name or its id, as `move` and the folder paths take it. */
function folderNamed(nameOrId: string): GraphFolder | undefined {
  const lower = nameOrId.toLowerCase();
  return (Object.keys(folderIds) as GraphFolder[]).find((folder) => folder === lower || folderIds[folder] === nameOrId);
}

const graphCodes: Record<number, string> = {
  400: 'ErrorInvalidRequest',
  401: 'InvalidAuthenticationToken',
  403: 'ErrorAccessDenied',
  404: 'ErrorItemNotFound',
  410: 'SyncStateNotFound',
  429: 'ApplicationThrottled',
  500: 'ErrorInternalServerError',
  503: 'ServiceUnavailable',
};

/** A Microsoft Graph error body (`{ error: { code, message, innerError } }`). */
export function graphError(status: number, message = 'The request failed.', code = graphCodes[status] ?? 'UnknownError'): FakeResponse {
  return {
    status,
    json: { error: { code, message, innerError: { 'request-id': randomBytes(8).toString('hex'), date: new Date().toISOString() } } },
  };
}

const itemNotFound = () => graphError(404, 'The specified object was not found in the store.');
const invalidFilter = () => graphError(400, 'The query filter contains one or more invalid nodes.', 'ErrorInvalidUrlQueryFilter');

function opaqueId(prefix: string): string {
  // Real ids are base64 with `-`, `_` and `=` in them, which callers must URL-encode.
  return `${prefix}${randomBytes(24).toString('base64url')}-_=`;
}

function graphTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function emailAddressOf(header: string | undefined): { name: string; address: string } {
  const value = decodeEncodedWords(header ?? '');
  const angled = /^\s*"?([^"<]*?)"?\s*<([^>]+)>/.exec(value);
  if (angled) return { name: angled[1]!.trim(), address: angled[2]! };
  const bare = /[^\s<>()]+@[^\s<>()]+/.exec(value)?.[0] ?? '';
  return { name: bare, address: bare };
}

function selected(query: URLSearchParams): string[] | null {
  const select = query.get('$select');
  return select === null ? null : select.split(',').map((name) => name.trim());
}

/** A JSON sendMail message as MIME, so Sent Items and `$value` read the same for both ways of sending. */
function mimeOfJsonMessage(from: string, message: Record<string, any>): string {
  const addresses = (recipients: unknown) =>
    (Array.isArray(recipients) ? recipients : [])
      .map((recipient: { emailAddress?: { address?: string } }) => `<${recipient.emailAddress?.address ?? ''}>`)
      .join(', ');
  const extra = Array.isArray(message.internetMessageHeaders)
    ? message.internetMessageHeaders.map((header: { name: string; value: string }) => `${header.name}: ${header.value}`)
    : [];
  const lines = [`From: <${from}>`, `To: ${addresses(message.toRecipients)}`, `Subject: ${message.subject ?? ''}`, ...extra];
  if (typeof message.internetMessageId === 'string') lines.push(`Message-ID: ${message.internetMessageId}`);
  return [
    ...lines,
    `Content-Type: ${message.body?.contentType === 'html' ? 'text/html' : 'text/plain'}; charset=utf-8`,
    '',
    String(message.body?.content ?? ''),
  ].join('\r\n');
}

/**
 * One Outlook mailbox behind Graph, for what our nodes call: `sendMail` (base64 MIME as
 * `text/plain`, or JSON `{ message, saveToSentItems }`) filed in Sent Items, the Sent Items lookup by
 * internetMessageId, the inbox's `messages/delta` (`$select`, `$filter=receivedDateTime ge`,
 * `Prefer: odata.maxpagesize` paging through `@odata.nextLink` to an `@odata.deltaLink`, 410
 * SyncStateNotFound once expired), `Prefer: IdType="ImmutableId"`, a message with
 * `$select=internetMessageHeaders`, its MIME source (`$value`), and `/me/messages` filtered by
 * conversationId. Messages join a conversation by In-Reply-To/References, as Outlook threads them.
 * Junk Email (`junkemail`) is a folder like the inbox: listed newest first, left by
 * `POST messages/{id}/move`; `PATCH messages/{id}` sets isRead, the flag and importance.
 */
export class FakeGraphMailbox {
  readonly messages: FakeGraphMessage[] = [];
  private changeSeq = 0;
  private generation = 0;
  private readonly deltaTokens = new Map<string, SyncState>();
  private readonly skipTokens = new Map<string, { changes: FakeGraphMessage[]; end: SyncState }>();

  constructor(
    readonly email: string,
    private readonly graphUrl: () => string,
    private readonly now: () => Date,
    /** Told of every message sent (what FakeMailExchange routes to the other fakes). */
    private readonly sentListener: () => ((mail: SentMail) => void) | null = () => null,
  ) {}

  /** Puts an inbound message (a reply, a bounce...) in a folder, in the conversation of the message it answers. */
  deliver(raw: string, folder: GraphFolder = 'inbox'): FakeGraphMessage {
    return this.file(raw, folder);
  }

  /** A message by either of its ids (what the test sees after a client moved or flagged it). */
  messageById(id: string): FakeGraphMessage | undefined {
    return this.find(id);
  }

  /** `POST /me/messages/{id}/move` with `{ destinationId }` (a well-known name or a folder id): a new default id, the same immutable one. */
  move(request: RecordedRequest, id: string): FakeResponse {
    const found = this.find(id);
    if (!found) return itemNotFound();
    const { destinationId } = JSON.parse(request.body || '{}') as { destinationId?: string };
    const destination = folderNamed(String(destinationId ?? ''));
    if (!destination) return graphError(400, 'Id is malformed.', 'ErrorInvalidIdMalformed');
    found.folder = destination;
    found.restId = opaqueId('AAMkAGI2THVSAAA');
    found.changeSeq = ++this.changeSeq;
    return { status: 201, json: this.resource(found, null, immutableIds(request)) };
  }

  /** `PATCH /me/messages/{id}`: isRead, flag.flagStatus and importance; a change shows in the next delta, as in Exchange. */
  update(request: RecordedRequest, id: string): FakeResponse {
    const found = this.find(id);
    if (!found) return itemNotFound();
    const patch = JSON.parse(request.body || '{}') as {
      isRead?: boolean;
      flag?: { flagStatus?: FakeGraphMessage['flagStatus'] };
      importance?: FakeGraphMessage['importance'];
    };
    if (typeof patch.isRead === 'boolean') found.isRead = patch.isRead;
    if (patch.flag?.flagStatus) found.flagStatus = patch.flag.flagStatus;
    if (patch.importance) found.importance = patch.importance;
    found.changeSeq = ++this.changeSeq;
    return { status: 200, json: this.resource(found, null, immutableIds(request)) };
  }

  /**
   * `GET /me/mailFolders/{inbox|junkemail}/messages`: newest first (the only `$orderby` supported is
   * `receivedDateTime desc`), optionally `$filter=receivedDateTime ge …`, `$top`, `$select` (with
   * `internetMessageHeaders` and `body`, the text body under `Prefer: outlook.body-content-type="text"`).
   */
  folderMessages(request: RecordedRequest, folderName: string): FakeResponse {
    const folder = folderNamed(folderName);
    if (!folder) return itemNotFound();
    const filter = request.query.get('$filter');
    const since = filter === null ? undefined : /^receivedDateTime ge (\S+)$/.exec(filter)?.[1];
    if (filter !== null && since === undefined) return invalidFilter();
    const orderBy = request.query.get('$orderby');
    if (orderBy !== null && !/^receivedDateTime desc$/i.test(orderBy))
      return graphError(400, 'The $orderby is not supported by this fake.', 'ErrorInvalidProperty');
    const found = this.messages
      .filter((message) => message.folder === folder && (since === undefined || Date.parse(message.receivedDateTime) >= Date.parse(since)))
      .sort((a, b) => Date.parse(b.receivedDateTime) - Date.parse(a.receivedDateTime) || b.changeSeq - a.changeSeq);
    return this.collection(found, request);
  }

  /** What went out, oldest first, as filed in Sent Items. */
  sent(): FakeGraphMessage[] {
    return this.messages.filter((message) => message.folder === 'sentitems');
  }

  /** Forgets every sync state handed out: their delta and next links answer 410, as when Exchange expires them. */
  expireDeltaLinks(): void {
    this.generation += 1;
  }

  sendMail(request: RecordedRequest): FakeResponse {
    const malformed = () => graphError(400, 'Empty or malformed message payload.', 'ErrorMimeContentInvalidBase64String');
    if (String(request.headers['content-type'] ?? '').startsWith('text/plain')) {
      const raw = Buffer.from(request.body.trim(), 'base64').toString('utf8');
      const { headers } = splitMessage(raw);
      if (!headerValue(headers, 'From') && !headerValue(headers, 'To')) return malformed();
      this.file(raw, 'sentitems');
      this.sentListener()?.({ from: this.email, recipients: recipientsOf(raw), raw });
      return { status: 202 };
    }
    let json: { message?: Record<string, unknown>; saveToSentItems?: boolean };
    try {
      json = JSON.parse(request.body) as typeof json;
    } catch {
      return malformed();
    }
    if (!json.message) return malformed();
    const mime = mimeOfJsonMessage(this.email, json.message);
    // Not saved means nowhere to find it again, exactly like Graph.
    if (json.saveToSentItems !== false) this.file(mime, 'sentitems').json = json;
    this.sentListener()?.({ from: this.email, recipients: recipientsOf(mime), raw: mime });
    return { status: 202 };
  }

  /** `GET /me/mailFolders/sentitems/messages?$filter=internetMessageId eq '<id>'`. */
  sentItems(request: RecordedRequest): FakeResponse {
    const filter = request.query.get('$filter');
    const wanted = filter === null ? undefined : /^internetMessageId eq '((?:[^']|'')*)'$/.exec(filter)?.[1]?.replace(/''/g, "'");
    if (filter !== null && wanted === undefined) return invalidFilter();
    const found = this.sent().filter((message) => wanted === undefined || message.internetMessageId === wanted);
    return this.collection(found, request);
  }

  /** `GET /me/messages?$filter=conversationId eq '…'` across every folder. */
  conversation(request: RecordedRequest): FakeResponse {
    const wanted = /^conversationId eq '((?:[^']|'')*)'$/.exec(request.query.get('$filter') ?? '')?.[1]?.replace(/''/g, "'");
    if (wanted === undefined) return invalidFilter();
    return this.collection(
      this.messages.filter((message) => message.conversationId === wanted),
      request,
    );
  }

  message(request: RecordedRequest, id: string): FakeResponse {
    const found = this.find(id);
    return found ? { status: 200, json: this.resource(found, selected(request.query), immutableIds(request)) } : itemNotFound();
  }

  /** `$value`: the MIME source, as text. */
  mimeSource(id: string): FakeResponse {
    const found = this.find(id);
    return found ? { status: 200, text: found.raw, headers: { 'content-type': 'text/plain' } } : itemNotFound();
  }

  /** The inbox's delta: a new sync (optionally `receivedDateTime ge`), or a resumed one from a `$deltatoken` or `$skiptoken`. */
  delta(request: RecordedRequest): FakeResponse {
    const gone = () => graphError(410, 'The sync state generation is not found. Please do a full sync.');
    const skipToken = request.query.get('$skiptoken');
    const deltaToken = request.query.get('$deltatoken');
    let page: { changes: FakeGraphMessage[]; end: SyncState };
    if (skipToken !== null) {
      const pending = this.skipTokens.get(skipToken);
      if (!pending) return graphError(400, 'The skip token is not valid.', 'SyncStateInvalid');
      if (pending.end.generation !== this.generation) return gone();
      page = pending;
    } else {
      let from: SyncState;
      if (deltaToken !== null) {
        const state = this.deltaTokens.get(deltaToken);
        if (!state) return graphError(400, 'The delta token is not valid.', 'SyncStateInvalid');
        if (state.generation !== this.generation) return gone();
        from = state;
      } else {
        const filter = request.query.get('$filter');
        const since = filter === null ? undefined : /^receivedDateTime ge (\S+)$/.exec(filter)?.[1];
        if (filter !== null && since === undefined) return invalidFilter();
        from = {
          seq: 0,
          since: since === undefined ? null : Date.parse(since),
          select: selected(request.query),
          generation: this.generation,
        };
      }
      const changes = this.messages.filter(
        (message) =>
          message.folder === 'inbox' &&
          message.changeSeq > from.seq &&
          (from.since === null || Date.parse(message.receivedDateTime) >= from.since),
      );
      page = { changes, end: { ...from, seq: this.changeSeq } };
    }
    const size = Math.max(1, Number(/odata\.maxpagesize=(\d+)/i.exec(String(request.headers.prefer ?? ''))?.[1] ?? 10));
    const immutable = immutableIds(request);
    const token = randomBytes(12).toString('base64url');
    const more = page.changes.length > size;
    if (more) this.skipTokens.set(token, { changes: page.changes.slice(size), end: page.end });
    else this.deltaTokens.set(token, page.end);
    const link = `${this.graphUrl()}/v1.0/me/mailFolders('inbox')/messages/delta`;
    return {
      status: 200,
      json: {
        '@odata.context': `${this.graphUrl()}/v1.0/$metadata#Collection(message)`,
        value: page.changes.slice(0, size).map((message) => this.resource(message, page.end.select, immutable)),
        ...(more ? { '@odata.nextLink': `${link}?$skiptoken=${token}` } : { '@odata.deltaLink': `${link}?$deltatoken=${token}` }),
      },
      ...(immutable ? { headers: { 'preference-applied': 'IdType="ImmutableId"' } } : {}),
    };
  }

  private file(raw: string, folder: GraphFolder): FakeGraphMessage {
    const { headers } = splitMessage(raw);
    const referenced = referencedMessageIds(headers);
    const parent = this.messages.find((message) => referenced.includes(message.internetMessageId));
    const message: FakeGraphMessage = {
      immutableId: opaqueId('AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A'),
      restId: opaqueId('AAMkAGI2THVSAAA'),
      conversationId: parent?.conversationId ?? opaqueId('AAQkAGI2TG93'),
      folder,
      raw,
      headers,
      // Exchange keeps the Message-ID a MIME message carries and makes one up otherwise.
      internetMessageId: headerValue(headers, 'Message-ID') ?? `<${randomBytes(8).toString('hex')}@fake.outlook.example>`,
      receivedDateTime: graphTime(this.now()),
      changeSeq: ++this.changeSeq,
      isRead: folder === 'sentitems',
      flagStatus: 'notFlagged',
      importance: 'normal',
    };
    this.messages.push(message);
    return message;
  }

  private find(id: string): FakeGraphMessage | undefined {
    return this.messages.find((message) => message.immutableId === id || message.restId === id);
  }

  private collection(messages: FakeGraphMessage[], request: RecordedRequest): FakeResponse {
    const top = Number(request.query.get('$top') ?? 10);
    const immutable = immutableIds(request);
    return {
      status: 200,
      json: { value: messages.slice(0, top).map((message) => this.resource(message, selected(request.query), immutable)) },
    };
  }

  /** A message resource with the `$select`ed properties (id always); headers only when selected, as Graph does. */
  private resource(message: FakeGraphMessage, select: string[] | null, immutable: boolean): Record<string, unknown> {
    const properties: Record<string, unknown> = {
      receivedDateTime: message.receivedDateTime,
      subject: decodeEncodedWords(headerValue(message.headers, 'Subject') ?? ''),
      from: { emailAddress: emailAddressOf(headerValue(message.headers, 'From')) },
      internetMessageId: message.internetMessageId,
      conversationId: message.conversationId,
      parentFolderId: folderIds[message.folder],
      isDraft: false,
      isRead: message.isRead,
      flag: { flagStatus: message.flagStatus },
      importance: message.importance,
    };
    if (select?.includes('internetMessageHeaders')) properties.internetMessageHeaders = message.headers;
    if (select?.includes('body')) properties.body = { contentType: 'text', content: splitMessage(message.raw).body };
    const chosen = select ? Object.fromEntries(Object.entries(properties).filter(([name]) => select.includes(name))) : properties;
    return { '@odata.etag': `W/"CQAAABYAAAA${message.changeSeq}"`, id: immutable ? message.immutableId : message.restId, ...chosen };
  }
}

function immutableIds(request: RecordedRequest): boolean {
  return /IdType="ImmutableId"/i.test(String(request.headers.prefer ?? ''));
}

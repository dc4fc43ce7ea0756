/**
 * A deliberately small RFC 5322 / MIME reader: headers (unfolded, encoded words decoded), nested
 * multiparts, attached messages (message/rfc822, text/rfc822-headers) and text bodies. It reads
 * only what classification needs; n8n nodes keep runtime dependencies minimal, so no mailparser.
 */

export interface Header {
	name: string;
	value: string;
}

export interface ContentType {
	/** Lower-cased `type/subtype`; `text/plain` when absent (RFC 2045). */
	mimeType: string;
	params: Record<string, string>;
}

export interface MimePart {
	headers: Header[];
	contentType: ContentType;
	/** Decoded text of a leaf part (transfer encoding undone); '' for multiparts. */
	text: string;
	parts: MimePart[];
	/** The message inside a message/rfc822 or text/rfc822-headers part. */
	attachedMessage: MimePart | null;
}

export function headerValue(headers: Header[], name: string): string | undefined {
	const wanted = name.toLowerCase();
	return headers.find((header) => header.name.toLowerCase() === wanted)?.value;
}

/** Splits at the first empty line; a text without one is all headers (text/rfc822-headers). */
function splitHeadersAndBody(raw: string): { headerText: string; body: string } {
	const match = /\r?\n\r?\n/.exec(raw);
	if (!match) return { headerText: raw, body: '' };
	return { headerText: raw.slice(0, match.index), body: raw.slice(match.index + match[0].length) };
}

export function parseHeaderBlock(headerText: string): Header[] {
	const headers: Header[] = [];
	for (const line of headerText.split(/\r?\n/)) {
		const last = headers[headers.length - 1];
		if (/^[ \t]/.test(line) && last) {
			last.value = `${last.value} ${line.trim()}`;
			continue;
		}
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
	}
	return headers.map((header) => ({ name: header.name, value: decodeEncodedWords(header.value) }));
}

function decodeBytes(bytes: Buffer, charset: string): string {
	try {
		return new TextDecoder(charset.toLowerCase()).decode(bytes);
	} catch {
		// Unknown charsets still yield readable ASCII, which is all the classifier matches on.
		return bytes.toString('latin1');
	}
}

function decodeQuotedPrintableBytes(text: string, underscoreIsSpace: boolean): Buffer {
	const source = underscoreIsSpace ? text.replace(/_/g, ' ') : text.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let index = 0; index < source.length; index++) {
		const hex = source.slice(index + 1, index + 3);
		if (source[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			index += 2;
		} else {
			bytes.push(...Buffer.from(source.charAt(index), 'utf8'));
		}
	}
	return Buffer.from(bytes);
}

/** RFC 2047 encoded words (`=?utf-8?Q?Abwesenheitsnotiz?=`); adjacent words join without the space. */
export function decodeEncodedWords(value: string): string {
	return value
		.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
		.replace(/=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g, (_whole, charset: string, encoding: string, text: string) => {
			const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintableBytes(text, true);
			return decodeBytes(bytes, charset);
		});
}

export function parseContentType(value: string | undefined): ContentType {
	if (!value) return { mimeType: 'text/plain', params: {} };
	const [mimeType = '', ...rest] = value.split(';');
	const params: Record<string, string> = {};
	for (const param of rest) {
		const equals = param.indexOf('=');
		if (equals <= 0) continue;
		params[param.slice(0, equals).trim().toLowerCase()] = param
			.slice(equals + 1)
			.trim()
			.replace(/^"|"$/g, '');
	}
	return { mimeType: mimeType.trim().toLowerCase(), params };
}

function decodeBody(body: string, headers: Header[], charset: string): string {
	const encoding = (headerValue(headers, 'Content-Transfer-Encoding') ?? '7bit').toLowerCase();
	if (encoding === 'base64') return decodeBytes(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset);
	if (encoding === 'quoted-printable') return decodeBytes(decodeQuotedPrintableBytes(body, false), charset);
	return body;
}

function splitMultipart(body: string, boundary: string): string[] {
	const delimiter = `--${boundary}`;
	const sections = body.split(new RegExp(`^${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?$\\n?`, 'm'));
	// Drop the preamble before the first delimiter and the epilogue after the closing one.
	return sections.slice(1, -1).map((section) => section.replace(/\r?\n$/, ''));
}

/** Nesting bound: real mail nests a few levels; hostile mail should not recurse without end. */
const MAX_DEPTH = 8;

export function parseMime(raw: string, depth = 0): MimePart {
	const { headerText, body } = splitHeadersAndBody(raw);
	const headers = parseHeaderBlock(headerText);
	const contentType = parseContentType(headerValue(headers, 'Content-Type'));
	const part: MimePart = { headers, contentType, text: '', parts: [], attachedMessage: null };
	const boundary = contentType.params.boundary;
	if (contentType.mimeType.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
		part.parts = splitMultipart(body, boundary).map((section) => parseMime(section, depth + 1));
		return part;
	}
	part.text = decodeBody(body, headers, contentType.params.charset ?? 'utf-8');
	if ((contentType.mimeType === 'message/rfc822' || contentType.mimeType === 'text/rfc822-headers') && depth < MAX_DEPTH) {
		part.attachedMessage = parseMime(part.text, depth + 1);
	}
	return part;
}

/** Every part, depth first, not descending into attached messages (their parts are not ours). */
export function leafParts(part: MimePart): MimePart[] {
	return part.parts.length === 0 ? [part] : part.parts.flatMap(leafParts);
}

/** The readable body: the first text/plain part, else the first text/html with its tags removed. */
export function bodyText(message: MimePart): string {
	const leaves = leafParts(message);
	const plain = leaves.find((leaf) => leaf.contentType.mimeType === 'text/plain');
	if (plain) return plain.text;
	const html = leaves.find((leaf) => leaf.contentType.mimeType === 'text/html');
	if (!html) return '';
	return html.text
		.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, '')
		.replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&');
}

/** The addr-spec of an address header (`"Bob" <bob@x.example>` -> `bob@x.example`), lower-cased. */
export function addressOf(value: string | undefined): string | null {
	if (!value) return null;
	const angle = /<([^<>@\s]+@[^<>\s]+)>/.exec(value)?.[1];
	const bare = angle ?? /([^\s<>"',;:]+@[^\s<>"',;:]+)/.exec(value)?.[1];
	return bare ? bare.toLowerCase() : null;
}

/** Every `<...>` Message-ID in an In-Reply-To / References value. */
export function messageIdsIn(value: string | undefined): string[] {
	return value ? (value.match(/<[^<>\s]+>/g) ?? []) : [];
}

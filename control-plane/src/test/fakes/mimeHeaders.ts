export interface MimeHeader {
  name: string;
  value: string;
}

/** Splits a raw RFC 5322 message into its (unfolded) top-level headers and body. */
export function splitMessage(raw: string): { headers: MimeHeader[]; body: string } {
  const boundary = /\r?\n\r?\n/.exec(raw);
  const head = boundary ? raw.slice(0, boundary.index) : raw;
  const body = boundary ? raw.slice(boundary.index + boundary[0].length) : '';
  const headers: MimeHeader[] = [];
  for (const line of head.split(/\r?\n/)) {
    const last = headers.at(-1);
    if (/^[ \t]/.test(line) && last) {
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return { headers, body };
}

export function headerValue(headers: MimeHeader[], name: string): string | undefined {
  return headers.find((header) => header.name.toLowerCase() === name.toLowerCase())?.value;
}

/** Message-IDs named by In-Reply-To and References, angle brackets included. */
export function referencedMessageIds(headers: MimeHeader[]): string[] {
  const text = `${headerValue(headers, 'In-Reply-To') ?? ''} ${headerValue(headers, 'References') ?? ''}`;
  return text.match(/<[^<>\s]+>/g) ?? [];
}

/** Undoes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`), as mail APIs do for subjects and names. */
export function decodeEncodedWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_word, charset: string, encoding: string, text: string) => {
    const bytes = /^b$/i.test(encoding)
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))),
          'latin1',
        );
    return bytes.toString(/^(utf-?8)$/i.test(charset) ? 'utf8' : 'latin1');
  });
}

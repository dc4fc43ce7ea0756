import { simpleParser, type HeaderValue } from 'mailparser';

export interface ReadableMessage {
  headers: Array<{ name: string; value: string }>;
  html: string | null;
  text: string | null;
}

function headerText(value: HeaderValue | undefined, line: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? item : 'text' in item ? String(item.text) : item.value)).join(', ');
  if (value && 'text' in value) return value.text;
  if (value && 'value' in value) {
    const params = Object.entries(value.params ?? {}).map(([key, param]) => `; ${key}=${param}`);
    return `${value.value}${params.join('')}`;
  }
  // What the parser does not structure stays as written, minus its name.
  return line.slice(line.indexOf(':') + 1).trim();
}

/**
 * A captured MIME message as a person reads it: every header decoded (encoded words, folded lines) in
 * the order written, and the HTML and plain-text bodies. The HTML is the sender's, unsanitized: a client
 * must render it in a sandboxed frame, never into its own page.
 */
export async function readableMessage(raw: string): Promise<ReadableMessage> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const headers = parsed.headerLines.map(({ key, line }) => ({
    name: line.slice(0, line.indexOf(':')).trim() || key,
    value: headerText(parsed.headers.get(key), line),
  }));
  return { headers, html: typeof parsed.html === 'string' ? parsed.html : null, text: parsed.text ?? null };
}

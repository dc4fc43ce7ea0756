import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Anything that may carry a secret is removed before it reaches a log line.
const redactedPaths = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'refreshToken',
  '*.refreshToken',
  'accessToken',
  '*.accessToken',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-ophir-signature"]',
  'req.headers["x-n8n-api-key"]',
  'res.headers["set-cookie"]',
];

const censor = '[redacted]';

// The path segment after /u/, /o/ or /c/ is a tracking token (it unsubscribes whoever holds it), and
// after /invitations/ the web app's invitation token (it joins the organization);
// OAuth callbacks carry a one-time `code` and the `state` that binds it.
const tokenPath = /^(\/(?:[uoc]|invitations)\/)[^/?#]+/;
const secretQueryKeys = new Set(['code', 'state', 'token']);

/** The URL (a path, or absolute as in a Referer) as it may be logged: tracking tokens and the values of code, state and token replaced. */
export function redactUrl(url: string): string {
  const origin = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? '';
  const [path = '', query] = url.slice(origin.length).split(/\?(.*)/s, 2);
  const safePath = origin + path.replace(tokenPath, `$1${censor}`);
  if (query === undefined) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const [key = ''] = pair.split('=', 1);
      return secretQueryKeys.has(decodeURIComponentSafely(key).toLowerCase()) ? `${key}=${censor}` : pair;
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}

function decodeURIComponentSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function redactFields(fields: unknown, secret: (key: string) => boolean): unknown {
  if (!fields || typeof fields !== 'object') return fields;
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, secret(key) ? censor : value]));
}

/** The request headers an access log line keeps: where a request came from, not what it carried (authorization, cookies). */
const loggedRequestHeaders = ['referer', 'user-agent', 'content-length'];

/**
 * pino-http's request serializer runs first (pino-std-serializers); this one keeps only what an
 * access log line needs and rewrites what it kept of the URL, the parsed query and the route params,
 * so a line never holds a token.
 */
export function redactRequestLog(req: { url?: string; query?: unknown; params?: unknown; headers?: Record<string, unknown> }) {
  if (req.url) req.url = redactUrl(req.url);
  // The headers object is the live request's: replaced, never edited.
  const headers: Record<string, unknown> = {};
  for (const name of loggedRequestHeaders) if (req.headers?.[name] !== undefined) headers[name] = req.headers[name];
  if (typeof headers.referer === 'string') headers.referer = redactUrl(headers.referer);
  req.headers = headers;
  if ('query' in req) req.query = redactFields(req.query, (key) => secretQueryKeys.has(key.toLowerCase()));
  if ('params' in req) req.params = redactFields(req.params, (key) => key === 'token');
  return req;
}

/** A response's status is what an access log line needs; its headers (security policy, caching) are the same on every line. */
export function responseLog(res: { statusCode?: number }) {
  return { statusCode: res.statusCode };
}

export function createLogger(options: { level: string; name?: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      name: options.name ?? 'control-plane',
      level: options.level,
      redact: { paths: redactedPaths, censor },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

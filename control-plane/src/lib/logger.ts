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

// A logged-in session against n8n's internal REST API (/rest), the API its editor uses. Owner setup and API-key
// minting exist only there: the Public API (/api/v1) needs an API key to begin with.
const AUTH_COOKIE = 'n8n-auth';
const REQUEST_TIMEOUT_MS = 15_000;

export class N8nRestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'N8nRestError';
  }
}

export interface N8nRestSession {
  /** Calls /rest/<path> as the logged-in user and returns the body's `data`. */
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** One call to /rest; returns the unwrapped `data` and the auth cookie if n8n set one. */
export async function callN8nRest<T>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; authCookie?: string } = {},
): Promise<{ data: T; authCookie: string | undefined }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.authCookie) headers.cookie = `${AUTH_COOKIE}=${options.authCookie}`;
  const response = await fetch(`${baseUrl}/rest${path}`, {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) {
    // n8n answers errors as {code, message}; never echo request bodies (they hold passwords).
    throw new N8nRestError(`n8n ${method} /rest${path} failed: ${response.status} ${errorMessageOf(text)}`, response.status);
  }
  const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
  return { data: parsed.data as T, authCookie: authCookieOf(response) };
}

export async function loginToN8n(baseUrl: string, email: string, password: string): Promise<N8nRestSession> {
  const { authCookie } = await callN8nRest(baseUrl, 'POST', '/login', {
    body: { emailOrLdapLoginId: email, password },
  });
  if (!authCookie) throw new Error('n8n accepted the login but set no auth cookie');
  return sessionWithCookie(baseUrl, authCookie);
}

export function sessionWithCookie(baseUrl: string, authCookie: string): N8nRestSession {
  return {
    request: async <T>(method: string, path: string, body?: unknown) =>
      (await callN8nRest<T>(baseUrl, method, path, { body, authCookie })).data,
  };
}

function authCookieOf(response: Response): string | undefined {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const separator = pair?.indexOf('=') ?? -1;
    if (pair && separator > 0 && pair.slice(0, separator).trim() === AUTH_COOKIE) {
      return pair.slice(separator + 1).trim();
    }
  }
  return undefined;
}

function errorMessageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    /* not JSON */
  }
  return text.slice(0, 300);
}

import { DependencyUnavailableError } from '../../../lib/errors.js';

/** The provider refused the refresh token or code for good (`invalid_grant`): only the user can fix it. */
export class GrantRevokedError extends Error {
  constructor(readonly providerDescription: string) {
    super(`invalid_grant: ${providerDescription}`);
    this.name = 'GrantRevokedError';
  }
}

export interface TokenEndpointAnswer {
  accessToken: string;
  expiresInSeconds: number;
  /** Present on a code exchange, and on a refresh when the provider rotates refresh tokens. */
  refreshToken?: string;
  scopes: string[];
}

const requestTimeoutMs = 15_000;

/**
 * One request to an OAuth 2.0 token endpoint (RFC 6749 section 4.1.3 / 6), client credentials in
 * the body. `invalid_grant` becomes GrantRevokedError; anything else unusable (network, 429, 5xx,
 * a rejected client) is the provider being unavailable to us, which callers may retry.
 */
export async function requestToken(options: {
  providerName: string;
  tokenUrl: string;
  form: Record<string, string>;
}): Promise<TokenEndpointAnswer> {
  const { providerName, tokenUrl, form } = options;
  let response: Response;
  try {
    response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (error) {
    throw new DependencyUnavailableError(providerName, `${providerName} token endpoint unreachable: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok && typeof body.access_token === 'string') {
    return {
      accessToken: body.access_token,
      expiresInSeconds: typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600),
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
      scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [],
    };
  }
  const description = typeof body.error_description === 'string' ? body.error_description : String(body.error ?? response.status);
  if (body.error === 'invalid_grant') throw new GrantRevokedError(description);
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new DependencyUnavailableError(providerName, `${providerName} token endpoint answered ${response.status}: ${description}`, {
    ...(Number.isInteger(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  });
}

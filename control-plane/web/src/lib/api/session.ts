import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Session = components['schemas']['Session'];

/**
 * The browser's session. The access token lives in this module's memory only, never in storage a
 * script or an extension could read later. The refresh token is in an httpOnly, SameSite=Strict cookie
 * that the browser sends to /api/auth alone (docs/security.md): script never sees it. How it is presented
 * is `refreshTransport` below and nothing else.
 */
interface AccessToken {
  token: string;
  expiresAt: number;
}

/** Asks the auth routes for a cookie session; the API also takes it as the proof against CSRF. */
export const cookieSessionHeaders = { 'X-Ophir-Session': 'cookie' } as const;

// Auth calls go through their own client: they must not pass through the middleware that adds (and refreshes) the access token.
const authClient = createClient<paths>({ headers: cookieSessionHeaders });

const refreshTransport = {
  async refresh(): Promise<Session | null> {
    const { data } = await authClient.POST('/api/auth/refresh', { body: {} });
    return data ?? null;
  },
  async revoke(): Promise<void> {
    await authClient.POST('/api/auth/logout', { body: {} });
  },
};

// Refresh this long before the access token expires, so a request never leaves with a token about to lapse.
const refreshMarginMs = 30_000;

let access: AccessToken | null = null;
let pendingRefresh: Promise<string | null> | null = null;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** Starts a session from the API's answer to sign-in, registration or refresh. */
export function startSession(session: Session): void {
  access = { token: session.accessToken, expiresAt: Date.parse(session.accessTokenExpiresAt) };
  notify();
}

function dropSession(): void {
  access = null;
  notify();
}

/** The access token to send now, refreshed first when it is about to expire; null when signed out. */
export async function currentAccessToken(now: () => number = Date.now): Promise<string | null> {
  if (access === null) return null;
  if (access.expiresAt - now() > refreshMarginMs) return access.token;
  return refreshAccessToken();
}

/** On load: a browser whose session cookie is still good is signed in again without asking. */
export async function restoreSession(): Promise<void> {
  await refreshAccessToken();
}

function refreshAccessToken(): Promise<string | null> {
  pendingRefresh ??= refreshTransport
    .refresh()
    .then((session) => {
      if (session === null) {
        dropSession();
        return null;
      }
      startSession(session);
      return session.accessToken;
    })
    .catch(() => {
      dropSession();
      return null;
    })
    .finally(() => {
      pendingRefresh = null;
    });
  return pendingRefresh;
}

/** The server refused our token (revoked, expired family): the user signs in again. */
export function sessionRejected(): void {
  dropSession();
}

/** Signs out: the server revokes the login, and this browser forgets it even if the server cannot be reached. */
export async function endSession(): Promise<void> {
  try {
    await refreshTransport.revoke();
  } finally {
    dropSession();
  }
}

export function isSignedIn(): boolean {
  return access !== null;
}

/** Calls the listener whenever the user signs in or out (or the server rejects the session). */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

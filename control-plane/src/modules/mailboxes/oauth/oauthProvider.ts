import type { TokenEndpointAnswer } from './tokenEndpoint.js';

export type OAuthMailboxProvider = 'gmail' | 'outlook';

/** What a completed consent gives us: a long-lived grant for one mailbox address. */
export interface ConnectedAccount {
  email: string;
  displayName: string | null;
  refreshToken: string;
  /** Where the inbox watcher starts (Gmail's history id at connect time); null to start from a recent window. */
  inboxCursor: string | null;
}

/** Why a connect could not complete; the code travels to the UI in the redirect. */
export class ConnectFailure extends Error {
  constructor(
    readonly code:
      'access_denied' | 'invalid_state' | 'session_mismatch' | 'exchange_failed' | 'missing_scope' | 'no_refresh_token' | 'profile_failed',
    message: string,
  ) {
    super(message);
    this.name = 'ConnectFailure';
  }
}

/** One OAuth mailbox provider (Google or Microsoft), its endpoints taken from config. */
export interface OAuthProvider {
  readonly provider: OAuthMailboxProvider;
  /** For messages: "Google", "Microsoft". */
  readonly name: string;
  /** Where the nodes send API calls (Gmail or Graph root), handed out with every access token. */
  readonly apiBaseUrl: string;
  /** False when no OAuth client is configured: connecting answers provider_not_configured. */
  readonly configured: boolean;
  authorizationUrl(options: { state: string; codeChallenge: string }): string;
  /** Exchanges the code (with the PKCE verifier) and reads the mailbox address. */
  completeConsent(options: { code: string; codeVerifier: string }): Promise<ConnectedAccount>;
  refresh(refreshToken: string): Promise<TokenEndpointAnswer>;
}

/** Throws ConnectFailure('missing_scope') unless every required scope (by suffix, as providers vary the prefix) was granted. */
export function requireScopes(granted: string[], required: string[][], providerName: string): void {
  const missing = required.filter(
    (alternatives) => !alternatives.some((scope) => granted.some((g) => g === scope || g.endsWith(`/${scope}`))),
  );
  if (missing.length > 0) {
    throw new ConnectFailure(
      'missing_scope',
      `${providerName} did not grant ${missing.map((alternatives) => alternatives.join(' or ')).join(', ')}; tick every permission on the consent screen`,
    );
  }
}

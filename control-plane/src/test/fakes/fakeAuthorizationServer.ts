import { createHash, randomBytes } from 'node:crypto';
import { clientCredentials, type FakeResponse, type RecordedRequest } from './fakeHttpServer.js';

/** What the simulated user does on the consent screen. */
export interface ConsentChoice {
  /** The account that signs in; it is created on first use. */
  email: string;
  /** The user refuses: the redirect carries `error=access_denied`. */
  deny?: boolean;
  /** Scopes the user leaves ticked (Google's granular consent); all requested ones by default. */
  grantedScopes?: string[];
}

export interface IssuedAccessToken {
  email: string;
  scopes: string[];
  expiresAt: number;
}

interface PendingCode {
  email: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

interface RefreshGrant {
  email: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

export interface AuthorizationServerOptions {
  clientId: string;
  clientSecret: string;
  accessTokenTtlSeconds: number;
  /** Microsoft rotates refresh tokens on every refresh; Google keeps the same one. */
  rotateRefreshTokens: boolean;
  /** The JSON an `invalid_grant` answer carries (the providers word it differently). */
  invalidGrantBody: (description: string) => Record<string, unknown>;
}

const token = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

/**
 * The OAuth 2.0 authorization-code flow with PKCE (RFC 6749, RFC 7636) as Google and Microsoft
 * serve it: the authorize redirect (the consent screen is simulated by `nextConsent`), the token
 * endpoint's `authorization_code` and `refresh_token` grants, and grant revocation.
 */
export class FakeAuthorizationServer {
  private readonly codes = new Map<string, PendingCode>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  private readonly accessTokens = new Map<string, IssuedAccessToken>();
  private consent: ConsentChoice = { email: 'owner@example.com' };

  constructor(readonly options: AuthorizationServerOptions) {}

  /** Decides what the next (and later) consent screens do. */
  nextConsent(choice: ConsentChoice): void {
    this.consent = choice;
  }

  /** Revokes every refresh token of an account: its next refresh answers `invalid_grant`. */
  revokeGrants(email: string): void {
    for (const grant of this.refreshGrants.values()) if (grant.email === email) grant.revoked = true;
  }

  /** Makes every access token issued so far invalid (API calls answer 401). */
  expireAccessTokens(): void {
    for (const issued of this.accessTokens.values()) issued.expiresAt = 0;
  }

  /** The account an access token belongs to, or undefined when it is unknown or expired. */
  resolveAccessToken(accessToken: string | undefined): IssuedAccessToken | undefined {
    const issued = accessToken ? this.accessTokens.get(accessToken) : undefined;
    return issued && issued.expiresAt > Date.now() ? issued : undefined;
  }

  /** Refresh tokens currently valid for an account (tests use it to prove what the app stores). */
  refreshTokensOf(email: string): string[] {
    return [...this.refreshGrants.entries()].filter(([, grant]) => grant.email === email && !grant.revoked).map(([value]) => value);
  }

  authorize(request: RecordedRequest): FakeResponse {
    const { query } = request;
    const clientId = query.get('client_id');
    const redirectUri = query.get('redirect_uri');
    if (clientId !== this.options.clientId || !redirectUri) {
      return { status: 400, json: { error: 'invalid_request', error_description: 'Unknown client or missing redirect_uri' } };
    }
    if (query.get('response_type') !== 'code') {
      return { status: 400, json: { error: 'unsupported_response_type', error_description: 'response_type must be code' } };
    }
    const target = new URL(redirectUri);
    const state = query.get('state');
    if (state !== null) target.searchParams.set('state', state);
    if (this.consent.deny) {
      target.searchParams.set('error', 'access_denied');
      return { status: 302, headers: { location: target.toString() } };
    }
    const requested = (query.get('scope') ?? '').split(' ').filter(Boolean);
    const scopes = this.consent.grantedScopes ?? requested;
    const code = token('code-');
    this.codes.set(code, {
      email: this.consent.email,
      clientId,
      redirectUri,
      scopes,
      codeChallenge: query.get('code_challenge') ?? undefined,
      codeChallengeMethod: query.get('code_challenge_method') ?? undefined,
    });
    target.searchParams.set('code', code);
    target.searchParams.set('scope', scopes.join(' '));
    return { status: 302, headers: { location: target.toString() } };
  }

  token(request: RecordedRequest): FakeResponse {
    const { clientId, clientSecret } = clientCredentials(request);
    if (clientId !== this.options.clientId || clientSecret !== this.options.clientSecret) {
      return { status: 401, json: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
    }
    const grantType = request.form.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(request, clientId);
    if (grantType === 'refresh_token') return this.refresh(request, clientId);
    return { status: 400, json: { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grantType}` } };
  }

  invalidGrant(description = 'Token has been expired or revoked.'): FakeResponse {
    return { status: 400, json: this.options.invalidGrantBody(description) };
  }

  private exchangeCode(request: RecordedRequest, clientId: string): FakeResponse {
    const code = request.form.get('code') ?? '';
    const pending = this.codes.get(code);
    // Codes are single use, whatever the outcome.
    this.codes.delete(code);
    if (!pending || pending.clientId !== clientId) return this.invalidGrant('Malformed auth code.');
    if (request.form.get('redirect_uri') !== pending.redirectUri)
      return { status: 400, json: { error: 'redirect_uri_mismatch', error_description: 'Bad Request' } };
    if (pending.codeChallenge !== undefined) {
      const verifier = request.form.get('code_verifier') ?? '';
      const computed = pending.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (computed !== pending.codeChallenge) return this.invalidGrant('Invalid code verifier.');
    }
    const refreshToken = token('refresh-');
    this.refreshGrants.set(refreshToken, { email: pending.email, clientId, scopes: pending.scopes, revoked: false });
    return { status: 200, json: { ...this.issueAccessToken(pending.email, pending.scopes), refresh_token: refreshToken } };
  }

  private refresh(request: RecordedRequest, clientId: string): FakeResponse {
    const presented = request.form.get('refresh_token') ?? '';
    const grant = this.refreshGrants.get(presented);
    if (!grant || grant.revoked || grant.clientId !== clientId) return this.invalidGrant();
    const answer: Record<string, unknown> = this.issueAccessToken(grant.email, grant.scopes);
    if (this.options.rotateRefreshTokens) {
      const rotated = token('refresh-');
      this.refreshGrants.set(rotated, { ...grant });
      answer.refresh_token = rotated;
    }
    return { status: 200, json: answer };
  }

  /** A token answer as the token endpoint gives it, for a test that needs API access without the consent dance. */
  issueAccessToken(email: string, scopes: string[]) {
    const accessToken = token('access-');
    const ttl = this.options.accessTokenTtlSeconds;
    this.accessTokens.set(accessToken, { email, scopes, expiresAt: Date.now() + ttl * 1000 });
    return { access_token: accessToken, expires_in: ttl, scope: scopes.join(' '), token_type: 'Bearer' };
  }
}

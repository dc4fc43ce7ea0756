import type { Config } from '../../../lib/config.js';
import { ConnectFailure, requireScopes, type ConnectedAccount, type OAuthProvider } from './oauthProvider.js';
import { GrantRevokedError, requestToken } from './tokenEndpoint.js';

/**
 * offline_access yields a refresh token; User.Read lets us read the address from /me; Mail.ReadWrite
 * lets the inbox watch move warm-up messages out of Junk Email and flag them (docs/warmup.md).
 */
export const outlookScopes = ['offline_access', 'User.Read', 'Mail.Send', 'Mail.ReadWrite'];

/** Microsoft identity platform v2.0 (authorization code + PKCE) and Microsoft Graph. */
export class MicrosoftOAuth implements OAuthProvider {
  readonly provider = 'outlook' as const;
  readonly name = 'Microsoft';
  readonly apiBaseUrl: string;
  readonly configured: boolean;

  constructor(
    private readonly config: Pick<
      Config,
      'MICROSOFT_CLIENT_ID' | 'MICROSOFT_CLIENT_SECRET' | 'MICROSOFT_AUTH_URL' | 'MICROSOFT_TOKEN_URL' | 'MICROSOFT_GRAPH_BASE_URL'
    >,
    private readonly redirectUri: string,
  ) {
    this.apiBaseUrl = config.MICROSOFT_GRAPH_BASE_URL.replace(/\/+$/, '');
    this.configured = Boolean(config.MICROSOFT_CLIENT_ID && config.MICROSOFT_CLIENT_SECRET);
  }

  authorizationUrl(options: { state: string; codeChallenge: string }): string {
    const url = new URL(this.config.MICROSOFT_AUTH_URL);
    url.search = new URLSearchParams({
      client_id: this.config.MICROSOFT_CLIENT_ID ?? '',
      response_type: 'code',
      redirect_uri: this.redirectUri,
      response_mode: 'query',
      scope: outlookScopes.join(' '),
      state: options.state,
      code_challenge: options.codeChallenge,
      code_challenge_method: 'S256',
      prompt: 'select_account',
    }).toString();
    return url.toString();
  }

  async completeConsent(options: { code: string; codeVerifier: string }): Promise<ConnectedAccount> {
    const tokens = await requestToken({
      providerName: this.name,
      tokenUrl: this.config.MICROSOFT_TOKEN_URL,
      form: {
        ...this.clientForm(),
        grant_type: 'authorization_code',
        code: options.code,
        code_verifier: options.codeVerifier,
        redirect_uri: this.redirectUri,
      },
    }).catch((error: unknown) => {
      throw new ConnectFailure(
        'exchange_failed',
        error instanceof GrantRevokedError ? 'Microsoft refused the authorization code; try connecting again' : (error as Error).message,
      );
    });
    // A tenant whose admin allows reading only still watches replies; its warm-up rescue reports failure.
    requireScopes(tokens.scopes, [['Mail.Send'], ['Mail.ReadWrite', 'Mail.Read']], this.name);
    if (!tokens.refreshToken)
      throw new ConnectFailure('no_refresh_token', 'Microsoft returned no refresh token (offline_access was not granted)');

    const response = await fetch(`${this.apiBaseUrl}/v1.0/me`, {
      headers: { Authorization: `Bearer ${tokens.accessToken}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    }).catch((error: unknown) => {
      throw new ConnectFailure('profile_failed', `Microsoft Graph unreachable: ${(error as Error).message}`);
    });
    const me = (await response.json().catch(() => ({}))) as { mail?: string | null; userPrincipalName?: string; displayName?: string };
    // Accounts without an Exchange mailbox property fall back to their sign-in name, which is the address for Outlook.com.
    const email = (me.mail ?? me.userPrincipalName)?.toLowerCase();
    if (!response.ok || !email)
      throw new ConnectFailure('profile_failed', `Microsoft Graph /me answered ${response.status} without an address`);
    return { email, displayName: me.displayName ?? null, refreshToken: tokens.refreshToken, inboxCursor: null };
  }

  refresh(refreshToken: string) {
    return requestToken({
      providerName: this.name,
      tokenUrl: this.config.MICROSOFT_TOKEN_URL,
      form: { ...this.clientForm(), grant_type: 'refresh_token', refresh_token: refreshToken, scope: outlookScopes.join(' ') },
    });
  }

  private clientForm(): Record<string, string> {
    return { client_id: this.config.MICROSOFT_CLIENT_ID ?? '', client_secret: this.config.MICROSOFT_CLIENT_SECRET ?? '' };
  }
}

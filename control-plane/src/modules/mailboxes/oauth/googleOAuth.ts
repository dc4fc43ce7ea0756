import { gmail } from '@googleapis/gmail';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import type { Config } from '../../../lib/config.js';
import { ConnectFailure, requireScopes, type ConnectedAccount, type OAuthProvider } from './oauthProvider.js';
import { GrantRevokedError, requestToken } from './tokenEndpoint.js';

/** Send, read (replies and bounces) and modify (mark handled) — what campaigns and the inbox watcher need. */
export const gmailScopes = [
  'https://www.googleapis.com/auth/gmail.send',
  'https://www.googleapis.com/auth/gmail.readonly',
  'https://www.googleapis.com/auth/gmail.modify',
];

export class GoogleOAuth implements OAuthProvider {
  readonly provider = 'gmail' as const;
  readonly name = 'Google';
  readonly apiBaseUrl: string;
  readonly configured: boolean;
  private readonly client: OAuth2Client;

  constructor(
    private readonly config: Pick<
      Config,
      'GOOGLE_CLIENT_ID' | 'GOOGLE_CLIENT_SECRET' | 'GOOGLE_AUTH_URL' | 'GOOGLE_TOKEN_URL' | 'GMAIL_API_BASE_URL'
    >,
    private readonly redirectUri: string,
  ) {
    this.apiBaseUrl = config.GMAIL_API_BASE_URL.replace(/\/+$/, '');
    this.configured = Boolean(config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET);
    this.client = new OAuth2Client({
      clientId: config.GOOGLE_CLIENT_ID,
      clientSecret: config.GOOGLE_CLIENT_SECRET,
      redirectUri,
      endpoints: { oauth2AuthBaseUrl: config.GOOGLE_AUTH_URL, oauth2TokenUrl: config.GOOGLE_TOKEN_URL },
    });
  }

  authorizationUrl(options: { state: string; codeChallenge: string }): string {
    return this.client.generateAuthUrl({
      // offline + consent: Google returns a refresh token on every connect, re-connects included.
      access_type: 'offline',
      prompt: 'consent',
      scope: gmailScopes,
      state: options.state,
      code_challenge: options.codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
  }

  async completeConsent(options: { code: string; codeVerifier: string }): Promise<ConnectedAccount> {
    const tokens = await requestToken({
      providerName: this.name,
      tokenUrl: this.config.GOOGLE_TOKEN_URL,
      form: {
        grant_type: 'authorization_code',
        code: options.code,
        code_verifier: options.codeVerifier,
        redirect_uri: this.redirectUri,
        client_id: this.config.GOOGLE_CLIENT_ID ?? '',
        client_secret: this.config.GOOGLE_CLIENT_SECRET ?? '',
      },
    }).catch((error: unknown) => {
      throw new ConnectFailure(
        'exchange_failed',
        error instanceof GrantRevokedError ? 'Google refused the authorization code; try connecting again' : (error as Error).message,
      );
    });
    requireScopes(tokens.scopes, [['gmail.send'], ['gmail.readonly', 'gmail.modify']], this.name);
    if (!tokens.refreshToken)
      throw new ConnectFailure(
        'no_refresh_token',
        'Google returned no refresh token; remove the app at myaccount.google.com/permissions and connect again',
      );

    const auth = new OAuth2Client();
    auth.setCredentials({ access_token: tokens.accessToken });
    const api = gmail({ version: 'v1', auth, rootUrl: `${this.apiBaseUrl}/` });
    const profile = await api.users.getProfile({ userId: 'me' }).catch((error: unknown) => {
      throw new ConnectFailure('profile_failed', `Gmail did not return the mailbox address: ${(error as Error).message}`);
    });
    const email = profile.data.emailAddress?.toLowerCase();
    if (!email) throw new ConnectFailure('profile_failed', 'Gmail returned a profile without an address');
    return { email, displayName: null, refreshToken: tokens.refreshToken, inboxCursor: profile.data.historyId ?? null };
  }

  refresh(refreshToken: string) {
    return requestToken({
      providerName: this.name,
      tokenUrl: this.config.GOOGLE_TOKEN_URL,
      form: {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: this.config.GOOGLE_CLIENT_ID ?? '',
        client_secret: this.config.GOOGLE_CLIENT_SECRET ?? '',
      },
    });
  }
}

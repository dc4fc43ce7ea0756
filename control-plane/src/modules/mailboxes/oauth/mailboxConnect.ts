import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../lib/clock.js';
import type { SecretBox } from '../../../lib/crypto.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import { scopedDb } from '../../../lib/db/tenantScope.js';
import { AppError, ForbiddenError } from '../../../lib/errors.js';
import type { AuthContext } from '../../../lib/http/route.js';
import type { Logger } from '../../../lib/logger.js';
import { sealCredentials } from '../mailboxCredentials.js';
import { ConnectCookies, readBrowserBinding, type ConnectCookie } from './connectCookie.js';
import { consumeConnectState, deleteStaleConnectStates, issueConnectState, stateTtlMs } from './connectStates.js';
import { ConnectFailure, type ConnectedAccount, type OAuthMailboxProvider, type OAuthProvider } from './oauthProvider.js';
import { organizationTimezone } from '../../organizations/organization.service.js';

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

/** Where the browser goes after the callback, and the connect's cookie to clear. */
export interface CallbackOutcome {
  location: string;
  clearCookie?: ConnectCookie;
}

/** The Gmail and Outlook connect flow: consent URL out, callback in, mailbox stored with its grant sealed. */
export class MailboxConnect {
  private readonly cookies: Record<OAuthMailboxProvider, ConnectCookies>;

  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      secrets: SecretBox;
      clock: Clock;
      logger: Logger;
      providers: Record<OAuthMailboxProvider, OAuthProvider>;
      /** Each provider's redirect URI on this server; the connect cookie is scoped to its path. */
      callbackUrls: Record<OAuthMailboxProvider, string>;
      /** Where the browser lands afterwards: `${appUrl}/mailboxes?connected=<id>` or `?error=<code>`. */
      appUrl: string;
    },
  ) {
    this.cookies = { gmail: new ConnectCookies(deps.callbackUrls.gmail), outlook: new ConnectCookies(deps.callbackUrls.outlook) };
  }

  /** The consent URL, and the cookie that binds this connect to the browser that asked for it. */
  async start(
    auth: AuthContext,
    providerName: OAuthMailboxProvider,
  ): Promise<{ authorizationUrl: string; expiresAt: string; cookie: ConnectCookie }> {
    const provider = this.deps.providers[providerName];
    if (!provider.configured) {
      const prefix = providerName === 'gmail' ? 'GOOGLE' : 'MICROSOFT';
      throw new AppError(
        'provider_not_configured',
        `${provider.name} sign-in is not set up on this server: set ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET`,
        { provider: providerName },
      );
    }
    // The consent happens in a person's browser, and the state is bound to that person.
    if (!auth.userId) throw new ForbiddenError('Connecting a mailbox needs a signed-in user, not an API key');
    const now = this.deps.clock.now();
    await deleteStaleConnectStates(this.deps.prisma, now);
    const issued = await issueConnectState({
      db: auth.db,
      secrets: this.deps.secrets,
      organizationId: auth.organizationId,
      userId: auth.userId,
      provider: providerName,
      now,
    });
    return {
      authorizationUrl: provider.authorizationUrl(issued),
      expiresAt: issued.expiresAt.toISOString(),
      cookie: this.cookies[providerName].binding(issued.state, issued.browserBinding, stateTtlMs),
    };
  }

  /** Handles the provider's redirect (with the request's Cookie header); always answers with where to send the browser next. */
  async complete(providerName: OAuthMailboxProvider, query: CallbackQuery, cookieHeader: string | undefined): Promise<CallbackOutcome> {
    const clearCookie = query.state ? this.cookies[providerName].cleared(query.state) : undefined;
    try {
      const mailboxId = await this.connect(providerName, query, cookieHeader);
      return { location: this.appRedirect({ connected: mailboxId, provider: providerName }), clearCookie };
    } catch (error) {
      if (!(error instanceof ConnectFailure)) throw error;
      this.deps.logger.warn({ provider: providerName, code: error.code, reason: error.message }, 'mailbox connect failed');
      return { location: this.appRedirect({ error: error.code, message: error.message, provider: providerName }), clearCookie };
    }
  }

  private async connect(providerName: OAuthMailboxProvider, query: CallbackQuery, cookieHeader: string | undefined): Promise<string> {
    const { prisma, secrets, clock } = this.deps;
    const now = clock.now();
    const consumed = query.state
      ? await consumeConnectState({
          prisma,
          secrets,
          provider: providerName,
          state: query.state,
          browserBinding: readBrowserBinding(cookieHeader, query.state),
          now,
        })
      : undefined;
    if (!consumed)
      throw new ConnectFailure('invalid_state', 'This connect link expired or was already used; start again from the mailboxes page');
    if (!consumed.sameBrowser) {
      throw new ConnectFailure(
        'session_mismatch',
        'This connect was started in another browser or by someone else; nothing was connected. Start again from the mailboxes page while signed in',
      );
    }
    if (query.error) throw new ConnectFailure('access_denied', query.error_description ?? `The provider answered ${query.error}`);
    if (!query.code) throw new ConnectFailure('exchange_failed', 'The provider returned no authorization code');
    const membership = await prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId: consumed.organizationId, userId: consumed.userId } },
    });
    if (!membership || membership.role === 'viewer')
      throw new ConnectFailure('invalid_state', 'You are no longer allowed to connect mailboxes in this organization');

    const account = await this.deps.providers[providerName].completeConsent({ code: query.code, codeVerifier: consumed.codeVerifier });
    return this.storeMailbox(consumed, providerName, account);
  }

  /** Re-connecting an address updates its mailbox (new grant, active again); caps and history stay. */
  private async storeMailbox(
    consumed: { organizationId: string; userId: string },
    provider: OAuthMailboxProvider,
    account: ConnectedAccount,
  ): Promise<string> {
    const db = scopedDb(this.deps.prisma, consumed.organizationId);
    const existing = await db.mailbox.findFirst({ where: { email: account.email } });
    const id = existing?.id ?? randomUUID();
    const connection = {
      provider,
      status: 'active' as const,
      statusReason: null,
      ...sealCredentials(this.deps.secrets, id, { kind: 'oauth', refreshToken: account.refreshToken }),
    };
    if (existing) {
      const keepCursor = existing.provider === provider && existing.inboxCursor !== null;
      await db.mailbox.update({
        where: { id },
        data: { ...connection, inboxCursor: keepCursor ? existing.inboxCursor : account.inboxCursor },
      });
    } else {
      await db.mailbox.create({
        data: {
          id,
          organizationId: consumed.organizationId,
          email: account.email,
          displayName: account.displayName,
          inboxCursor: account.inboxCursor,
          timezone: await organizationTimezone(db, consumed.organizationId),
          ...connection,
        },
      });
    }
    await db.auditLog.create({
      data: {
        organizationId: consumed.organizationId,
        actorUserId: consumed.userId,
        action: existing ? 'mailbox.reconnected' : 'mailbox.connected',
        targetType: 'mailbox',
        targetId: id,
        data: { provider, email: account.email },
      },
    });
    return id;
  }

  private appRedirect(params: Record<string, string>): string {
    // Relative, so an app served under a path prefix keeps it.
    const url = new URL('mailboxes', this.deps.appUrl.endsWith('/') ? this.deps.appUrl : `${this.deps.appUrl}/`);
    url.search = new URLSearchParams(params).toString();
    return url.toString();
  }
}

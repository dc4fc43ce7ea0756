import type { Mailbox } from '../../generated/prisma/client.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/crypto.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { recordWebhookEvents } from '../../lib/webhooks/webhookOutbox.js';
import { assertMailboxCanSend } from './mailboxAvailability.js';
import { openCredentials, sealCredentials } from './mailboxCredentials.js';
import type { OAuthMailboxProvider, OAuthProvider } from './oauth/oauthProvider.js';
import { GrantRevokedError } from './oauth/tokenEndpoint.js';
import { withArticle } from '../../lib/words.js';

/** Tokens with less than this left are refreshed before being handed out. */
export const refreshAheadMs = 5 * 60_000;

export interface BrokeredAccessToken {
  accessToken: string;
  expiresAt: string;
  provider: OAuthMailboxProvider;
  email: string;
  apiBaseUrl: string;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
  /** The sealed grant the token came from: a re-connect changes it, which invalidates the entry. */
  grantVersion: string;
}

/**
 * Hands short-lived access tokens to the n8n nodes, so the refresh tokens never leave the control
 * plane. Tokens are cached in memory per mailbox until shortly before they expire; concurrent
 * requests for one mailbox share a single refresh. A revoked grant (`invalid_grant`) flips the
 * mailbox to needs_reauth once; later requests are refused without calling the provider.
 */
export class TokenBroker {
  private readonly cache = new Map<string, CachedToken>();
  private readonly refreshing = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      secrets: SecretBox;
      clock: Clock;
      logger: Logger;
      providers: Record<OAuthMailboxProvider, OAuthProvider>;
    },
  ) {}

  async accessToken(mailboxId: string, expectedProvider?: string, purpose: 'send' | 'watch' = 'send'): Promise<BrokeredAccessToken> {
    // n8n is platform-level: the mailbox id alone names the mailbox, and its row names the organization.
    const mailbox = await this.deps.prisma.mailbox.findUnique({ where: { id: mailboxId } });
    if (!mailbox) throw new NotFoundError('Mailbox');
    if (mailbox.provider !== 'gmail' && mailbox.provider !== 'outlook') {
      throw new AppError(
        'mailbox_unavailable',
        `Mailbox ${mailbox.email} is ${withArticle(mailbox.provider)} mailbox and has no access token`,
        { provider: mailbox.provider },
      );
    }
    if (expectedProvider && expectedProvider !== mailbox.provider) {
      throw new AppError(
        'mailbox_unavailable',
        `Mailbox ${mailbox.email} is ${withArticle(mailbox.provider)} mailbox, not ${expectedProvider}`,
        { provider: mailbox.provider },
      );
    }
    // A paused mailbox stops sending, not receiving: its replies and bounces are still watched.
    if (purpose === 'send' || mailbox.status !== 'paused') assertMailboxCanSend(mailbox);
    const token = await this.currentToken(mailbox as Mailbox & { provider: OAuthMailboxProvider });
    return {
      accessToken: token.accessToken,
      expiresAt: new Date(token.expiresAt).toISOString(),
      provider: mailbox.provider,
      email: mailbox.email,
      apiBaseUrl: this.deps.providers[mailbox.provider].apiBaseUrl,
    };
  }

  /** Drops a mailbox's cached token (after a disconnect or delete). */
  forget(mailboxId: string): void {
    this.cache.delete(mailboxId);
  }

  private async currentToken(mailbox: Mailbox & { provider: OAuthMailboxProvider }): Promise<CachedToken> {
    const cached = this.cache.get(mailbox.id);
    const now = this.deps.clock.now().getTime();
    if (cached && cached.grantVersion === mailbox.credentialsCiphertext && cached.expiresAt - refreshAheadMs > now) return cached;
    let pending = this.refreshing.get(mailbox.id);
    if (!pending) {
      pending = this.refresh(mailbox).finally(() => this.refreshing.delete(mailbox.id));
      this.refreshing.set(mailbox.id, pending);
    }
    return pending;
  }

  private async refresh(mailbox: Mailbox & { provider: OAuthMailboxProvider }): Promise<CachedToken> {
    const { prisma, secrets, clock } = this.deps;
    const credentials = openCredentials(secrets, mailbox);
    if (credentials?.kind !== 'oauth') throw await this.markNeedsReauth(mailbox, 'No stored grant for this mailbox; connect it again');
    const provider = this.deps.providers[mailbox.provider];
    let answer;
    try {
      answer = await provider.refresh(credentials.refreshToken);
    } catch (error) {
      if (error instanceof GrantRevokedError) {
        throw await this.markNeedsReauth(
          mailbox,
          `${provider.name} refused the stored grant (${error.message}); connect the mailbox again`,
        );
      }
      throw error;
    }
    let grantVersion = mailbox.credentialsCiphertext!;
    if (answer.refreshToken && answer.refreshToken !== credentials.refreshToken) {
      // Microsoft rotates refresh tokens: keep the newest, unless a re-connect replaced the grant meanwhile.
      const sealed = sealCredentials(secrets, mailbox.id, { kind: 'oauth', refreshToken: answer.refreshToken });
      const stored = await prisma.mailbox.updateMany({ where: { id: mailbox.id, credentialsCiphertext: grantVersion }, data: sealed });
      if (stored.count === 1) grantVersion = sealed.credentialsCiphertext;
    }
    const token = { accessToken: answer.accessToken, expiresAt: clock.now().getTime() + answer.expiresInSeconds * 1000, grantVersion };
    this.cache.set(mailbox.id, token);
    return token;
  }

  /** Records the revoked grant on the mailbox (pausing its sends) and returns the error for n8n. */
  private async markNeedsReauth(mailbox: Mailbox, reason: string): Promise<AppError> {
    this.cache.delete(mailbox.id);
    // Conditional on the grant we tried: a re-connect that landed meanwhile must not be undone.
    const flipped = await this.deps.prisma.$transaction(async (tx) => {
      const updated = await tx.mailbox.updateMany({
        where: { id: mailbox.id, credentialsCiphertext: mailbox.credentialsCiphertext },
        data: { status: 'needs_reauth', statusReason: reason },
      });
      if (updated.count === 0) return false;
      await tx.auditLog.create({
        data: {
          organizationId: mailbox.organizationId,
          action: 'mailbox.needs_reauth',
          targetType: 'mailbox',
          targetId: mailbox.id,
          data: { reason },
        },
      });
      await recordWebhookEvents(tx, mailbox.organizationId, [
        { type: 'mailbox.needs_reauth', occurredAt: this.deps.clock.now(), mailboxId: mailbox.id, data: { reason } },
      ]);
      return true;
    });
    if (flipped) {
      this.deps.logger.warn(
        { mailboxId: mailbox.id, organizationId: mailbox.organizationId },
        'mailbox grant revoked: needs re-authorization',
      );
    }
    return new AppError('mailbox_needs_reauth', `Mailbox ${mailbox.email} needs to be connected again: ${reason}`, {
      mailboxId: mailbox.id,
    });
  }
}

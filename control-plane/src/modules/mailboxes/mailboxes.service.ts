import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Mailbox } from '../../generated/prisma/client.js';
import type { Clock } from '../../lib/clock.js';
import type { SecretBox } from '../../lib/crypto.js';
import { AppError, ConflictError, NotFoundError } from '../../lib/errors.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import type { AuthContext } from '../../lib/http/route.js';
import type { OutboundPolicy } from '../../lib/net/outboundDestination.js';
import { recordAudit } from '../organizations/audit.js';
import { refreshMailboxHealth, type HealthPolicy } from './health/mailboxHealth.js';
import { mailboxCapacity } from './limits/capacity.js';
import { warmingDay } from './limits/warming.js';
import { mailboxDailyUsage } from './limits/dailyUsage.js';
import { readableMessage } from './sandbox/readableMessage.js';
import { sealCredentials } from './mailboxCredentials.js';
import { assertNoSendsInFlight } from './sendsInFlight.js';
import { toMailbox, toUsage } from './mailboxDto.js';
import type { createSandboxMailboxBody, createSmtpMailboxBody, updateMailboxBody } from './mailboxes.schemas.js';
import { verifyImapConnection } from './smtp/imapConnection.js';
import { verifySmtpConnection, type SmtpConnection } from './smtp/smtpConnection.js';
import type { TokenBroker } from './tokenBroker.js';
import { withArticle } from '../../lib/words.js';
import { newestFirstOrder, newestFirstPage, olderThan } from '../../lib/http/cursor.js';
import { organizationTimezone } from '../organizations/organization.service.js';

type UpdateMailbox = z.infer<typeof updateMailboxBody>;
type CreateSmtpMailbox = z.infer<typeof createSmtpMailboxBody>;
type CreateSandboxMailbox = z.infer<typeof createSandboxMailboxBody>;

/** The user-facing mailbox operations; every query goes through the caller's organization scope. */
export class MailboxesService {
  constructor(
    private readonly deps: { secrets: SecretBox; clock: Clock; broker: TokenBroker; healthPolicy: HealthPolicy; outbound: OutboundPolicy },
  ) {}

  async list(auth: AuthContext) {
    const rows = await auth.db.mailbox.findMany({
      orderBy: { createdAt: 'asc' },
      include: { warmup: { select: { enabled: true, startedAt: true } } },
    });
    const mailboxes = [];
    const now = this.deps.clock.now();
    for (const { warmup, ...row } of rows) {
      const mailbox = await this.present(auth, row);
      mailboxes.push({
        ...mailbox,
        usage: toUsage(await mailboxCapacity(auth.db, { ...row, status: mailbox.status }, now)),
        warmingDay: warmingDay(warmup, now, mailbox.timezone),
      });
    }
    return mailboxes;
  }

  async get(auth: AuthContext, mailboxId: string) {
    return this.present(auth, await this.find(auth, mailboxId));
  }

  async update(auth: AuthContext, mailboxId: string, input: UpdateMailbox) {
    const mailbox = await this.find(auth, mailboxId);
    const { restartRamp, status, ...limits } = input;
    if (status === 'active' && mailbox.status !== 'active' && mailbox.status !== 'paused') {
      if (mailbox.status === 'needs_reauth')
        throw new AppError('mailbox_needs_reauth', 'Connect the mailbox again to resume it', { mailboxId });
      throw new ConflictError(`${withArticle(mailbox.status, { capital: true })} mailbox cannot be resumed`);
    }
    const statusChange =
      status && status !== mailbox.status ? { status, statusReason: status === 'paused' ? 'Paused by a user' : null } : {};
    const row = await auth.db.mailbox.update({
      where: { id: mailbox.id },
      data: { ...limits, ...statusChange, ...(restartRamp ? { rampStartedAt: this.deps.clock.now() } : {}) },
    });
    await recordAudit(auth, { action: 'mailbox.updated', targetType: 'mailbox', targetId: row.id, data: { changes: Object.keys(input) } });
    return this.present(auth, row);
  }

  /**
   * Refuses while an active campaign sends from the mailbox, unless `detach` removes it from those campaigns first,
   * and always while sends claimed for it are in flight: their results name it, and must find it.
   */
  async remove(auth: AuthContext, mailboxId: string, detach: boolean): Promise<void> {
    const mailbox = await this.find(auth, mailboxId);
    const uses = await auth.db.campaignMailbox.findMany({
      where: { mailboxId: mailbox.id, campaign: { status: 'active' } },
      select: { campaign: { select: { id: true, name: true } } },
    });
    if (uses.length > 0 && !detach) {
      throw new ConflictError('Active campaigns send from this mailbox; pause them, or delete with ?detach=true to remove it from them', {
        campaigns: uses.map((use) => use.campaign),
      });
    }
    await auth.db.$transaction(async (tx) => {
      // A claim holds its pool's mailbox rows locked while it hands them sends: with this row locked,
      // no send can be claimed for the mailbox between the check and the delete.
      await tx.$queryRaw`SELECT id FROM mailboxes WHERE id = ${mailbox.id}::uuid AND "organizationId" = ${auth.organizationId}::uuid FOR UPDATE`;
      const db = tx as unknown as ScopedDb;
      await assertNoSendsInFlight(db, mailbox, this.deps.clock.now());
      await db.campaignMailbox.deleteMany({ where: { mailboxId: mailbox.id } });
      await db.mailbox.delete({ where: { id: mailbox.id } });
    });
    this.deps.broker.forget(mailbox.id);
    await recordAudit(auth, {
      action: 'mailbox.deleted',
      targetType: 'mailbox',
      targetId: mailbox.id,
      data: { email: mailbox.email, detachedFrom: uses.map((use) => use.campaign.id) },
    });
  }

  /** Verifies the SMTP and IMAP logins first (the server's own error text on failure); saving an existing address updates it. */
  async saveSmtp(auth: AuthContext, input: CreateSmtpMailbox) {
    const smtp: SmtpConnection = {
      host: input.smtp.host,
      port: input.smtp.port,
      tlsMode: input.smtp.tlsMode,
      username: input.smtp.username ?? input.email,
    };
    await verifySmtpConnection(smtp, input.smtp.password, this.deps.outbound);
    const imap = input.imap
      ? { host: input.imap.host, port: input.imap.port, tlsMode: input.imap.tlsMode, username: input.imap.username ?? smtp.username }
      : undefined;
    if (imap) await verifyImapConnection(imap, input.imap?.password ?? input.smtp.password, this.deps.outbound);
    const credentials = {
      kind: 'smtp' as const,
      password: input.smtp.password,
      ...(input.imap?.password ? { imapPassword: input.imap.password } : {}),
    };
    return this.upsert(auth, input.email, {
      provider: 'smtp',
      displayName: input.displayName,
      settings: { smtp, ...(imap ? { imap } : {}) },
      sealed: (id) => sealCredentials(this.deps.secrets, id, credentials),
    });
  }

  async createSandbox(auth: AuthContext, input: CreateSandboxMailbox) {
    const existing = await auth.db.mailbox.findFirst({ where: { email: input.email } });
    if (existing)
      throw new ConflictError('A mailbox with this address exists already', {
        mailboxId: existing.id,
        issues: [{ path: 'email', message: 'A mailbox with this address exists already' }],
      });
    return this.upsert(auth, input.email, {
      provider: 'sandbox',
      displayName: input.displayName,
      settings: {},
      sealed: () => ({ credentialsCiphertext: null, credentialsKeyId: null }),
      // A sandbox mailbox delivers nowhere, so it has no reputation for a ramp or a gap to protect: it sends as fast as the
      // workflow runs, which lets a first campaign be tried in a minute. The daily cap still applies; pacing can be set to rehearse it.
      pacing: { rampEnabled: false, minGapSeconds: 0, gapJitterSeconds: 0 },
    });
  }

  async usage(auth: AuthContext, mailboxId: string) {
    const mailbox = await this.find(auth, mailboxId);
    return toUsage(await mailboxCapacity(auth.db, mailbox, this.deps.clock.now()));
  }

  async dailyUsage(auth: AuthContext, mailboxId: string, days: number) {
    const mailbox = await this.find(auth, mailboxId);
    return mailboxDailyUsage(auth.db, mailbox, this.deps.clock.now(), days);
  }

  /** Recomputes on read (and stores the score), so the explanation always matches the number. */
  async health(auth: AuthContext, mailboxId: string) {
    const refreshed = await refreshMailboxHealth(auth.db, mailboxId, this.deps.clock.now(), this.deps.healthPolicy);
    if (!refreshed) throw new NotFoundError('Mailbox');
    // Read after the refresh: it may have just auto-paused the mailbox.
    const current = await this.find(auth, mailboxId);
    return { ...refreshed.health, status: current.status, statusReason: current.statusReason };
  }

  async sandboxMessages(auth: AuthContext, mailboxId: string, query: { limit: number; cursor?: { createdAt: Date; id: string } }) {
    const mailbox = await this.find(auth, mailboxId);
    const rows = await auth.db.sandboxMessage.findMany({
      where: { mailboxId: mailbox.id, ...olderThan(query.cursor) },
      orderBy: newestFirstOrder,
      take: query.limit + 1,
    });
    const { page, nextCursor } = newestFirstPage(rows, query.limit);
    const data = await Promise.all(
      page.map(async (row) => ({
        id: row.id,
        messageId: row.messageId,
        to: row.toAddress,
        subject: row.subject,
        raw: row.raw,
        ...(await readableMessage(row.raw)),
        createdAt: row.createdAt.toISOString(),
      })),
    );
    return { data, nextCursor };
  }

  /**
   * A mailbox as the API shows it, its health score recomputed now (and stored) exactly as the health
   * endpoint does, so the list, the detail and GET /health never disagree.
   */
  private async present(auth: AuthContext, row: Mailbox) {
    const refreshed = await refreshMailboxHealth(auth.db, row.id, this.deps.clock.now(), this.deps.healthPolicy);
    if (!refreshed) return toMailbox(row);
    // The refresh may have just auto-paused it.
    const current = refreshed.autoPaused ? await this.find(auth, row.id) : row;
    return toMailbox({ ...current, healthScore: refreshed.health.score });
  }

  private async find(auth: AuthContext, mailboxId: string) {
    const mailbox = await auth.db.mailbox.findUnique({ where: { id: mailboxId } });
    if (!mailbox) throw new NotFoundError('Mailbox');
    return mailbox;
  }

  private async upsert(
    auth: AuthContext,
    email: string,
    input: {
      provider: 'smtp' | 'sandbox';
      displayName?: string;
      settings: object;
      sealed: (mailboxId: string) => { credentialsCiphertext: string | null; credentialsKeyId: string | null };
      /** Pacing a new mailbox starts with instead of the schema's defaults (kept on reconnect). */
      pacing?: Pick<Mailbox, 'rampEnabled' | 'minGapSeconds' | 'gapJitterSeconds'>;
    },
  ) {
    const existing = await auth.db.mailbox.findFirst({ where: { email } });
    const id = existing?.id ?? randomUUID();
    const data = {
      provider: input.provider,
      settings: input.settings,
      status: 'active' as const,
      statusReason: null,
      inboxCursor: null,
      ...input.sealed(id),
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    };
    const row = existing
      ? await auth.db.mailbox.update({ where: { id }, data })
      : await auth.db.mailbox.create({
          data: {
            id,
            organizationId: auth.organizationId,
            email,
            timezone: await organizationTimezone(auth.db, auth.organizationId),
            ...input.pacing,
            ...data,
          },
        });
    if (existing) this.deps.broker.forget(id);
    await recordAudit(auth, {
      action: existing ? 'mailbox.reconnected' : 'mailbox.created',
      targetType: 'mailbox',
      targetId: id,
      data: { provider: input.provider, email },
    });
    return { created: !existing, mailbox: await this.present(auth, row) };
  }
}

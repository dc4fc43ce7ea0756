import type { z } from 'zod';
import type { SecretBox } from '../../lib/crypto.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import { assertMailboxCanSend } from './mailboxAvailability.js';
import { openCredentials } from './mailboxCredentials.js';
import { mailboxSettingsSchema, type captureSandboxMessageBody } from './mailboxes.schemas.js';
import { keepSandboxMessage } from './sandbox/keepSandboxMessage.js';
import { transportFlags } from './smtp/smtpConnection.js';
import { withArticle } from '../../lib/words.js';

/**
 * What the n8n nodes may fetch or hand over for one mailbox. n8n is platform infrastructure: the
 * signed request names the mailbox, and its row decides the organization.
 */
async function usableMailbox(
  prisma: PrismaClient,
  mailboxId: string,
  provider: 'smtp' | 'sandbox',
  expectedProvider?: string,
  purpose: 'send' | 'watch' = 'send',
) {
  const mailbox = await prisma.mailbox.findUnique({ where: { id: mailboxId } });
  if (!mailbox) throw new NotFoundError('Mailbox');
  if (mailbox.provider !== provider || (expectedProvider && expectedProvider !== provider)) {
    throw new AppError(
      'mailbox_unavailable',
      `Mailbox ${mailbox.email} is ${withArticle(mailbox.provider)} mailbox, not ${expectedProvider ?? provider}`,
      { provider: mailbox.provider },
    );
  }
  // A paused mailbox stops sending, not receiving: its replies and bounces are still watched.
  if (purpose === 'send' || mailbox.status !== 'paused') assertMailboxCanSend(mailbox);
  return mailbox;
}

export async function smtpCredentials(deps: { prisma: PrismaClient; secrets: SecretBox }, mailboxId: string, expectedProvider?: string) {
  const mailbox = await usableMailbox(deps.prisma, mailboxId, 'smtp', expectedProvider);
  const smtp = mailboxSettingsSchema.safeParse(mailbox.settings).data?.smtp;
  const credentials = openCredentials(deps.secrets, mailbox);
  if (!smtp || credentials?.kind !== 'smtp') {
    throw new AppError('mailbox_unavailable', `Mailbox ${mailbox.email} has no SMTP settings; save them again`, { mailboxId });
  }
  const { secure, requireTls } = transportFlags(smtp.tlsMode);
  return {
    host: smtp.host,
    port: smtp.port,
    tlsMode: smtp.tlsMode,
    secure,
    requireTls,
    username: smtp.username,
    password: credentials.password,
    fromAddress: mailbox.email,
    fromName: mailbox.displayName,
  };
}

/** An SMTP mailbox's IMAP server and login, for the Inbox Watch node; the IMAP password defaults to the SMTP one. */
export async function imapCredentials(deps: { prisma: PrismaClient; secrets: SecretBox }, mailboxId: string, expectedProvider?: string) {
  const mailbox = await usableMailbox(deps.prisma, mailboxId, 'smtp', expectedProvider, 'watch');
  const imap = mailboxSettingsSchema.safeParse(mailbox.settings).data?.imap;
  const credentials = openCredentials(deps.secrets, mailbox);
  if (!imap || credentials?.kind !== 'smtp') {
    throw new AppError(
      'mailbox_unavailable',
      `Mailbox ${mailbox.email} has no IMAP settings, so its inbox cannot be watched; save the mailbox again with them`,
      { mailboxId },
    );
  }
  const { secure, requireTls } = transportFlags(imap.tlsMode);
  return {
    host: imap.host,
    port: imap.port,
    tlsMode: imap.tlsMode,
    secure,
    requireTls,
    username: imap.username,
    password: credentials.imapPassword ?? credentials.password,
  };
}

/** The Send Email node's capture of a sandbox mailbox's send (see keepSandboxMessage). */
export async function captureSandboxMessage(prisma: PrismaClient, input: z.infer<typeof captureSandboxMessageBody>) {
  const mailbox = await usableMailbox(prisma, input.mailboxId, 'sandbox');
  const raw = Buffer.from(input.raw, 'base64').toString('utf8');
  const kept = await keepSandboxMessage(scopedDb(prisma, mailbox.organizationId), mailbox, {
    messageId: input.messageId,
    to: input.to,
    subject: input.subject,
    raw,
  });
  return { status: kept.duplicate ? 200 : 201, body: { id: kept.id, threadId: input.threadId ?? kept.id, duplicate: kept.duplicate } };
}

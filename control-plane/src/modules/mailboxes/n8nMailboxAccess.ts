import { simpleParser } from 'mailparser';
import type { z } from 'zod';
import type { SecretBox } from '../../lib/crypto.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { scopedDb } from '../../lib/db/tenantScope.js';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { assertMailboxCanSend } from './mailboxAvailability.js';
import { openCredentials } from './mailboxCredentials.js';
import { mailboxSettingsSchema, type captureSandboxMessageBody } from './mailboxes.schemas.js';
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

/**
 * Keeps a sandbox mailbox's outgoing message instead of sending it. Idempotent by Message-ID: a
 * retried send returns the stored capture with `duplicate: true`.
 */
export async function captureSandboxMessage(prisma: PrismaClient, input: z.infer<typeof captureSandboxMessageBody>) {
  const mailbox = await usableMailbox(prisma, input.mailboxId, 'sandbox');
  const db = scopedDb(prisma, mailbox.organizationId);
  const answer = (row: { id: string }, duplicate: boolean) => ({ id: row.id, threadId: input.threadId ?? row.id, duplicate });
  const existing = await db.sandboxMessage.findFirst({ where: { messageId: input.messageId } });
  if (existing) return { status: 200, body: answer(existing, true) };

  const raw = Buffer.from(input.raw, 'base64').toString('utf8');
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  if (parsed.headers.size === 0) throw new ValidationError([{ path: 'raw', message: 'is not a base64 MIME message' }]);
  const created = await db.sandboxMessage.createManyAndReturn({
    data: [
      {
        organizationId: mailbox.organizationId,
        mailboxId: mailbox.id,
        messageId: input.messageId,
        toAddress: input.to,
        subject: input.subject ?? parsed.subject ?? '',
        raw,
      },
    ],
    skipDuplicates: true,
  });
  // A concurrent retry may have stored it between our read and write.
  if (created.length === 0)
    return { status: 200, body: answer(await db.sandboxMessage.findFirstOrThrow({ where: { messageId: input.messageId } }), true) };
  return { status: 201, body: answer(created[0]!, false) };
}

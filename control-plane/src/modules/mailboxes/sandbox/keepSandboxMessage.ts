import { simpleParser } from 'mailparser';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { ValidationError } from '../../../lib/errors.js';

/**
 * Keeps a sandbox mailbox's outgoing message instead of sending it, where its sandbox messages list it:
 * what the Send Email node hands over, and a campaign's test send. Idempotent by Message-ID: a retried
 * send finds the stored capture (`duplicate: true`).
 */
export async function keepSandboxMessage(
  db: ScopedDb,
  mailbox: { id: string; organizationId: string },
  message: { messageId: string; to: string; subject?: string | undefined; raw: string },
): Promise<{ id: string; duplicate: boolean }> {
  const existing = await db.sandboxMessage.findFirst({ where: { messageId: message.messageId } });
  if (existing) return { id: existing.id, duplicate: true };

  const parsed = await simpleParser(message.raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  if (parsed.headers.size === 0) throw new ValidationError([{ path: 'raw', message: 'is not a base64 MIME message' }]);
  const created = await db.sandboxMessage.createManyAndReturn({
    data: [
      {
        organizationId: mailbox.organizationId,
        mailboxId: mailbox.id,
        messageId: message.messageId,
        toAddress: message.to,
        subject: message.subject ?? parsed.subject ?? '',
        raw: message.raw,
      },
    ],
    skipDuplicates: true,
  });
  // A concurrent retry may have stored it between our read and write.
  if (created.length === 0)
    return { id: (await db.sandboxMessage.findFirstOrThrow({ where: { messageId: message.messageId } })).id, duplicate: true };
  return { id: created[0]!.id, duplicate: false };
}

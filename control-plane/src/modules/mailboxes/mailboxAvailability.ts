import type { Mailbox } from '../../generated/prisma/client.js';
import { AppError } from '../../lib/errors.js';

/**
 * Only an active mailbox gets credentials or captures mail. The answers are 409s with their own
 * codes so the Send Email node reports the send as failed instead of retrying a mailbox that
 * cannot work until a person acts.
 */
export function assertMailboxCanSend(mailbox: Pick<Mailbox, 'id' | 'email' | 'status' | 'statusReason'>): void {
  if (mailbox.status === 'active') return;
  const details = { mailboxId: mailbox.id, mailboxStatus: mailbox.status, statusReason: mailbox.statusReason };
  if (mailbox.status === 'needs_reauth') {
    throw new AppError(
      'mailbox_needs_reauth',
      `Mailbox ${mailbox.email} needs to be connected again${mailbox.statusReason ? `: ${mailbox.statusReason}` : ''}`,
      details,
    );
  }
  throw new AppError(
    'mailbox_unavailable',
    `Mailbox ${mailbox.email} is ${mailbox.status}${mailbox.statusReason ? `: ${mailbox.statusReason}` : ''}`,
    details,
  );
}

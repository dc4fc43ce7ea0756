import type { Mailbox } from '../../generated/prisma/client.js';
import type { MailboxCapacity } from './limits/capacity.js';
import { mailboxSettingsSchema } from './mailboxes.schemas.js';

/** The API view of a mailbox: never its credentials. */
export function toMailbox(row: Mailbox) {
  const settings = mailboxSettingsSchema.safeParse(row.settings);
  return {
    id: row.id,
    provider: row.provider,
    email: row.email,
    displayName: row.displayName,
    status: row.status,
    statusReason: row.statusReason,
    dailyCap: row.dailyCap,
    rampEnabled: row.rampEnabled,
    rampStart: row.rampStart,
    rampStep: row.rampStep,
    rampStartedAt: row.rampStartedAt.toISOString(),
    minGapSeconds: row.minGapSeconds,
    gapJitterSeconds: row.gapJitterSeconds,
    timezone: row.timezone,
    weight: row.weight,
    healthScore: row.healthScore,
    lastSentAt: row.lastSentAt?.toISOString() ?? null,
    lastWatchedAt: row.lastWatchedAt?.toISOString() ?? null,
    smtp: (settings.success && settings.data.smtp) || null,
    imap: (settings.success && settings.data.imap) || null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toUsage(capacity: MailboxCapacity) {
  return {
    ...capacity,
    dayStart: capacity.dayStart.toISOString(),
    dayEnd: capacity.dayEnd.toISOString(),
    lastSentAt: capacity.lastSentAt?.toISOString() ?? null,
    nextAllowedAt: capacity.nextAllowedAt?.toISOString() ?? null,
  };
}

import { Badge } from '@/components/ui/badge';
import type { Mailbox } from './queries';
import { formatDateTime } from '@/lib/dates';

export const providerNames: Record<Mailbox['provider'], string> = { gmail: 'Gmail', outlook: 'Outlook', smtp: 'SMTP', sandbox: 'Sandbox' };

const statusNames: Record<Mailbox['status'], string> = {
  active: 'Active',
  paused: 'Paused',
  needs_reauth: 'Needs re-authorization',
  error: 'Error',
  disabled: 'Disabled',
};
const statusTones: Record<Mailbox['status'], 'good' | 'warn' | 'bad' | 'neutral'> = {
  active: 'good',
  paused: 'warn',
  needs_reauth: 'bad',
  error: 'bad',
  disabled: 'neutral',
};

/** The status, and why when the mailbox is not sending (paused, auto-paused, a revoked grant). */
export function MailboxStatus({ mailbox }: { mailbox: Pick<Mailbox, 'status' | 'statusReason'> }) {
  return (
    <div>
      <Badge tone={statusTones[mailbox.status]}>{statusNames[mailbox.status]}</Badge>
      {mailbox.status !== 'active' && mailbox.statusReason ? (
        <p className="mt-1 max-w-64 text-xs text-slate-600">{mailbox.statusReason}</p>
      ) : null}
    </div>
  );
}

/** Days a mailbox counts as warming after warm-up is switched on (docs/warmup.md). */
export const warmingDays = 14;

/** Which of its first warm-up days a mailbox is in, worded the same on the list, its health and its warm-up card. */
export const warmingLabel = (day: number) => `Warming · day ${day} of ${warmingDays}`;

export function healthTone(score: number): 'good' | 'warn' | 'bad' {
  if (score >= 80) return 'good';
  return score >= 50 ? 'warn' : 'bad';
}

/** "Day 3, 25/day" of the daily limit's ramp-up, or that the ramp-up is off. */
export function rampStage(
  mailbox: Pick<Mailbox, 'rampEnabled' | 'dailyCap'>,
  usage: { rampDay: number | null; rampValue: number | null },
): string {
  if (!mailbox.rampEnabled || usage.rampDay === null || usage.rampValue === null) return 'Off';
  if (usage.rampValue >= mailbox.dailyCap) return `Done (day ${usage.rampDay + 1})`;
  return `Day ${usage.rampDay + 1}, ${usage.rampValue}/day`;
}

/** When the inbox watcher last read the inbox (replies and bounces), or why it does not. */
export function lastWatch(mailbox: Pick<Mailbox, 'provider' | 'imap' | 'lastWatchedAt'>): string {
  if (mailbox.provider === 'smtp' && !mailbox.imap) return 'No IMAP';
  return mailbox.lastWatchedAt ? formatDateTime(mailbox.lastWatchedAt) : 'Not yet';
}

import type { InboxThread } from './queries';
import { formatMonthDay, formatTime } from '@/lib/dates';

/** The lead as a person reads them: their name, else their address. */
export function leadName(lead: InboxThread['lead']): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  return name || lead.email;
}

/** Today's messages by their time, older ones by their day, as mail clients list them. */
export function shortTime(iso: string): string {
  const at = new Date(iso);
  return at.toDateString() === new Date().toDateString() ? formatTime(at) : formatMonthDay(at);
}

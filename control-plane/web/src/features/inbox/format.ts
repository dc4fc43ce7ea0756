import type { InboxThread } from './queries';
import { dateTimeFormat } from '@/lib/dates';

/** The lead as a person reads them: their name, else their address. */
export function leadName(lead: InboxThread['lead']): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  return name || lead.email;
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayOfYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** Today's messages by their time, older ones by their day, as mail clients list them. */
export function shortTime(iso: string): string {
  const at = new Date(iso);
  return at.toDateString() === new Date().toDateString() ? timeOfDay.format(at) : dayOfYear.format(at);
}

export function longTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

import type { InboxThread } from './queries';

/** The lead as a person reads them: their name, else their address. */
export function leadName(lead: InboxThread['lead']): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  return name || lead.email;
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayOfYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Today's messages by their time, older ones by their day, as mail clients list them. */
export function shortTime(iso: string): string {
  const at = new Date(iso);
  return at.toDateString() === new Date().toDateString() ? timeOfDay.format(at) : dayOfYear.format(at);
}

export function longTime(iso: string): string {
  return fullDate.format(new Date(iso));
}

// Every date the app shows reads in the user's own locale (the browser's); none is pinned to English.

/** "Dec 5, 2026": a day, as on a list's or a suppression's creation date. */
export const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "Dec 5, 2026, 5:21 AM": the full date and time, for a tooltip or a detail view. */
export const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A moment short enough for a table cell: "Dec 5, 5:21 AM" this year, "Dec 5, 2025" an earlier
 * (or later) one, where the time of day no longer matters at a glance.
 */
export function compactDateTime(date: Date, now = new Date(), locale?: string): string {
  const options: Intl.DateTimeFormatOptions =
    date.getFullYear() === now.getFullYear()
      ? { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
      : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

const chartDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Dec 5": a chart's calendar day (`2026-12-05`, as the API sends it), read as that date wherever the viewer is. */
export function chartDayLabel(date: string): string {
  return chartDay.format(new Date(`${date}T00:00:00Z`));
}

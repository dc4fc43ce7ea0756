// Every date and number the app shows reads in the user's own locale (the browser's); none is pinned to English.
// Each kind has one formatter here, so the same figure or moment reads the same on every page.

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Dec 5, 2026": an API timestamp as its day, as on a list's or a suppression's creation date. */
export const formatDate = (iso: string) => dateFormat.format(new Date(iso));

/** "Dec 5, 2026, 5:21 AM": an API timestamp in full, for a tooltip or a detail view. */
export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "5:21 AM": a moment of today, where the date goes without saying. */
export const formatTime = (date: Date) => timeFormat.format(date);

const monthDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** "Dec 5": a recent day, as a mail client lists older messages. */
export const formatMonthDay = (date: Date) => monthDay.format(date);

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

/** "Sat, Dec 5, 9:00 AM – 5:00 PM": a span of time as the clock reads in the given time zone. */
export function timeSpanIn(timeZone: string, from: Date, to: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).formatRange(from, to);
}

// A calendar day as the API sends it (`2026-12-05`) is read at UTC midnight, so it stays that date wherever the viewer is.
const calendarDay = (date: string) => new Date(`${date}T00:00:00Z`);
const chartDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
const calendarDays = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "Dec 5": a chart's calendar day. */
export function chartDayLabel(date: string): string {
  return chartDay.format(calendarDay(date));
}

/** "Sat, Dec 5": a calendar day where its weekday matters, as in a day-by-day history. */
export function weekdayLabel(date: string): string {
  return weekday.format(calendarDay(date));
}

/** "Nov 5 – Dec 5, 2026": a range of calendar days. */
export function calendarRangeLabel(from: string, to: string): string {
  return calendarDays.formatRange(calendarDay(from), calendarDay(to));
}

const wholeNumber = new Intl.NumberFormat();
const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** "12,345": a count, grouped as the user reads numbers. */
export const formatNumber = (value: number) => wholeNumber.format(value);

/** "2.5": a measure to one decimal, such as a file's size in kB. */
export const formatDecimal = (value: number) => oneDecimal.format(value);

/** "12.5%" for 0.125: the API's rates are fractions; this only formats them. */
export const formatPercent = (fraction: number) => percent.format(fraction);

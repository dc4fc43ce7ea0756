/** Calendar days in an IANA time zone, computed with Intl only (no tz database of our own). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}

export function isTimeZone(value: string): boolean {
  try {
    formatter(value);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone`, expressed as if it were UTC (milliseconds). */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The instant at which the wall clock in `timeZone` reads `wallClock` (UTC-encoded); two passes settle DST. */
function instantOfWallClock(wallClock: number, timeZone: string): number {
  let instant = wallClock - (wallClockAsUtc(wallClock, timeZone) - wallClock);
  instant = wallClock - (wallClockAsUtc(instant, timeZone) - instant);
  return instant;
}

/** The local calendar day containing `instant`, as a day number (days since 1970-01-01 in that zone). */
export function zonedDayNumber(instant: Date, timeZone: string): number {
  return Math.floor(wallClockAsUtc(instant.getTime(), timeZone) / 86_400_000);
}

/** Start (inclusive) and end (exclusive) of the local calendar day containing `instant`; 23 or 25 hours on DST days. */
export function zonedDayBounds(instant: Date, timeZone: string): { start: Date; end: Date } {
  const day = zonedDayNumber(instant, timeZone);
  return {
    start: new Date(instantOfWallClock(day * 86_400_000, timeZone)),
    end: new Date(instantOfWallClock((day + 1) * 86_400_000, timeZone)),
  };
}

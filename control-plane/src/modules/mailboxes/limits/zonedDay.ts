/** Calendar days in an IANA time zone, computed with Intl only (no tz database of our own). */
// The wall-clock reading is the Business Hours Gate's own (custom-nodes/nodes/shared/zonedTime.ts), not a second copy.
import { zonedParts } from '../../../../../custom-nodes/nodes/shared/zonedTime.js';
import { LruCache } from '../../../lib/lruCache.js';

/** The wall-clock reading in `timeZone`, expressed as if it were UTC (milliseconds). */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts = zonedParts(instant, timeZone);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The instant at which the wall clock in `timeZone` reads `wallClock` (UTC-encoded); two passes settle DST. */
function instantOfWallClock(wallClock: number, timeZone: string): number {
  let instant = wallClock - (wallClockAsUtc(wallClock, timeZone) - wallClock);
  instant = wallClock - (wallClockAsUtc(instant, timeZone) - instant);
  return instant;
}

const dayNumberAt = (instant: number, timeZone: string) => Math.floor(wallClockAsUtc(instant, timeZone) / 86_400_000);

/** The local calendar day containing `instant`, as a day number (days since 1970-01-01 in that zone). */
export function zonedDayNumber(instant: Date, timeZone: string): number {
  return dayNumberAt(instant.getTime(), timeZone);
}

/** The first instant of local day `day`, also where a DST change skips or repeats midnight (Havana, Santiago). */
function findStartOfDay(day: number, timeZone: string): number {
  let instant = instantOfWallClock(day * 86_400_000, timeZone);
  if (dayNumberAt(instant, timeZone) < day) {
    // Midnight does not exist that day: the day starts at the jump; find it to the millisecond.
    let before = instant;
    let after = instant + 3 * 3_600_000;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (dayNumberAt(middle, timeZone) < day) before = middle;
      else after = middle;
    }
    instant = after;
  }
  // Midnight happens twice: the day starts at the first one.
  while (dayNumberAt(instant - 3_600_000, timeZone) === day) instant -= 3_600_000;
  return instant;
}

/**
 * Day starts already found, by zone and day: each one takes several wall-clock readings, and a claim asks for
 * today's bounds twice per mailbox of its pool, nearly always the same few zones and days.
 */
const dayStarts = new LruCache<string, number>({ maxEntries: 1000 });

function startOfDay(day: number, timeZone: string): number {
  const key = `${timeZone}:${day}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = findStartOfDay(day, timeZone);
    dayStarts.set(key, start);
  }
  return start;
}

/** Start (inclusive) and end (exclusive) of the local calendar day containing `instant`; 23 or 25 hours on DST days. */
export function zonedDayBounds(instant: Date, timeZone: string): { start: Date; end: Date } {
  const day = zonedDayNumber(instant, timeZone);
  return { start: new Date(startOfDay(day, timeZone)), end: new Date(startOfDay(day + 1, timeZone)) };
}

import { earliestInstantInWallRange } from '../../../../custom-nodes/nodes/shared/zonedTime.js';
import { zonedDayBounds, zonedDayNumber } from '../mailboxes/limits/zonedDay.js';
import { isWeekend } from './warmupRamp.js';

/** Warm-up mail goes out in office hours of the sending mailbox's zone, like a person's would. */
export const WARMUP_WINDOW = { startHour: 8, endHour: 18 } as const;

const HOUR_MS = 3_600_000;

/** The warm-up window [start, end) on the local day containing `instant`. */
export function warmupWindowOn(instant: Date, timeZone: string): { start: Date; end: Date } {
  const wallMidnight = zonedDayNumber(instant, timeZone) * 86_400_000;
  const wallStartMs = wallMidnight + WARMUP_WINDOW.startHour * HOUR_MS;
  const wallEndMs = wallMidnight + WARMUP_WINDOW.endHour * HOUR_MS;
  const start = earliestInstantInWallRange({ wallStartMs, wallEndMs, notBeforeMs: 0, timeZone }) ?? wallStartMs;
  return { start: new Date(start), end: new Date(start + (WARMUP_WINDOW.endHour - WARMUP_WINDOW.startHour) * HOUR_MS) };
}

/** The first instant at or after `instant` inside a warm-up window (weekdays only when asked). */
export function nextWarmupInstant(instant: Date, timeZone: string, weekdaysOnly: boolean): Date {
  let candidate = instant;
  for (let day = 0; day < 8; day += 1) {
    const window = warmupWindowOn(candidate, timeZone);
    if (!(weekdaysOnly && isWeekend(candidate, timeZone)) && candidate < window.end) {
      return candidate < window.start ? window.start : candidate;
    }
    candidate = zonedDayBounds(candidate, timeZone).end;
  }
  return candidate;
}

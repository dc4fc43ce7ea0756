import { formatLocalDate, zonedParts } from '../../../../custom-nodes/nodes/shared/zonedTime.js';
import { ValidationError } from '../../lib/errors.js';

const dayMs = 86_400_000;
export const maxDailyRangeDays = 366;
const defaultDailyRangeDays = 30;

/** "YYYY-MM-DD" of an instant in a time zone (the shared zoned-time helpers, custom-nodes/nodes/shared/zonedTime.ts). */
function zonedDate(instant: Date, timeZone: string): string {
  return formatLocalDate(zonedParts(instant.getTime(), timeZone));
}

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/**
 * A range of calendar days, from..to inclusive: `to` defaults to today in the zone, `from` to `days`
 * (30 unless given) days ending at `to`; at most a year per request.
 */
export function dayRange(
  range: { from?: string | undefined; to?: string | undefined; days?: number | undefined },
  timeZone: string,
  now: Date,
) {
  const to = range.to ?? zonedDate(now, timeZone);
  const from = range.from ?? shiftDate(to, -((range.days ?? defaultDailyRangeDays) - 1));
  const span = Math.round((Date.parse(to) - Date.parse(from)) / dayMs) + 1;
  if (span < 1) throw new ValidationError([{ path: 'from', in: 'query', message: 'must not be after to' }]);
  if (span > maxDailyRangeDays)
    throw new ValidationError([{ path: 'from', in: 'query', message: `at most ${maxDailyRangeDays} days per request` }]);
  return { from, to, days: Array.from({ length: span }, (_, index) => shiftDate(from, index)) };
}

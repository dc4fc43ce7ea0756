import { zonedParts } from '../../../../custom-nodes/nodes/shared/zonedTime.js';
import { zonedDayNumber } from '../mailboxes/limits/zonedDay.js';

/** A mailbox's warm-up settings as the planner reads them (defaults and their sources: docs/warmup.md). */
export interface WarmupRampSettings {
  targetPerDay: number;
  rampStart: number;
  rampStep: number;
  weekdaysOnly: boolean;
  startedAt: Date;
}

/** The local day of the ramp `now` falls on: 1 on the day warm-up started (in the mailbox's zone). */
export function warmupRampDay(startedAt: Date, now: Date, timeZone: string): number {
  return zonedDayNumber(now, timeZone) - zonedDayNumber(startedAt, timeZone) + 1;
}

/** Whether a local day is Saturday or Sunday in the zone. */
export function isWeekend(instant: Date, timeZone: string): boolean {
  return zonedParts(instant.getTime(), timeZone).isoWeekday >= 6;
}

/** The ramp's allowance on day n (n >= 1): rampStart + rampStep·(n−1), never above the target. */
export function rampAllowance(settings: Pick<WarmupRampSettings, 'targetPerDay' | 'rampStart' | 'rampStep'>, day: number): number {
  if (day < 1) return 0;
  return Math.min(settings.targetPerDay, settings.rampStart + settings.rampStep * (day - 1));
}

/** The warm-up messages a mailbox sends on the local day containing `now` (0 at weekends when weekdays only). */
export function warmupQuota(settings: WarmupRampSettings, now: Date, timeZone: string): { rampDay: number; quota: number } {
  const rampDay = warmupRampDay(settings.startedAt, now, timeZone);
  const quota = settings.weekdaysOnly && isWeekend(now, timeZone) ? 0 : rampAllowance(settings, rampDay);
  return { rampDay, quota };
}

import { WEEKDAYS, type CampaignSchedule } from '../shared/contract';
import { earliestInstantInWallRange, formatLocalDate, isValidTimeZone, zonedParts } from '../shared/zonedTime';

export interface GateDecision {
	inside: boolean;
	/** The zone the window was evaluated in (the lead's, else the campaign's). */
	timezone: string;
	/** Local date and time at "now" in that zone, for humans reading the execution. */
	localTime: string;
	/** Start of the next window (UTC ISO) when outside, else null. */
	nextWindowStart: string | null;
}

/** How far ahead to look for the next window; a year covers any holiday list plus weekly days. */
const SEARCH_DAYS = 400;

function wallMinutes(hhmm: string): number {
	const [hours, minutes] = hhmm.split(':').map(Number);
	return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The lead's zone when allowed and valid (imported lead data can hold anything), else the campaign's. */
export function chooseTimezone(schedule: CampaignSchedule, leadTimezone: string | null): string {
	return schedule.useLeadTimezone !== false && leadTimezone && isValidTimeZone(leadTimezone) ? leadTimezone : schedule.timezone;
}

function isSendingDate(schedule: CampaignSchedule, localDate: string, isoWeekday: number): boolean {
	const weekday = WEEKDAYS[isoWeekday - 1];
	return weekday !== undefined && schedule.days.includes(weekday) && !(schedule.holidays ?? []).includes(localDate);
}

export function isInsideWindow(nowMs: number, schedule: CampaignSchedule, timeZone: string): boolean {
	const parts = zonedParts(nowMs, timeZone);
	if (!isSendingDate(schedule, formatLocalDate(parts), parts.isoWeekday)) return false;
	const minutes = parts.hour * 60 + parts.minute;
	return minutes >= wallMinutes(schedule.start) && minutes < wallMinutes(schedule.end);
}

/** The first instant >= nowMs inside the window, or null if none within SEARCH_DAYS. */
export function nextWindowStart(nowMs: number, schedule: CampaignSchedule, timeZone: string): number | null {
	const today = zonedParts(nowMs, timeZone);
	const startMinutes = wallMinutes(schedule.start);
	const endMinutes = wallMinutes(schedule.end);
	for (let dayOffset = 0; dayOffset <= SEARCH_DAYS; dayOffset += 1) {
		const localMidnight = Date.UTC(today.year, today.month - 1, today.day + dayOffset);
		const date = new Date(localMidnight);
		const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
		const localDate = formatLocalDate({
			year: date.getUTCFullYear(),
			month: date.getUTCMonth() + 1,
			day: date.getUTCDate(),
		});
		if (!isSendingDate(schedule, localDate, isoWeekday)) continue;
		const opening = earliestInstantInWallRange({
			wallStartMs: localMidnight + startMinutes * 60_000,
			wallEndMs: localMidnight + endMinutes * 60_000,
			notBeforeMs: nowMs,
			timeZone,
		});
		if (opening !== null) return opening;
	}
	return null;
}

export function decide(nowMs: number, schedule: CampaignSchedule, leadTimezone: string | null): GateDecision {
	const timezone = chooseTimezone(schedule, leadTimezone);
	const parts = zonedParts(nowMs, timezone);
	const localTime = `${formatLocalDate(parts)} ${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
	if (isInsideWindow(nowMs, schedule, timezone)) {
		return { inside: true, timezone, localTime, nextWindowStart: null };
	}
	const next = nextWindowStart(nowMs, schedule, timezone);
	return { inside: false, timezone, localTime, nextWindowStart: next === null ? null : new Date(next).toISOString() };
}

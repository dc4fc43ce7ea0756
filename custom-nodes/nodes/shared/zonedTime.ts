/**
 * Wall-clock arithmetic in IANA zones using Intl only, so results never depend on the
 * timezone of the machine running n8n.
 */

export interface ZonedParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	/** 1 = Monday ... 7 = Sunday (ISO 8601). */
	isoWeekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (formatter === undefined) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
			weekday: 'short',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		formatterFor(timeZone);
		return true;
	} catch {
		// Intl throws RangeError for unknown zones; that is the answer, not a failure.
		return false;
	}
}

const WEEKDAY_NUMBER: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function zonedParts(instantMs: number, timeZone: string): ZonedParts {
	const parts: Record<string, string> = {};
	for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) parts[part.type] = part.value;
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
		second: Number(parts.second),
		isoWeekday: WEEKDAY_NUMBER[parts.weekday ?? ''] ?? 0,
	};
}

/** The zone's UTC offset at an instant, in ms (wall clock minus UTC). */
export function offsetMs(instantMs: number, timeZone: string): number {
	const p = zonedParts(instantMs, timeZone);
	const wallSecondsMs = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return wallSecondsMs - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

const HOUR_MS = 3_600_000;

/**
 * The earliest instant >= notBeforeMs whose wall clock in the zone lies in [wallStartMs, wallEndMs)
 * (wall times written as if they were UTC ms, both on one local date), or null if none.
 *
 * Each UTC offset in effect around that date maps the wall range to one instant range; only the
 * instants where that offset actually applies count. This handles the spring-forward gap (the
 * window opens at the transition) and the fall-back repeat (the wall range occurs twice) alike.
 */
export function earliestInstantInWallRange(options: {
	wallStartMs: number;
	wallEndMs: number;
	notBeforeMs: number;
	timeZone: string;
}): number | null {
	const { wallStartMs, wallEndMs, notBeforeMs, timeZone } = options;
	const offsets = new Set(
		[wallStartMs - 26 * HOUR_MS, wallStartMs, wallEndMs, wallEndMs + 26 * HOUR_MS].map((probe) => offsetMs(probe, timeZone)),
	);
	let earliest: number | null = null;
	for (const offset of offsets) {
		const low = Math.max(notBeforeMs, wallStartMs - offset);
		const high = wallEndMs - offset;
		if (low >= high) continue;
		const candidate = firstInstantWithOffset({ low, high, offset, timeZone });
		if (candidate !== null && (earliest === null || candidate < earliest)) earliest = candidate;
	}
	return earliest;
}

/** First instant in [low, high) where the zone's offset equals `offset` (at most one transition inside). */
function firstInstantWithOffset(options: { low: number; high: number; offset: number; timeZone: string }): number | null {
	const { offset, timeZone } = options;
	let { low, high } = options;
	if (offsetMs(low, timeZone) === offset) return low;
	if (offsetMs(high - 1, timeZone) !== offset) return null;
	// offset(low) differs and offset(high - 1) matches: binary search the transition instant.
	high -= 1;
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (offsetMs(middle, timeZone) === offset) high = middle;
		else low = middle;
	}
	return high;
}

export function formatLocalDate(parts: Pick<ZonedParts, 'year' | 'month' | 'day'>): string {
	return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

import { decide, isInsideWindow, nextWindowStart } from '../nodes/BusinessHoursGate/businessHours';
import { WEEKDAYS, type CampaignSchedule, type Weekday } from '../nodes/shared/contract';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const window = (overrides: Partial<CampaignSchedule>): CampaignSchedule => ({
	timezone: 'UTC',
	days: [...WEEKDAYS],
	start: '09:00',
	end: '17:00',
	holidays: [],
	...overrides,
});

/** Independent reference: local wall clock via toLocaleString (a different Intl path than the code). */
function referenceInside(instantMs: number, schedule: CampaignSchedule, timeZone: string): boolean {
	const date = new Date(instantMs);
	const local = date.toLocaleString('sv-SE', { timeZone, hour12: false }); // "2026-03-10 09:05:00"
	const weekday = date.toLocaleDateString('en-GB', { timeZone, weekday: 'short' }).slice(0, 3).toLowerCase() as Weekday;
	const localDate = local.slice(0, 10);
	const hhmm = local.slice(11, 16);
	return (
		schedule.days.includes(weekday) &&
		!(schedule.holidays ?? []).includes(localDate) &&
		hhmm >= schedule.start &&
		hhmm < (schedule.end === '24:00' ? '24:00' : schedule.end)
	);
}

describe('spring forward: a window opening inside the skipped hour opens at the transition', () => {
	it.each([
		// zone, day's window, now, expected next window start
		['America/New_York', '02:30', '05:00', '2026-03-08T06:00:00Z', '2026-03-08T07:00:00.000Z'],
		['Europe/Berlin', '02:15', '04:00', '2026-03-29T00:30:00Z', '2026-03-29T01:00:00.000Z'],
		['Europe/London', '01:30', '03:00', '2026-03-29T00:45:00Z', '2026-03-29T01:00:00.000Z'],
		// Chile skips local midnight: Sunday starts at 01:00.
		['America/Santiago', '00:00', '08:00', '2026-09-06T03:30:00Z', '2026-09-06T04:00:00.000Z'],
		// Lord Howe shifts by 30 minutes: 02:00-02:30 does not exist.
		['Australia/Lord_Howe', '02:10', '03:00', '2026-10-03T15:00:00Z', '2026-10-03T15:30:00.000Z'],
	])('%s %s-%s from %s', (timeZone, start, end, now, expected) => {
		const schedule = window({ timezone: timeZone, days: ['sun'], start, end });
		expect(isInsideWindow(at(now), schedule, timeZone)).toBe(false);
		expect(iso(nextWindowStart(at(now), schedule, timeZone))).toBe(expected);
		expect(isInsideWindow(at(expected), schedule, timeZone)).toBe(true);
	});

	it('a window that vanishes entirely in the gap moves to the next sending day', () => {
		const schedule = window({ timezone: 'America/New_York', days: ['sun'], start: '02:00', end: '02:45' });
		// 2026-03-08 02:00-02:59 does not exist in New York; next Sunday 02:00 EDT.
		expect(iso(nextWindowStart(at('2026-03-08T06:00:00Z'), schedule, 'America/New_York'))).toBe('2026-03-15T06:00:00.000Z');
	});

	it('a regular window on the transition day uses the new offset (Sydney, AEST -> AEDT)', () => {
		const schedule = window({ timezone: 'Australia/Sydney', days: ['sun'] });
		expect(iso(nextWindowStart(at('2026-10-03T12:00:00Z'), schedule, 'Australia/Sydney'))).toBe('2026-10-03T22:00:00.000Z');
	});
});

describe('fall back: the repeated hour is inside on both passes', () => {
	it.each([
		// After the first 01:00-01:30 pass (EDT) the window reopens on the second pass (EST).
		['America/New_York', '01:00', '01:30', '2026-11-01T05:45:00Z', '2026-11-01T06:00:00.000Z'],
		['Australia/Sydney', '02:00', '02:30', '2026-04-04T15:45:00Z', '2026-04-04T16:00:00.000Z'],
		['Europe/Berlin', '02:00', '02:40', '2026-10-25T00:50:00Z', '2026-10-25T01:00:00.000Z'],
	])('%s %s-%s from %s', (timeZone, start, end, now, expected) => {
		const schedule = window({ timezone: timeZone, days: ['sun'], start, end });
		expect(isInsideWindow(at(now), schedule, timeZone)).toBe(false);
		expect(iso(nextWindowStart(at(now), schedule, timeZone))).toBe(expected);
	});

	it('the next day opens at its own offset (London, BST -> GMT)', () => {
		const schedule = window({ timezone: 'Europe/London' });
		expect(iso(nextWindowStart(at('2026-10-24T16:30:00Z'), schedule, 'Europe/London'))).toBe('2026-10-25T09:00:00.000Z');
	});
});

describe('days, holidays and timezone choice', () => {
	it('skips weekends and holidays in the local calendar', () => {
		// Friday 2026-12-24 17:30 in Berlin; 25th is a holiday, 26-27 weekend.
		const schedule = window({
			timezone: 'Europe/Berlin',
			days: ['mon', 'tue', 'wed', 'thu', 'fri'],
			holidays: ['2026-12-25', '2026-12-28'],
		});
		const decision = decide(at('2026-12-24T16:30:00Z'), schedule, null);
		expect(decision).toMatchObject({ inside: false, timezone: 'Europe/Berlin', nextWindowStart: '2026-12-29T08:00:00.000Z' });
	});

	it("uses the lead's timezone, falling back to the campaign's when unknown, invalid or disabled", () => {
		const schedule = window({ timezone: 'Europe/Berlin' });
		const now = at('2026-03-10T14:00:00Z'); // 15:00 Berlin, 10:00 New York, 23:00 Tokyo
		expect(decide(now, schedule, 'Asia/Tokyo')).toMatchObject({ inside: false, timezone: 'Asia/Tokyo' });
		expect(decide(now, schedule, null)).toMatchObject({ inside: true, timezone: 'Europe/Berlin' });
		expect(decide(now, schedule, 'Mars/Olympus')).toMatchObject({ inside: true, timezone: 'Europe/Berlin' });
		expect(decide(now, { ...schedule, useLeadTimezone: false }, 'Asia/Tokyo')).toMatchObject({ timezone: 'Europe/Berlin' });
	});

	it('returns null when no day can ever be a sending day', () => {
		expect(nextWindowStart(at('2026-03-10T14:00:00Z'), window({ days: [] }), 'UTC')).toBeNull();
	});
});

describe('independence from the server timezone', () => {
	const original = process.env.TZ;
	afterEach(() => {
		process.env.TZ = original;
	});

	it('gives the same answers whatever TZ the process runs in', () => {
		const schedule = window({ timezone: 'America/New_York', days: ['sun'], start: '01:00', end: '01:30' });
		const answers = ['UTC', 'Pacific/Kiritimati', 'America/Adak', 'Asia/Kathmandu'].map((tz) => {
			process.env.TZ = tz;
			return [
				decide(at('2026-11-01T05:45:00Z'), schedule, null),
				decide(at('2026-03-08T06:00:00Z'), window({ timezone: 'Europe/Berlin' }), 'America/New_York'),
			];
		});
		for (const answer of answers) expect(answer).toEqual(answers[0]);
	});
});

describe('properties against an Intl reference', () => {
	const dstZones = [
		'America/New_York',
		'America/Los_Angeles',
		'America/Santiago',
		'America/Havana',
		'America/Asuncion',
		'Europe/London',
		'Europe/Berlin',
		'Europe/Chisinau',
		'Asia/Jerusalem',
		'Asia/Tehran',
		'Australia/Sydney',
		'Australia/Lord_Howe',
		'Pacific/Auckland',
		'Pacific/Chatham',
		'Asia/Kolkata',
		'Asia/Kathmandu',
		'UTC',
	];
	const allZones = Intl.supportedValuesOf('timeZone');
	const zone = fc.oneof(fc.constantFrom(...dstZones), fc.constantFrom(...allZones));
	const hhmm = (minutes: number) =>
		minutes === 1440 ? '24:00' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
	const schedule = fc
		.record({
			timezone: zone,
			days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
			startMinutes: fc.integer({ min: 0, max: 1439 }),
			length: fc.integer({ min: 1, max: 1440 }),
		})
		.map(({ timezone, days, startMinutes, length }) =>
			window({ timezone, days, start: hhmm(startMinutes), end: hhmm(Math.min(1440, startMinutes + length)) }),
		);
	// 2020-2030, biased towards the minutes around DST transitions by also using whole quarter hours.
	const instant = fc.oneof(
		fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2030-12-31T00:00:00Z') }),
		fc.integer({ min: 0, max: 11 * 365 * 96 }).map((quarter) => at('2020-01-01T00:00:00Z') + quarter * 900_000),
	);

	it('inside/outside matches the reference', () => {
		fc.assert(
			fc.property(schedule, instant, (s, now) => {
				expect(isInsideWindow(now, s, s.timezone)).toBe(referenceInside(now, s, s.timezone));
			}),
			{ numRuns: 2000 },
		);
	});

	it('nextWindowStart is the first inside instant after now', () => {
		fc.assert(
			fc.property(schedule, instant, fc.double({ min: 0, max: 1, noNaN: true }), (s, now, fraction) => {
				if (referenceInside(now, s, s.timezone)) return;
				const next = nextWindowStart(now, s, s.timezone);
				expect(next).not.toBeNull();
				if (next === null) return;
				expect(next).toBeGreaterThan(now);
				expect(referenceInside(next, s, s.timezone)).toBe(true);
				// Just before it (and anywhere between now and it) is outside, and gives the same answer.
				if (next - 1000 >= now) expect(referenceInside(next - 1000, s, s.timezone)).toBe(false);
				const between = now + Math.floor((next - now) * fraction);
				if (between < next) {
					expect(referenceInside(between, s, s.timezone)).toBe(false);
					expect(nextWindowStart(between, s, s.timezone)).toBe(next);
				}
			}),
			{ numRuns: 1000 },
		);
	});
});

import { describe, expect, it } from 'vitest';

import { BusinessHoursGate } from '../nodes/BusinessHoursGate/BusinessHoursGate.node';
import { asJson, claimItem } from './fixtures';
import { jsonOf, runNode } from './harness';

const node = new BusinessHoursGate();

describe('Business Hours Gate node', () => {
	it('routes items by window and gives outside items a deferred result with nextWindowStart', async () => {
		const inside = claimItem({ sendId: 'in', now: '2026-03-10T15:00:00Z' }); // 11:00 New York, Tuesday
		const outside = claimItem({ sendId: 'out', now: '2026-03-10T23:30:00Z' }); // 19:30 New York
		const run = await runNode(node, { items: [asJson(inside), asJson(outside)] });

		expect(jsonOf(run, 0).map((json) => json.sendId)).toEqual(['in']);
		expect(jsonOf(run, 0)[0]?.gate).toMatchObject({ inside: true, timezone: 'America/New_York' });
		const [deferred] = jsonOf(run, 1);
		expect(deferred?.result).toEqual({
			status: 'deferred',
			sendId: 'out',
			attempt: 1,
			notBefore: '2026-03-11T13:00:00.000Z',
			code: 'outside_window',
			reason: 'Outside the sending window in America/New_York (local time 2026-03-10 19:30)',
		});
		expect(run.output[1]?.[0]?.pairedItem).toEqual({ item: 1 });
	});

	it('uses a window defined on the node when asked to', async () => {
		const run = await runNode(node, {
			items: [
				asJson(
					claimItem({
						now: '2026-03-10T15:00:00Z',
						lead: { id: 'l', email: 'l@x.example', firstName: null, lastName: null, company: null, timezone: null },
					}),
				),
			],
			parameters: { scheduleSource: 'parameters', timezone: 'Asia/Tokyo', days: ['tue'], start: '08:00', end: '20:00', holidays: '' },
		});
		// 00:00 Wednesday in Tokyo: outside, next window Wednesday is not a sending day -> next Tuesday 08:00 JST.
		expect(jsonOf(run, 1)[0]?.gate).toMatchObject({ inside: false, nextWindowStart: '2026-03-16T23:00:00.000Z' });
	});

	it('fails the item on a broken schedule, or reports the error with continueOnFail', async () => {
		const broken = asJson(
			claimItem({
				schedule: { timezone: 'Nowhere/City', days: ['mon'], start: '09:00', end: '17:00', useLeadTimezone: true, holidays: [] },
			}),
		);
		await expect(runNode(node, { items: [broken] })).rejects.toThrow('Unknown timezone "Nowhere/City"');
		const run = await runNode(node, { items: [broken], continueOnFail: true });
		expect(jsonOf(run, 0)[0]?.error).toBe('Unknown timezone "Nowhere/City"');

		const overnight = asJson(
			claimItem({ schedule: { timezone: 'UTC', days: ['mon'], start: '22:00', end: '06:00', useLeadTimezone: true, holidays: [] } }),
		);
		await expect(runNode(node, { items: [overnight] })).rejects.toThrow(/schedule.end.*after schedule.start/);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { MailboxRotation, type RotationStrategy } from '../nodes/MailboxRotation/rotation';
import type { MailboxPoolEntry } from '../nodes/shared/contract';
import { mailbox } from './fixtures';

const NOW = Date.parse('2026-03-10T14:00:00Z');
const strategies: RotationStrategy[] = ['roundRobin', 'random', 'sequential', 'weighted'];

const poolArbitrary = fc
	.array(
		fc.record({
			remainingToday: fc.integer({ min: 0, max: 6 }),
			minGapSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 })),
			lastSentAgoSeconds: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
			health: fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 1, noNaN: true })),
			weight: fc.integer({ min: 1, max: 5 }),
		}),
		{ minLength: 1, maxLength: 6 },
	)
	.map((entries) =>
		entries.map((entry, index): MailboxPoolEntry =>
			mailbox({
				id: `mb-${index}`,
				email: `m${index}@sender.example`,
				remainingToday: entry.remainingToday,
				minGapSeconds: entry.minGapSeconds,
				lastSentAt: entry.lastSentAgoSeconds === null ? null : new Date(NOW - entry.lastSentAgoSeconds * 1000).toISOString(),
				health: entry.health,
				weight: entry.weight,
			}),
		),
	);

describe('Mailbox Rotation invariants (property-based)', () => {
	it('never exceeds capacity or gap, keeps follow-ups on their mailbox, places or explains every send', () => {
		fc.assert(
			fc.property(
				poolArbitrary,
				fc.constantFrom(...strategies),
				fc.array(fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }), { minLength: 1, maxLength: 40 }),
				fc.integer(),
				(pool, strategy, threadMailboxes, seed) => {
					let state = seed;
					const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) & 0x7fffffff) / 2 ** 31;
					const rotation = new MailboxRotation(strategy, null, random);
					const assigned = new Map<string, number>();
					for (const threadIndex of threadMailboxes) {
						const requiredMailboxId = threadIndex === null ? null : `mb-${threadIndex}`;
						const placement = rotation.place({ nowMs: NOW, pool, requiredMailboxId });
						if (!placement.placed) {
							expect(placement.reason).not.toBe('');
							continue;
						}
						const { mailbox: chosen } = placement;
						if (requiredMailboxId !== null) expect(chosen.id).toBe(requiredMailboxId);
						expect(chosen.health).toBeGreaterThan(0);
						if (chosen.lastSentAt) {
							expect(NOW - Date.parse(chosen.lastSentAt)).toBeGreaterThanOrEqual(chosen.minGapSeconds * 1000);
						}
						assigned.set(chosen.id, (assigned.get(chosen.id) ?? 0) + 1);
					}
					for (const entry of pool) {
						const count = assigned.get(entry.id) ?? 0;
						expect(count).toBeLessThanOrEqual(entry.remainingToday);
						// All sends of a batch happen "now": a mailbox with a gap takes at most one.
						if (entry.minGapSeconds > 0) expect(count).toBeLessThanOrEqual(1);
					}
				},
			),
			{ numRuns: 1000 },
		);
	});

	it('round-robin is fair: with room everywhere, counts differ by at most one', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 100 }), (size, sends) => {
				const pool = Array.from({ length: size }, (_, index) => mailbox({ id: `mb-${index}`, remainingToday: 1000 }));
				const rotation = new MailboxRotation('roundRobin', null);
				const counts = new Map<string, number>();
				for (let index = 0; index < sends; index++) {
					const placement = rotation.place({ nowMs: NOW, pool, requiredMailboxId: null });
					if (placement.placed) counts.set(placement.mailbox.id, (counts.get(placement.mailbox.id) ?? 0) + 1);
				}
				const values = pool.map((entry) => counts.get(entry.id) ?? 0);
				expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
				expect(values.reduce((a, b) => a + b, 0)).toBe(sends);
			}),
		);
	});
});

describe('Mailbox Rotation strategies', () => {
	const pool = [mailbox({ id: 'a', remainingToday: 2 }), mailbox({ id: 'b', remainingToday: 2 }), mailbox({ id: 'c', remainingToday: 2 })];
	const placeAll = (rotation: MailboxRotation, count: number) =>
		Array.from({ length: count }, () => {
			const placement = rotation.place({ nowMs: NOW, pool, requiredMailboxId: null });
			return placement.placed ? placement.mailbox.id : placement.code;
		});

	it('round-robin continues after the pointer from the previous execution', () => {
		expect(placeAll(new MailboxRotation('roundRobin', 'b'), 4)).toEqual(['c', 'a', 'b', 'c']);
	});

	it('sequential fills one mailbox before the next', () => {
		expect(placeAll(new MailboxRotation('sequential', null), 7)).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'capacity_exhausted']);
	});

	it('weighted favours weight × health and never picks health 0', () => {
		const weightedPool = [
			mailbox({ id: 'heavy', weight: 3, health: 1, remainingToday: 10_000 }),
			mailbox({ id: 'light', weight: 1, health: 1, remainingToday: 10_000 }),
			mailbox({ id: 'sick', weight: 100, health: 0, remainingToday: 10_000 }),
		];
		const rotation = new MailboxRotation('weighted', null);
		const counts: Record<string, number> = {};
		for (let index = 0; index < 4000; index++) {
			const placement = rotation.place({ nowMs: NOW, pool: weightedPool, requiredMailboxId: null });
			if (placement.placed) counts[placement.mailbox.id] = (counts[placement.mailbox.id] ?? 0) + 1;
		}
		expect(counts.sick).toBeUndefined();
		expect((counts.heavy ?? 0) / (counts.light ?? 1)).toBeGreaterThan(2.4);
		expect((counts.heavy ?? 0) / (counts.light ?? 1)).toBeLessThan(3.7);
	});

	it('explains why a send cannot be placed, with the earliest instant when a gap is the reason', () => {
		const gapped = [mailbox({ id: 'g', minGapSeconds: 300, lastSentAt: new Date(NOW - 60_000).toISOString() })];
		expect(new MailboxRotation('roundRobin', null).place({ nowMs: NOW, pool: gapped, requiredMailboxId: null })).toEqual({
			placed: false,
			code: 'mailbox_gap',
			reason: 'Every usable mailbox is inside its minimum gap between sends',
			notBeforeMs: NOW + 240_000,
		});
		const paused = [mailbox({ id: 'p', health: 0 })];
		expect(new MailboxRotation('random', null).place({ nowMs: NOW, pool: paused, requiredMailboxId: null })).toMatchObject({
			code: 'no_healthy_mailbox',
		});
		expect(new MailboxRotation('random', null).place({ nowMs: NOW, pool, requiredMailboxId: 'zzz' })).toMatchObject({
			code: 'thread_mailbox_unavailable',
		});
	});
});

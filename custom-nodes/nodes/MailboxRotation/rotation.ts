import type { DeferredCode, MailboxPoolEntry } from '../shared/contract';

export type RotationStrategy = 'roundRobin' | 'random' | 'sequential' | 'weighted';

export interface PlacementRequest {
	nowMs: number;
	pool: MailboxPoolEntry[];
	/** Step-1 mailbox of a follow-up that must stay in its thread; null for free placement. */
	requiredMailboxId: string | null;
}

export type Placement =
	{ placed: true; mailbox: MailboxPoolEntry } | { placed: false; code: DeferredCode; reason: string; notBeforeMs: number | null };

interface MailboxUsage {
	remaining: number;
	/** Earliest instant this mailbox may send again (its minimum gap after the last send). */
	nextFreeAtMs: number;
}

/**
 * Assigns mailboxes to the sends of one batch. Usage (capacity left, next free instant) is tracked
 * per mailbox id across the whole batch, so two campaigns sharing a mailbox in one execution
 * still respect its cap and gap.
 */
export class MailboxRotation {
	private readonly usage = new Map<string, MailboxUsage>();

	constructor(
		private readonly strategy: RotationStrategy,
		/** Round-robin pointer: the mailbox assigned last, carried across executions. */
		public lastAssignedId: string | null,
		private readonly random: () => number = Math.random,
	) {}

	place(request: PlacementRequest): Placement {
		const { nowMs, pool, requiredMailboxId } = request;
		const candidates = requiredMailboxId === null ? pool : pool.filter((entry) => entry.id === requiredMailboxId);
		const eligible = candidates.filter((entry) => this.isEligible(entry, nowMs));
		if (eligible.length === 0) return this.explainUnplaced(candidates, requiredMailboxId, nowMs);

		const mailbox = requiredMailboxId === null ? this.choose(eligible, pool) : eligible[0];
		if (mailbox === undefined) return this.explainUnplaced(candidates, requiredMailboxId, nowMs);
		const usage = this.usageOf(mailbox);
		usage.remaining -= 1;
		usage.nextFreeAtMs = nowMs + mailbox.minGapSeconds * 1000;
		this.lastAssignedId = mailbox.id;
		return { placed: true, mailbox };
	}

	private usageOf(entry: MailboxPoolEntry): MailboxUsage {
		let usage = this.usage.get(entry.id);
		if (usage === undefined) {
			const lastSentMs = entry.lastSentAt ? Date.parse(entry.lastSentAt) : Number.NEGATIVE_INFINITY;
			usage = {
				remaining: Math.max(0, Math.floor(entry.remainingToday)),
				nextFreeAtMs: lastSentMs + Math.max(0, entry.minGapSeconds) * 1000,
			};
			this.usage.set(entry.id, usage);
		}
		return usage;
	}

	private isEligible(entry: MailboxPoolEntry, nowMs: number): boolean {
		const usage = this.usageOf(entry);
		return entry.health > 0 && usage.remaining > 0 && usage.nextFreeAtMs <= nowMs;
	}

	private choose(eligible: MailboxPoolEntry[], pool: MailboxPoolEntry[]): MailboxPoolEntry | undefined {
		switch (this.strategy) {
			case 'sequential':
				return eligible[0];
			case 'random':
				return eligible[Math.floor(this.random() * eligible.length)];
			case 'weighted':
				return this.chooseWeighted(eligible);
			case 'roundRobin':
				return this.chooseRoundRobin(eligible, pool);
		}
	}

	/** The first eligible mailbox after the last assigned one, in pool order, wrapping around. */
	private chooseRoundRobin(eligible: MailboxPoolEntry[], pool: MailboxPoolEntry[]): MailboxPoolEntry | undefined {
		const lastIndex = pool.findIndex((entry) => entry.id === this.lastAssignedId);
		for (let step = 1; step <= pool.length; step++) {
			const entry = pool[(lastIndex + step + pool.length) % pool.length];
			if (entry !== undefined && eligible.includes(entry)) return entry;
		}
		return eligible[0];
	}

	/** Random choice proportional to weight × health. */
	private chooseWeighted(eligible: MailboxPoolEntry[]): MailboxPoolEntry | undefined {
		const weights = eligible.map((entry) => Math.max(0, entry.weight) * entry.health);
		const total = weights.reduce((sum, weight) => sum + weight, 0);
		if (total <= 0) return eligible[Math.floor(this.random() * eligible.length)];
		let target = this.random() * total;
		for (let index = 0; index < eligible.length; index++) {
			target -= weights[index] ?? 0;
			if (target < 0) return eligible[index];
		}
		return eligible[eligible.length - 1];
	}

	private explainUnplaced(candidates: MailboxPoolEntry[], requiredMailboxId: string | null, nowMs: number): Placement {
		if (requiredMailboxId !== null && candidates.length === 0) {
			return {
				placed: false,
				code: 'thread_mailbox_unavailable',
				reason: `Follow-up must be sent from mailbox ${requiredMailboxId}, which is not in this batch's pool`,
				notBeforeMs: null,
			};
		}
		const healthy = candidates.filter((entry) => entry.health > 0);
		if (healthy.length === 0) {
			return {
				placed: false,
				code: requiredMailboxId === null ? 'no_healthy_mailbox' : 'thread_mailbox_unavailable',
				reason: requiredMailboxId === null ? 'No healthy mailbox in the pool' : `Mailbox ${requiredMailboxId} is paused or unhealthy`,
				notBeforeMs: null,
			};
		}
		const withCapacity = healthy.filter((entry) => this.usageOf(entry).remaining > 0);
		if (withCapacity.length === 0) {
			return {
				placed: false,
				code: 'capacity_exhausted',
				reason: 'Every usable mailbox has reached its daily cap',
				notBeforeMs: null,
			};
		}
		const notBeforeMs = Math.min(...withCapacity.map((entry) => this.usageOf(entry).nextFreeAtMs));
		return {
			placed: false,
			code: 'mailbox_gap',
			reason: 'Every usable mailbox is inside its minimum gap between sends',
			notBeforeMs: Math.max(notBeforeMs, nowMs),
		};
	}
}

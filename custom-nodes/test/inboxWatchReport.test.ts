import { describe, expect, it } from 'vitest';

import type { InboundEvent } from '../nodes/InboxWatch/inboundEvents';
import { chunkEvents, REPORT_CHUNK_BYTES, REPORT_CHUNK_EVENTS } from '../nodes/InboxWatch/reportWatch';

const event = (index: number, text = ''): InboundEvent => ({
	eventId: `gmail:mb-1:${index}`,
	type: 'replied',
	inReplyToMessageId: '<ophir.snd_1@sender.example>',
	threadId: null,
	leadEmail: null,
	mailboxId: 'mb-1',
	bounce: null,
	receivedAt: '2026-03-10T14:12:44.000Z',
	message: { from: null, to: null, subject: null, messageIdHeader: null, text },
	evidence: {},
});
const bytes = (events: InboundEvent[]) =>
	Buffer.byteLength(JSON.stringify({ mailboxId: 'mb-1', previousCursor: '1', cursor: '2', events }), 'utf8');

describe('chunks of an inbox watch report', () => {
	it('always has one chunk, the one that carries the cursor, even with no events', () => {
		expect(chunkEvents([])).toEqual([[]]);
	});

	it('keeps every event once, in order, within the byte and event limits', () => {
		const many = Array.from({ length: 1_200 }, (_, index) => event(index));
		const byCount = chunkEvents(many);
		expect(byCount.map((chunk) => chunk.length)).toEqual([REPORT_CHUNK_EVENTS, REPORT_CHUNK_EVENTS, 200]);
		expect(byCount.flat()).toEqual(many);

		// Multi-byte text counts in bytes, not characters.
		const large = Array.from({ length: 12 }, (_, index) => event(index, 'é'.repeat(60_000)));
		const bySize = chunkEvents(large);
		expect(bySize.length).toBeGreaterThan(1);
		for (const chunk of bySize) expect(bytes(chunk)).toBeLessThanOrEqual(REPORT_CHUNK_BYTES);
		expect(bySize.flat()).toEqual(large);
	});

	it('sends an event larger than the budget alone rather than never', () => {
		const huge = event(1, '\u0001'.repeat(160_000));
		expect(chunkEvents([event(0), huge, event(2)])).toEqual([[event(0)], [huge], [event(2)]]);
	});
});

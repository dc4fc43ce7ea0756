// Unit: the one rule every send queue applies to a reported result (campaign sends and inbox replies both call it).
import { describe, expect, it } from 'vitest';
import { dueAgainAt, judgeSendResult } from './sendResultRule.js';

const claimed = { status: 'claimed', attempt: 2, leaseExpiresAt: new Date('2026-12-04T10:05:00Z') };
const fresh = { eventApplied: false, sendSettledInThisReport: false };

describe('judgeSendResult', () => {
  it('applies the first result for the attempt in flight', () => {
    expect(judgeSendResult(claimed, { attempt: 2, status: 'sent' }, fresh)).toBe('apply');
    expect(judgeSendResult(claimed, { attempt: 2, status: 'failed' }, fresh)).toBe('apply');
  });

  it('calls a result whose eventId was already applied a duplicate, whatever the send became since', () => {
    expect(
      judgeSendResult(
        { ...claimed, status: 'sent', leaseExpiresAt: null },
        { attempt: 2, status: 'sent' },
        { ...fresh, eventApplied: true },
      ),
    ).toBe('duplicates');
    expect(judgeSendResult({ ...claimed, attempt: 3 }, { attempt: 2, status: 'sent' }, { ...fresh, eventApplied: true })).toBe(
      'duplicates',
    );
  });

  it("calls an older attempt's result stale: its lease ended and the send was claimed again", () => {
    expect(judgeSendResult({ ...claimed, attempt: 3 }, { attempt: 2, status: 'sent' }, fresh)).toBe('stale');
  });

  it('calls a second, different result for the same attempt stale, in the same report or a later one', () => {
    expect(judgeSendResult(claimed, { attempt: 2, status: 'failed' }, { ...fresh, sendSettledInThisReport: true })).toBe('stale');
    expect(judgeSendResult({ ...claimed, status: 'sent', leaseExpiresAt: null }, { attempt: 2, status: 'failed' }, fresh)).toBe('stale');
  });

  it('records only `sent` for a send cancelled while in flight (the mail really left), and nothing for one cancelled before its claim', () => {
    const cancelledInFlight = { ...claimed, status: 'cancelled' };
    expect(judgeSendResult(cancelledInFlight, { attempt: 2, status: 'sent' }, fresh)).toBe('apply');
    expect(judgeSendResult(cancelledInFlight, { attempt: 2, status: 'failed' }, fresh)).toBe('stale');
    expect(judgeSendResult({ ...cancelledInFlight, leaseExpiresAt: null }, { attempt: 2, status: 'sent' }, fresh)).toBe('stale');
  });
});

describe('dueAgainAt', () => {
  const now = new Date('2026-12-04T10:00:00Z');
  const envelope = { sendId: '8d7c3a52-5f7b-4b43-9a55-0e0b5ac2f001', attempt: 1, eventId: 'e1' };
  it("waits the provider's retry-after, the gate's notBefore, or 15 minutes", () => {
    expect(dueAgainAt({ ...envelope, status: 'retryable', retryAfterSeconds: 90, mayHaveBeenSent: false }, now).toISOString()).toBe(
      '2026-12-04T10:01:30.000Z',
    );
    expect(dueAgainAt({ ...envelope, status: 'deferred', notBefore: '2026-12-05T09:00:00Z' }, now).toISOString()).toBe(
      '2026-12-05T09:00:00.000Z',
    );
    expect(dueAgainAt({ ...envelope, status: 'deferred' }, now).toISOString()).toBe('2026-12-04T10:15:00.000Z');
  });
});

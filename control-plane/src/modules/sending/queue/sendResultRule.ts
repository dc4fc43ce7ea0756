import type { SendResult } from '../sending.schemas.js';

/** Where a deferral without a time of its own waits. */
export const defaultDeferMs = 15 * 60_000;

export type ResultVerdict = 'apply' | 'duplicates' | 'stale';

/**
 * A queued send as its result finds it (locked). A campaign send's lease is a send_leases row: it is
 * `claimed` here while it has one and is pending, with the lease's attempt and end (recordSendResults.ts).
 */
export interface SendAwaitingResult {
  status: string;
  attempt: number;
  leaseExpiresAt: Date | null;
}

/**
 * The one rule for a send result, whichever queue the send is in:
 * - a result whose eventId was already applied (earlier, or earlier in this report) is a duplicate;
 * - a result for another attempt than the one in flight is stale (its lease ended and the send was claimed again);
 * - so is a second, different result for the attempt in flight, and one for a send no longer awaiting a result.
 * A claimed send awaits its result. So does one cancelled while in flight (it kept its lease, see
 * stopEnrollments), but only to learn that it went out: `sent` is recorded, since the mail really left.
 */
export function judgeSendResult(
  send: SendAwaitingResult,
  result: Pick<SendResult, 'attempt' | 'status'>,
  seen: { eventApplied: boolean; sendSettledInThisReport: boolean },
): ResultVerdict {
  if (seen.eventApplied) return 'duplicates';
  if (send.attempt !== result.attempt || seen.sendSettledInThisReport) return 'stale';
  const awaiting = send.status === 'claimed' || (send.status === 'cancelled' && send.leaseExpiresAt !== null && result.status === 'sent');
  return awaiting ? 'apply' : 'stale';
}

/** When a deferred or retryable send is due again. */
export function dueAgainAt(result: Extract<SendResult, { status: 'deferred' | 'retryable' }>, now: Date): Date {
  if (result.status === 'retryable') return new Date(now.getTime() + result.retryAfterSeconds * 1000);
  return result.notBefore ? new Date(result.notBefore) : new Date(now.getTime() + defaultDeferMs);
}

/** What a result that did not send changes on its row: failed ends it, deferred and retryable return it to the queue. */
export function unsentSettlement(result: Extract<SendResult, { status: 'failed' | 'deferred' | 'retryable' }>, now: Date) {
  if (result.status === 'failed') {
    return { status: 'failed' as const, lastError: `${result.code ?? 'failed'}: ${result.reason ?? ''}`.trim() };
  }
  return {
    status: result.status === 'retryable' ? ('retrying' as const) : ('queued' as const),
    dueAt: dueAgainAt(result, now),
    lastError: result.reason ?? result.code ?? null,
    ...(result.status === 'retryable' && result.mayHaveBeenSent ? { mayHaveBeenSent: true } : {}),
  };
}

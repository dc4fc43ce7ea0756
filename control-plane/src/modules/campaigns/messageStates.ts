import type { MessageStatus } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** Messages not settled yet: waiting to be claimed, or in flight (leased, see send_leases) and awaiting a result. */
export const pendingMessageStatuses = ['queued', 'deferred', 'retrying'] as const satisfies readonly MessageStatus[];

/**
 * Messages still waiting to be claimed: pending and not in flight. These may be re-pointed, postponed or
 * cancelled; one with a lease is in n8n's hands and is not touched (but a stop still cancels it, stopEnrollments).
 */
export const waitingMessage = {
  status: { in: [...pendingMessageStatuses] },
  lease: null,
} satisfies Prisma.MessageWhereInput;

/** Splits a long id list so no single query exceeds PostgreSQL's bind-parameter limit. */
export function inChunks<T>(items: T[], size = 5000): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

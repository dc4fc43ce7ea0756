import type { MessageStatus } from '../../generated/prisma/enums.js';

/** Messages still waiting to be claimed: these may be re-pointed or cancelled; a `claimed` one is in flight and is not touched. */
export const pendingMessageStatuses = ['queued', 'deferred', 'retrying'] as const satisfies readonly MessageStatus[];

/** Splits a long id list so no single query exceeds PostgreSQL's bind-parameter limit. */
export function inChunks<T>(items: T[], size = 5000): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

import { z } from 'zod';

/**
 * Page cursors: the sort key of a page's last row as base64url JSON, opaque to clients. Every list that
 * pages by cursor uses this codec, so a cursor this API did not issue is answered 400 on every one of
 * them, never read as "nothing after this" (an empty page).
 */
export function pageCursor<Key extends z.ZodObject>(key: Key) {
  const strictKey = key.strict();
  return {
    /** The `cursor` query parameter, decoded into the key. */
    param: z
      .string()
      .max(500)
      .transform((raw, ctx): z.output<Key> => {
        let decoded: unknown;
        try {
          decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
        } catch {
          decoded = undefined;
        }
        const parsed = strictKey.safeParse(decoded);
        if (parsed.success) return parsed.data as z.output<Key>;
        ctx.addIssue({ code: 'custom', message: "is not a cursor this API returned; pass the previous page's nextCursor as it is" });
        return z.NEVER;
      })
      .optional()
      .describe("The previous page's nextCursor"),
    encode: (value: z.input<Key>): string => Buffer.from(JSON.stringify(value)).toString('base64url'),
  };
}

/** A timestamp in a cursor key: written as ISO text, read back as a Date. */
export const cursorInstant = z.iso.datetime().transform((value) => new Date(value));

/**
 * The lists shown newest first page by (createdAt, id): the id breaks ties, so rows created in the same
 * millisecond (a bulk import, an audit burst) are neither skipped nor repeated at a page boundary.
 */
export const newestFirstCursor = pageCursor(z.object({ createdAt: cursorInstant, id: z.uuid() }));

export const newestFirstOrder = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/** The where-clause for the rows after a cursor (none: from the newest). */
export function olderThan(cursor: { createdAt: Date; id: string } | undefined) {
  return cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {};
}

/** A page from `limit + 1` rows read in newest-first order, and the cursor of the next one (null: the last page). */
export function newestFirstPage<Row extends { createdAt: Date; id: string }>(
  rows: Row[],
  limit: number,
): { page: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor: rows.length > limit && last ? newestFirstCursor.encode({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

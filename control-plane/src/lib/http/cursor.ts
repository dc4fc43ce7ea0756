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
        ctx.addIssue({ code: 'custom', message: 'is not a cursor this API returned; pass the previous page\'s nextCursor as it is' });
        return z.NEVER;
      })
      .optional()
      .describe("The previous page's nextCursor"),
    encode: (value: z.input<Key>): string => Buffer.from(JSON.stringify(value)).toString('base64url'),
  };
}

/** A timestamp in a cursor key: written as ISO text, read back as a Date. */
export const cursorInstant = z.iso.datetime().transform((value) => new Date(value));

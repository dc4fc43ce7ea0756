import { z } from 'zod';

/** Where the OAuth callback lands the browser: `?connected=<id>&provider=gmail`, or `?error=<code>&message=...` (docs/mailboxes.md). */
export const mailboxesSearch = z.object({
  connected: z.string().optional(),
  provider: z.string().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
});

import { z } from 'zod';
import type { SuppressionFilters } from './suppressions/queries';

// The Leads area's pages keep what a user would bookmark or share in the URL. A malformed value is
// dropped rather than refused: an old link still opens the page.

/** /leads/import?importId=: the started import whose progress the wizard shows. */
export const importWizardSearch = z.object({ importId: z.uuid().optional().catch(undefined) });

/** /leads/lists?search= */
export const listsSearch = z.object({ search: z.string().trim().min(1).max(200).optional().catch(undefined) });

/** /leads/suppressions?search=&kind= */
export const suppressionsSearch = z.object({
  search: z.string().trim().min(1).max(254).optional().catch(undefined),
  kind: z.enum(['email', 'domain', 'email_hash']).optional().catch(undefined),
}) satisfies z.ZodType<SuppressionFilters>;

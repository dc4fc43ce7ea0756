import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback } from 'react';
import { z } from 'zod';
import type { components, paths } from '@/lib/api/schema';
import { verificationStatuses } from './verification/verificationLabels';

export type LeadStatus = components['schemas']['LeadStatus'];
export const leadStatuses = ['active', 'unsubscribed', 'bounced', 'complained'] as const satisfies readonly LeadStatus[];

/** The filters the leads API takes (GET /api/leads without its paging). */
export type LeadFilters = Omit<NonNullable<paths['/api/leads']['get']['parameters']['query']>, 'cursor' | 'limit'>;

// A value a link cannot carry (a mistyped status, an empty tag) is dropped rather than refused: the page still opens.
const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);

/**
 * What the leads page keeps in its URL: the table's filters (named as the API names them) and the lead
 * whose drawer is open. Every member is optional and has no default, so an unfiltered page is `/leads`.
 */
export const leadSearchSchema = z.object({
  search: text(200),
  status: z.enum(leadStatuses).optional().catch(undefined),
  verificationStatus: z.enum(verificationStatuses).optional().catch(undefined),
  listId: z.uuid().optional().catch(undefined),
  tag: text(100),
  customField: z
    .string()
    .regex(/^[^:]{1,100}:.{0,2000}$/)
    .optional()
    .catch(undefined),
  lead: z.uuid().optional().catch(undefined),
});

export type LeadSearch = z.infer<typeof leadSearchSchema>;

/** The search as it goes in the URL: members left at their default (empty, unset) are dropped. */
export function cleanLeadSearch(search: Partial<Record<keyof LeadSearch, string | undefined>>): LeadSearch {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(search)) {
    const trimmed = typeof value === 'string' ? value.trim() : undefined;
    if (trimmed) clean[key] = trimmed;
  }
  return leadSearchSchema.parse(clean);
}

/** The API filters a URL search names (the open drawer is not a filter). */
export function filtersOf(search: LeadSearch): LeadFilters {
  const { lead: _lead, ...filters } = search;
  return cleanLeadSearch(filters);
}

export function hasFilters(search: LeadSearch): boolean {
  return Object.keys(filtersOf(search)).length > 0;
}

/** A custom-field filter "<key>:<value>" split into its two inputs, and joined back. */
export function splitCustomField(customField: string | undefined): { key: string; value: string } {
  if (!customField) return { key: '', value: '' };
  const colon = customField.indexOf(':');
  return { key: customField.slice(0, colon), value: customField.slice(colon + 1) };
}

export function joinCustomField(key: string, value: string): string | undefined {
  const trimmedKey = key.trim();
  return trimmedKey && !trimmedKey.includes(':') && value.trim() ? `${trimmedKey}:${value.trim()}` : undefined;
}

/**
 * The leads page's URL search, and a setter that merges a change into it. Typing replaces the history
 * entry; choosing from a list (or opening a lead) adds one, so Back undoes it.
 */
export function useLeadSearch(): [LeadSearch, (change: Partial<LeadSearch>, options?: { replace?: boolean }) => void] {
  const raw = useSearch({ strict: false });
  const search = leadSearchSchema.parse(raw);
  const navigate = useNavigate();
  const setSearch = useCallback(
    (change: Partial<LeadSearch>, options: { replace?: boolean } = {}) => {
      void navigate({
        to: '/leads',
        search: (previous) => cleanLeadSearch({ ...leadSearchSchema.parse(previous), ...change }),
        replace: options.replace ?? false,
      });
    },
    [navigate],
  );
  return [search, setSearch];
}

import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback } from 'react';
import { z } from 'zod';
import type { components } from '@/lib/api/schema';

export type InboxLabel = NonNullable<components['schemas']['InboxLabel']>;
export const builtInLabels = [
  'interested',
  'not_interested',
  'meeting_booked',
  'out_of_office',
  'wrong_person',
] as const satisfies readonly InboxLabel[];

// A value a link cannot carry (a mistyped label, a broken id) is dropped rather than refused: the page still opens.
const id = z.uuid().optional().catch(undefined);

/**
 * The inbox's filters and the open thread, kept in the URL so a reload or a shared link shows the same
 * conversations. `label` is a built-in label, `none` or the id of one of the organization's own labels.
 */
export const inboxSearch = z.object({
  unread: z.boolean().optional().catch(undefined),
  label: z
    .union([z.enum([...builtInLabels, 'none']), z.uuid()])
    .optional()
    .catch(undefined),
  campaignId: id,
  mailboxId: id,
  search: z.string().trim().min(1).max(200).optional().catch(undefined),
  thread: id,
});

export type InboxSearch = z.infer<typeof inboxSearch>;

/** The thread-list filters the API takes for this URL search: an own label goes by its id. */
export function threadFilters(search: InboxSearch) {
  const ownLabel = search.label !== undefined && !(builtInLabels as readonly string[]).includes(search.label) && search.label !== 'none';
  return {
    unread: search.unread,
    label: ownLabel ? undefined : (search.label as InboxLabel | 'none' | undefined),
    customLabelId: ownLabel ? search.label : undefined,
    campaignId: search.campaignId,
    mailboxId: search.mailboxId,
    search: search.search,
  };
}

export function hasFilters(search: InboxSearch): boolean {
  return Object.values(threadFilters(search)).some((value) => value !== undefined);
}

/**
 * The inbox's URL search, and a setter that merges a change into it. Typing replaces the history entry;
 * choosing a filter or a thread adds one, so Back undoes it.
 */
export function useInboxSearch(): [InboxSearch, (change: Partial<InboxSearch>, options?: { replace?: boolean }) => void] {
  const search = inboxSearch.parse(useSearch({ strict: false }));
  const navigate = useNavigate();
  const setSearch = useCallback(
    (change: Partial<InboxSearch>, options: { replace?: boolean } = {}) => {
      void navigate({
        to: '/inbox',
        search: (previous) => {
          const merged: Record<string, unknown> = { ...inboxSearch.parse(previous), ...change };
          return inboxSearch.parse(Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined && value !== '')));
        },
        replace: options.replace ?? false,
      });
    },
    [navigate],
  );
  return [search, setSearch];
}

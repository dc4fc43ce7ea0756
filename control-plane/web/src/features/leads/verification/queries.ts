import { queryOptions, useMutation } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';
import type { LeadFilters } from '../leadSearch';

export type LeadVerificationRun = components['schemas']['LeadVerificationRun'];
export type LeadVerification = components['schemas']['LeadVerification'];
export type LeadVerificationStatus = components['schemas']['LeadVerificationStatus'];

/** A run is polled until it ends; a finished one is read once. */
const pollWhileRunning = (run: LeadVerificationRun | null | undefined) =>
  run && (run.status === 'queued' || run.status === 'running') ? 1000 : false;

/** The check of an import's new leads: null when the import checks nothing (or it has not started yet). */
export const importVerificationQuery = (importId: string, importFinished: boolean) =>
  queryOptions({
    queryKey: [...queryKeys.leadImports.one(importId), 'verification'],
    queryFn: async () =>
      (await dataOf(
        api.GET('/api/lead-imports/{importId}/verification', { params: { path: { importId } } }),
      )) as LeadVerificationRun | null,
    // The run starts once the import completes: until it shows, keep asking.
    refetchInterval: (query) => (query.state.data === null && importFinished ? 1000 : pollWhileRunning(query.state.data)),
  });

export const verificationRunQuery = (verificationId: string) =>
  queryOptions({
    queryKey: ['lead-verifications', verificationId],
    queryFn: () => dataOf(api.GET('/api/lead-verifications/{verificationId}', { params: { path: { verificationId } } })),
    refetchInterval: (query) => pollWhileRunning(query.state.data),
  });

/** Starts checking the chosen leads, or every lead the filters match. */
export function useStartVerification() {
  return useMutation({
    mutationFn: (selection: { leadIds: string[] } | { filters: LeadFilters }) =>
      dataOf(
        api.POST('/api/lead-verifications', {
          body: 'leadIds' in selection ? { leadIds: selection.leadIds } : { filter: selection.filters },
        }),
      ),
  });
}

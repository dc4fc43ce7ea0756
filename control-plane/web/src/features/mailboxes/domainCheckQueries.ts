import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';

export type SendingDomainReport = components['schemas']['SendingDomainReport'];
export type DomainFinding = components['schemas']['DomainFinding'];

const byId = (mailboxId: string) => ({ params: { path: { mailboxId } } });

export const domainCheckQuery = (mailboxId: string) =>
  queryOptions({
    queryKey: queryKeys.mailboxes.domainCheck(mailboxId),
    queryFn: () => dataOf(api.GET('/api/mailboxes/{mailboxId}/domain-check', byId(mailboxId))),
  });

/** Checks the domain now; the new report also moves the mailbox's health score, so every mailbox query is refreshed. */
export function useCheckDomainNow(mailboxId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { dkimSelector?: string | null }) =>
      dataOf(api.POST('/api/mailboxes/{mailboxId}/domain-check', { ...byId(mailboxId), body })),
    onSuccess: (report) => {
      queryClient.setQueryData(queryKeys.mailboxes.domainCheck(mailboxId), report);
      return queryClient.invalidateQueries({ queryKey: queryKeys.mailboxes.all });
    },
  });
}

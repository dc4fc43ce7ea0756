import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components, paths } from '@/lib/api/schema';

export type Mailbox = components['schemas']['Mailbox'];
export type MailboxListItem = components['schemas']['MailboxListItem'];
export type SandboxMessage = components['schemas']['SandboxMessage'];
export type MailboxHealth = components['schemas']['MailboxHealth'];
type JsonBody<Operation> = Operation extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : never;
export type UpdateMailbox = JsonBody<paths['/api/mailboxes/{mailboxId}']['patch']>;
export type CreateSmtpMailbox = JsonBody<paths['/api/mailboxes/smtp']['post']>;
export type CreateSandboxMailbox = JsonBody<paths['/api/mailboxes/sandbox']['post']>;

const byId = (mailboxId: string) => ({ params: { path: { mailboxId } } });

export const mailboxesQuery = queryOptions({
  queryKey: queryKeys.mailboxes.list,
  queryFn: async () => (await dataOf(api.GET('/api/mailboxes'))).data,
});

export const mailboxQuery = (mailboxId: string) =>
  queryOptions({
    queryKey: queryKeys.mailboxes.one(mailboxId),
    queryFn: () => dataOf(api.GET('/api/mailboxes/{mailboxId}', byId(mailboxId))),
  });

export const mailboxHealthQuery = (mailboxId: string) =>
  queryOptions({
    queryKey: queryKeys.mailboxes.health(mailboxId),
    queryFn: () => dataOf(api.GET('/api/mailboxes/{mailboxId}/health', byId(mailboxId))),
  });

export const mailboxUsageQuery = (mailboxId: string) =>
  queryOptions({
    queryKey: queryKeys.mailboxes.usage(mailboxId),
    queryFn: () => dataOf(api.GET('/api/mailboxes/{mailboxId}/usage', byId(mailboxId))),
  });

export const mailboxDailyUsageQuery = (mailboxId: string, days: number) =>
  queryOptions({
    queryKey: queryKeys.mailboxes.dailyUsage(mailboxId, days),
    queryFn: () => dataOf(api.GET('/api/mailboxes/{mailboxId}/usage/daily', { params: { path: { mailboxId }, query: { days } } })),
  });

export const sandboxMessagesQuery = (mailboxId: string) =>
  queryOptions({
    queryKey: queryKeys.mailboxes.sandboxMessages(mailboxId),
    queryFn: async () =>
      (await dataOf(api.GET('/api/mailboxes/{mailboxId}/sandbox-messages', { params: { path: { mailboxId }, query: { limit: 50 } } })))
        .data,
  });

/** Every mailbox query is stale after a change to one: the list shows status, caps and health too. */
function useInvalidateMailboxes() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.mailboxes.all });
}

export function useCreateSandboxMailbox() {
  const invalidate = useInvalidateMailboxes();
  return useMutation({
    mutationFn: (body: CreateSandboxMailbox) => dataOf(api.POST('/api/mailboxes/sandbox', { body })),
    onSuccess: invalidate,
  });
}

export function useCreateSmtpMailbox() {
  const invalidate = useInvalidateMailboxes();
  return useMutation({ mutationFn: (body: CreateSmtpMailbox) => dataOf(api.POST('/api/mailboxes/smtp', { body })), onSuccess: invalidate });
}

/**
 * Starts an OAuth connect and sends the browser to the provider's consent page. The start is a same-origin
 * call, so the browser keeps the cookie the callback requires (docs/mailboxes.md, "Browser binding").
 */
export function useConnectOAuthMailbox() {
  return useMutation({
    mutationFn: async (provider: 'gmail' | 'outlook') => {
      const started = await dataOf(
        provider === 'gmail' ? api.POST('/api/mailboxes/gmail/connect') : api.POST('/api/mailboxes/outlook/connect'),
      );
      window.location.assign(started.authorizationUrl);
    },
  });
}

export function useUpdateMailbox(mailboxId: string) {
  const invalidate = useInvalidateMailboxes();
  return useMutation({
    mutationFn: (body: UpdateMailbox) => dataOf(api.PATCH('/api/mailboxes/{mailboxId}', { ...byId(mailboxId), body })),
    onSuccess: invalidate,
  });
}

export function useDeleteMailbox(mailboxId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { error, response } = await api.DELETE('/api/mailboxes/{mailboxId}', { params: { path: { mailboxId }, query: {} } });
      if (!response.ok) await dataOf(Promise.resolve({ error, response }));
    },
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: queryKeys.mailboxes.one(mailboxId) });
      // The list is not on screen now: without this it would show the deleted mailbox until its refetch lands.
      queryClient.setQueryData(mailboxesQuery.queryKey, (mailboxes) => mailboxes?.filter((mailbox) => mailbox.id !== mailboxId));
      await queryClient.invalidateQueries({ queryKey: queryKeys.mailboxes.list });
    },
  });
}

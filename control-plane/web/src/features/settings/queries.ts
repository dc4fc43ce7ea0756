import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf, doneOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';
import { cookieSessionHeaders, startSession } from '@/lib/api/session';

export type Member = components['schemas']['Member'];
export type Invitation = components['schemas']['Invitation'];
export type CreatedInvitation = components['schemas']['CreatedInvitation'];
export type ApiKey = components['schemas']['ApiKey'];
export type CreatedApiKey = components['schemas']['CreatedApiKey'];
export type AuditEntry = components['schemas']['AuditEntry'];
export type Role = components['schemas']['Role'];

export const organizationQuery = queryOptions({
  queryKey: queryKeys.organization,
  queryFn: () => dataOf(api.GET('/api/organization')),
});

export const membersQuery = queryOptions({
  queryKey: queryKeys.members.all,
  queryFn: async () => (await dataOf(api.GET('/api/members'))).data,
});

export const invitationsQuery = queryOptions({
  queryKey: queryKeys.invitations.all,
  queryFn: async () => (await dataOf(api.GET('/api/invitations'))).data,
});

export const apiKeysQuery = queryOptions({
  queryKey: queryKeys.apiKeys.all,
  queryFn: async () => (await dataOf(api.GET('/api/api-keys'))).data,
});

const auditPageSize = 50;

export const auditLogQuery = infiniteQueryOptions({
  queryKey: queryKeys.auditLog.all,
  queryFn: ({ pageParam }) =>
    dataOf(api.GET('/api/audit-log', { params: { query: { limit: auditPageSize, ...(pageParam ? { cursor: pageParam } : {}) } } })),
  initialPageParam: null as string | null,
  getNextPageParam: (page) => page.nextCursor,
});

/** Renames the organization, sets its timezone or whether imports check addresses. */
export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; timezone?: string; verifyLeadsAtImport?: boolean }) =>
      dataOf(api.PATCH('/api/organization', { body })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.organization }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditLog.all }),
      ]);
    },
  });
}

export function useChangeMemberRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ membershipId, role }: { membershipId: string; role: Role }) =>
      dataOf(api.PATCH('/api/members/{membershipId}', { params: { path: { membershipId } }, body: { role } })),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.members.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditLog.all }),
      ]);
    },
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (membershipId: string) => doneOf(api.DELETE('/api/members/{membershipId}', { params: { path: { membershipId } } })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.members.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditLog.all }),
      ]);
    },
  });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Exclude<Role, 'owner'> }) => dataOf(api.POST('/api/invitations', { body })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.invitations.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditLog.all }),
      ]);
    },
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => doneOf(api.DELETE('/api/invitations/{invitationId}', { params: { path: { invitationId } } })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.invitations.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditLog.all }),
      ]);
    },
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: Exclude<Role, 'owner'> }) => dataOf(api.POST('/api/api-keys', { body })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditLog.all }),
      ]);
    },
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apiKeyId: string) => doneOf(api.DELETE('/api/api-keys/{apiKeyId}', { params: { path: { apiKeyId } } })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditLog.all }),
      ]);
    },
  });
}

export function useRenameMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => dataOf(api.PATCH('/api/me', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

/** A new password ends every session of the account; this browser goes on in the fresh one the answer opens (its refresh token in the cookie). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      dataOf(api.POST('/api/me/password', { body, headers: cookieSessionHeaders })),
    onSuccess: startSession,
  });
}

/** The link an invitee opens: the token is in the path of the web app's public accept page. */
export function invitationLink(token: string): string {
  return `${window.location.origin}/invitations/${encodeURIComponent(token)}`;
}

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components, paths } from '@/lib/api/schema';
import { cookieSessionHeaders, startSession } from '@/lib/api/session';

export type InvitationPreview = components['schemas']['InvitationPreview'];
export type AcceptInvitationBody = paths['/api/invitations/accept']['post']['requestBody']['content']['application/json'];

/** What the link is for (organization, address, role, whether that address has an account); 404 once it is spent. */
export const invitationPreviewQuery = (token: string) =>
  queryOptions({
    queryKey: queryKeys.invitationPreview(token),
    queryFn: () => dataOf(api.POST('/api/invitations/preview', { body: { token } })),
    staleTime: Infinity,
  });

/** Accepting signs the invitee in: like sign-in, the refresh token goes into the httpOnly session cookie. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptInvitationBody) => dataOf(api.POST('/api/invitations/accept', { body, headers: cookieSessionHeaders })),
    onSuccess: (session) => {
      // Whoever was signed in before in this browser, what was cached was theirs.
      queryClient.clear();
      startSession(session);
    },
  });
}

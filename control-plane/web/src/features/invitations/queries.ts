import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import type { paths } from '@/lib/api/schema';
import { cookieSessionHeaders, startSession } from '@/lib/api/session';

export type AcceptInvitationBody = paths['/api/invitations/accept']['post']['requestBody']['content']['application/json'];

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

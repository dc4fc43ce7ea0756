import { queryOptions, useMutation } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';
import { startSession } from '@/lib/api/session';

export type SignInBody = components['schemas']['LoginRequest'];
export type RegisterBody = components['schemas']['RegisterRequest'];

export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: () => dataOf(api.GET('/api/me')),
  staleTime: 60_000,
});

export function useSignIn() {
  return useMutation({
    mutationFn: (body: SignInBody) => dataOf(api.POST('/api/auth/login', { body })),
    onSuccess: startSession,
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: (body: RegisterBody) => dataOf(api.POST('/api/auth/register', { body })),
    onSuccess: startSession,
  });
}

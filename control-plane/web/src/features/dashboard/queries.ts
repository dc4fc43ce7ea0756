import { queryOptions } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';

export type OrganizationStats = components['schemas']['OrganizationStats'];
export type Attention = components['schemas']['Attention'];
export type GettingStarted = components['schemas']['GettingStarted'];

/** The organization's totals and days over a range (the API's exact stats, summed across campaigns). */
export const overviewQuery = (range: { days: number } | { from: string; to: string }) =>
  queryOptions({
    queryKey: queryKeys.dashboard.overview(range),
    queryFn: () => dataOf(api.GET('/api/stats/overview', { params: { query: range } })),
  });

export const attentionQuery = queryOptions({
  queryKey: queryKeys.dashboard.attention,
  queryFn: () => dataOf(api.GET('/api/dashboard/attention')),
});

export const gettingStartedQuery = queryOptions({
  queryKey: queryKeys.dashboard.gettingStarted,
  queryFn: () => dataOf(api.GET('/api/dashboard/getting-started')),
});

import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { readEvents } from '@/features/leads/imports/importEvents';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';

export type CampaignStats = components['schemas']['CampaignStats'];
export type CampaignCounts = components['schemas']['CampaignCounts'];
export type DailyStats = components['schemas']['CampaignDailyStats'];
export type Enrollment = components['schemas']['Enrollment'];
export type EnrollmentState = components['schemas']['EnrollmentState'];
export type ActivityEntry = components['schemas']['CampaignActivity']['data'][number];

const byCampaign = (campaignId: string) => ({ path: { campaignId } });
const pageSize = 50;

export const campaignStatsQuery = (campaignId: string) =>
  queryOptions({
    queryKey: queryKeys.stats.summary(campaignId),
    queryFn: ({ signal }) => dataOf(api.GET('/api/campaigns/{campaignId}/stats', { params: byCampaign(campaignId), signal })),
  });

/** The last 30 days in the campaign's time zone (the API's default range). */
export const dailyStatsQuery = (campaignId: string) =>
  queryOptions({
    queryKey: queryKeys.stats.daily(campaignId),
    queryFn: ({ signal }) => dataOf(api.GET('/api/campaigns/{campaignId}/stats/daily', { params: byCampaign(campaignId), signal })),
  });

export const enrollmentsQuery = (campaignId: string, state: EnrollmentState | undefined) =>
  infiniteQueryOptions({
    queryKey: queryKeys.stats.enrollmentsPage(campaignId, state),
    queryFn: ({ pageParam, signal }) =>
      dataOf(
        api.GET('/api/campaigns/{campaignId}/enrollments', {
          params: { ...byCampaign(campaignId), query: { state, cursor: pageParam, limit: pageSize } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const activityQuery = (campaignId: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.stats.activity(campaignId),
    queryFn: ({ pageParam, signal }) =>
      dataOf(
        api.GET('/api/campaigns/{campaignId}/activity', {
          params: { ...byCampaign(campaignId), query: { cursor: pageParam, limit: pageSize } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Stopping an enrolment cancels its waiting sends: the enrolments, the counters and the feed all move. */
export function useStopEnrollment(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enrollmentId: string) =>
      dataOf(api.POST('/api/campaigns/{campaignId}/enrollments/{enrollmentId}/stop', { params: { path: { campaignId, enrollmentId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.stats.all }),
  });
}

const reconnectMs = 5_000;

/**
 * Follows the campaign's stats stream: each `stats` event replaces the numbers in the query cache (every
 * counter and table moves with it, nothing is recomputed here) and refreshes the daily series, the feed
 * and the enrolments, whose changes are what moved the numbers. The stream goes through the API client
 * (fetch) since it needs the access token EventSource cannot send; a dropped stream is reopened, and
 * `live` says whether the page is following it right now.
 */
export function useStatsStream(campaignId: string): { live: boolean } {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const onStats = (stats: CampaignStats, first: boolean) => {
      queryClient.setQueryData(queryKeys.stats.summary(campaignId), stats);
      if (first) return;
      void queryClient.invalidateQueries({ queryKey: queryKeys.stats.daily(campaignId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.stats.activity(campaignId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.stats.enrollments(campaignId) });
    };

    const follow = async () => {
      const { data: stream, response } = await api.GET('/api/campaigns/{campaignId}/stats/stream', {
        params: byCampaign(campaignId),
        parseAs: 'stream',
        signal: controller.signal,
      });
      if (!response.ok || !stream) throw new Error(`The stats stream answered ${response.status}`);
      setLive(true);
      const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let first = true;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const { events, rest } = readEvents(buffer + value);
        buffer = rest;
        for (const event of events) {
          if (event.event !== 'stats') continue;
          onStats(JSON.parse(event.data) as CampaignStats, first);
          first = false;
        }
      }
    };

    void (async () => {
      while (!controller.signal.aborted) {
        await follow().catch(() => undefined);
        setLive(false);
        if (controller.signal.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, reconnectMs));
      }
    })();
    return () => controller.abort();
  }, [campaignId, queryClient]);

  return { live };
}

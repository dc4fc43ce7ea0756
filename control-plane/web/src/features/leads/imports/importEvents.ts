import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { LeadImport } from './queries';

/** What a `progress` event carries (GET /api/lead-imports/{importId}/events, docs/leads.md). */
export type ProgressEvent = Pick<LeadImport, 'status' | 'progress' | 'error'>;

export interface ServerSentEvent {
  event: string;
  data: string;
}

/** Splits a text/event-stream into events; returns the ones complete so far and the unfinished rest. */
export function readEvents(buffer: string): { events: ServerSentEvent[]; rest: string } {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: ServerSentEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Reads a text/event-stream body, handing each event to `onEvent` as it completes, until the stream
 * ends (`'closed'`) or `onEvent` returns true (`'stopped'`).
 */
export async function followEvents(
  stream: ReadableStream<BufferSource>,
  onEvent: (event: ServerSentEvent) => boolean | void,
): Promise<'closed' | 'stopped'> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return 'closed';
    const { events, rest } = readEvents(buffer + value);
    buffer = rest;
    for (const event of events) if (onEvent(event) === true) return 'stopped';
  }
}

interface Sample {
  at: number;
  rowsRead: number;
}

// Rows per second over the last few seconds, so the rate follows the import's pace now, not its average.
const rateWindowMs = 3_000;

function rowsPerSecond(samples: readonly Sample[]): number | null {
  const last = samples.at(-1);
  const first = samples.find((sample) => last && last.at - sample.at <= rateWindowMs);
  if (!last || !first || last.at === first.at) return null;
  return ((last.rowsRead - first.rowsRead) * 1000) / (last.at - first.at);
}

/**
 * Follows an import's event stream while it runs: each `progress` event updates the import in the query
 * cache (every counter on screen moves with it), the `end` event refetches it and the history. The
 * stream goes through the API client (fetch), since it needs the access token that EventSource cannot send.
 * When the stream cannot be opened (too many open, a proxy cutting it), `streamFailed` says to poll instead.
 */
export function useImportEvents(importId: string, follow: boolean): { rowsPerSecond: number | null; streamFailed: boolean } {
  const queryClient = useQueryClient();
  const [rate, setRate] = useState<number | null>(null);
  const [streamFailed, setStreamFailed] = useState(false);
  const samples = useRef<Sample[]>([]);

  useEffect(() => {
    if (!follow) return;
    const controller = new AbortController();
    const key = queryKeys.leadImports.one(importId);
    const onProgress = (event: ProgressEvent) => {
      queryClient.setQueryData<LeadImport>(key, (current) => (current ? { ...current, ...event } : current));
      const now = performance.now();
      samples.current = [
        ...samples.current.filter((sample) => now - sample.at <= rateWindowMs * 2),
        { at: now, rowsRead: event.progress.rowsRead },
      ];
      setRate(event.status === 'running' ? rowsPerSecond(samples.current) : null);
    };
    const onEnd = () => {
      setRate(null);
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: queryKeys.leadImports.history });
      void queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
    };

    (async () => {
      const { data: stream, response } = await api.GET('/api/lead-imports/{importId}/events', {
        params: { path: { importId } },
        parseAs: 'stream',
        signal: controller.signal,
      });
      if (!response.ok || !stream) throw new Error(`The progress stream answered ${response.status}`);
      const ended = await followEvents(stream, (event) => {
        if (event.event === 'progress') onProgress(JSON.parse(event.data) as ProgressEvent);
        return event.event === 'end';
      });
      if (ended === 'stopped') return onEnd();
      // The connection closed without an end event: keep the counters moving by asking.
      setStreamFailed(true);
    })().catch(() => {
      if (!controller.signal.aborted) setStreamFailed(true);
    });
    return () => controller.abort();
  }, [follow, importId, queryClient]);

  return { rowsPerSecond: rate, streamFailed };
}

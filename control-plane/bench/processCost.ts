import { constants, monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/**
 * What a stretch of load cost the process it runs in, in figures that a busy host disturbs less than
 * latency: CPU time (user + system) per request, garbage-collection pauses (count, total, longest;
 * a minor collection runs each time the young generation fills, so their count follows what requests
 * allocate), and how late the event loop ran its timers (a long pause delays every request waiting on it).
 */
export interface ProcessCost {
  cpuMsPerRequest: number;
  gc: { minor: number; major: number; pauseMsPerRequest: number; longestPauseMs: number };
  eventLoopDelayMs: { p99: number; max: number };
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function measureProcessCost(): { stop(requests: number): ProcessCost } {
  const gcPauses: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => gcPauses.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const cpuBefore = process.cpuUsage();
  return {
    stop(requests) {
      const cpu = process.cpuUsage(cpuBefore);
      delay.disable();
      gcPauses.push(...observer.takeRecords());
      observer.disconnect();
      const perRequest = (value: number) => round(value / Math.max(1, requests), 3);
      const kind = (entry: PerformanceEntry) => (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      return {
        cpuMsPerRequest: perRequest((cpu.user + cpu.system) / 1000),
        gc: {
          minor: gcPauses.filter((entry) => kind(entry) === constants.NODE_PERFORMANCE_GC_MINOR).length,
          major: gcPauses.filter((entry) => kind(entry) === constants.NODE_PERFORMANCE_GC_MAJOR).length,
          pauseMsPerRequest: perRequest(gcPauses.reduce((sum, entry) => sum + entry.duration, 0)),
          longestPauseMs: round(Math.max(0, ...gcPauses.map((entry) => entry.duration)), 1),
        },
        eventLoopDelayMs: { p99: round(delay.percentile(99) / 1e6, 1), max: round(delay.max / 1e6, 1) },
      };
    },
  };
}

/**
 * The load generator of `bench:api`, in a process of its own so it never shares the control plane's
 * event loop: it receives one route's requests over IPC, drives them with autocannon at a fixed
 * concurrency (for a fixed time, or for a fixed number of requests) and answers with the figures.
 */
import autocannon from 'autocannon';
import { n8nSignatureHeaders } from '../src/test/n8nCallbacks.js';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadJob {
  url: string;
  connections: number;
  /** Seconds; or `amount` requests in all. */
  duration?: number;
  amount?: number;
  /** Sent in this order, whichever connection is free, from the first again after the last. */
  requests: LoadRequest[];
  /** Signs each request afresh (timestamp, nonce) as our n8n credential does. */
  n8nSigningSecret?: string;
}

export interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
}

async function run(job: LoadJob): Promise<LoadFigures> {
  const signingSecret = job.n8nSigningSecret;
  // One sequence shared by every connection (autocannon's own cycles each connection through the list
  // from its start), so N requests name N different messages before any repeats.
  let next = 0;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    ...(job.amount ? { amount: job.amount } : { duration: job.duration ?? 10 }),
    requests: [
      {
        setupRequest: (prepared) => {
          const request = job.requests[next % job.requests.length]!;
          next += 1;
          return {
            ...prepared,
            ...request,
            headers: {
              ...prepared.headers,
              ...request.headers,
              ...(signingSecret
                ? n8nSignatureHeaders(signingSecret, { method: request.method, target: request.path, rawBody: request.body ?? '' })
                : {}),
            },
          };
        },
      },
    ],
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats as Record<string, { count: number }>).map(([code, stats]) => [code, stats.count]),
  );
  const requests = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
  return {
    requests,
    requestsPerSecond: Math.round(requests / (result.duration || 1)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (figures) => process.send!(figures, undefined, {}, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
});

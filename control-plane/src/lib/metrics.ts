import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpMiddleware: RequestHandler;
  /** How long one claim of due sends takes (the workflow waits on it every run). */
  claimDuration: Histogram;
}

/** One registry per app instance, so tests that build several apps do not collide. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const httpMiddleware: RequestHandler = (req, res, next) => {
    const stop = duration.startTimer();
    res.on('finish', () => {
      // The route template, never the raw path: ids would explode the label set.
      const routePath = (req.route as { path?: string } | undefined)?.path;
      const labels = { method: req.method, route: routePath ? `${req.baseUrl}${routePath}` : 'unmatched', status: String(res.statusCode) };
      stop(labels);
      requests.inc(labels);
    });
    next();
  };
  const claimDuration = new Histogram({
    name: 'ophir_claim_duration_seconds',
    help: 'Time to claim a batch of due sends',
    buckets: [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2],
    registers: [registry],
  });
  return { registry, httpMiddleware, claimDuration };
}

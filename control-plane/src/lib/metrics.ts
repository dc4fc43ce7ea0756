import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpMiddleware: RequestHandler;
  /** How long one claim of due sends takes (the workflow waits on it every run). */
  claimDuration: Histogram;
  /** Restarts of a process the launcher supervises, by process (n8n, postgres). */
  processRestarts: Counter<'process'>;
  /** 1 while a supervised process runs, 0 while it is down or was given up on. */
  processUp: Gauge<'process'>;
  /** Reconciler passes or deployments that failed, by kind (n8n_unavailable, deployment). */
  reconcileFailures: Counter<'kind'>;
  reconcileLastSuccess: Gauge;
}

export interface MetricSources {
  /** Seconds since each active campaign's workflow last claimed (since it started, if it never did). */
  campaignClaimAges(): Promise<Array<{ campaignId: string; seconds: number }>>;
}

/** One registry per app instance, so tests that build several apps do not collide. */
export function createMetrics(sources: MetricSources): Metrics {
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
  const processRestarts = new Counter({
    name: 'ophir_process_restarts_total',
    help: 'Restarts of a supervised process after it crashed',
    labelNames: ['process'],
    registers: [registry],
  });
  const processUp = new Gauge({
    name: 'ophir_process_up',
    help: '1 while a supervised process runs, 0 while it is down or was given up on',
    labelNames: ['process'],
    registers: [registry],
  });
  const reconcileFailures = new Counter({
    name: 'ophir_reconcile_failures_total',
    help: 'Reconciler failures: passes cut short because n8n was unavailable, deployments that could not be reconciled',
    labelNames: ['kind'],
    registers: [registry],
  });
  const reconcileLastSuccess = new Gauge({
    name: 'ophir_reconcile_last_success_timestamp_seconds',
    help: 'Unix time of the last reconciler pass that completed with n8n reachable',
    registers: [registry],
  });
  new Gauge({
    name: 'ophir_campaign_seconds_since_last_claim',
    help: "Seconds since an active campaign's workflow last claimed due sends; grows while its workflow is not running",
    labelNames: ['campaign_id'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { campaignId, seconds } of await sources.campaignClaimAges()) this.set({ campaign_id: campaignId }, seconds);
    },
  });
  return { registry, httpMiddleware, claimDuration, processRestarts, processUp, reconcileFailures, reconcileLastSuccess };
}

import type { Request, Router } from 'express';
import { constantTimeEqual } from '../../lib/crypto.js';
import { UnauthenticatedError } from '../../lib/errors.js';
import type { Metrics } from '../../lib/metrics.js';
import type { Readiness } from './readiness.js';

/**
 * Liveness, readiness and metrics: plain probes for orchestrators and operators, outside the OpenAPI
 * surface (docs/operations.md).
 */
export function mountHealthRoutes(
  router: Router,
  deps: { readiness: Readiness; metrics: Metrics; metricsToken: string | undefined },
): void {
  // Liveness: the process serves HTTP. Nothing else, so an orchestrator never restarts it for a dependency.
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness: every dependency needed for the whole job; `?check=database,n8n` narrows it.
  router.get('/readyz', async (req, res) => {
    const only = typeof req.query.check === 'string' ? req.query.check.split(',').map((name) => name.trim()) : undefined;
    const report = await deps.readiness.evaluate(only);
    res.status(report.status === 'ready' ? 200 : 503).json(report);
  });

  router.get('/metrics', async (req, res) => {
    authorizeMetrics(req, deps.metricsToken);
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}

const loopbackPeers = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

// The socket's peer decides, never X-Forwarded-For; and a request a proxy forwarded is not local even when
// that proxy runs on this host, or a reverse proxy in front would make every caller "local".
function authorizeMetrics(req: Request, token: string | undefined): void {
  if (token) {
    const presented = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!presented || !constantTimeEqual(presented, token))
      throw new UnauthenticatedError('Send the METRICS_TOKEN as a bearer token to read /metrics');
    return;
  }
  const proxied = req.get('x-forwarded-for') !== undefined || req.get('forwarded') !== undefined;
  if (proxied || !loopbackPeers.has(req.socket.remoteAddress ?? '')) {
    throw new UnauthenticatedError('/metrics is served to loopback callers only; set METRICS_TOKEN to scrape it from elsewhere');
  }
}

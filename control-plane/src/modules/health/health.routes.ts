import type { Router } from 'express';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { Metrics } from '../../lib/metrics.js';
import { DependencyUnavailableError } from '../../lib/errors.js';

/** Liveness, readiness and metrics: plain probes for orchestrators, outside the OpenAPI surface. */
export function mountHealthRoutes(router: Router, deps: { prisma: PrismaClient; metrics: Metrics }): void {
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    try {
      await deps.prisma.$queryRaw`SELECT 1`;
    } catch {
      throw new DependencyUnavailableError('database', 'The database is not reachable');
    }
    res.json({ status: 'ready', checks: { database: 'ok' } });
  });

  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}

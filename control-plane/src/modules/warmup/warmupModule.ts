import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import type { AnyRoute } from '../../lib/http/route.js';
import { warmupRoutes } from './warmup.routes.js';
import { WarmupService } from './warmup.service.js';
import { WarmupPlanner } from './warmupPlanner.js';

/** Warm-up settings, series and pool (API), and the planner the upkeep runs. */
export function warmupModule(deps: { config: Config; prisma: PrismaClient; clock: Clock }): { routes: AnyRoute[]; planner: WarmupPlanner } {
  const instancePoolEnabled = deps.config.WARMUP_INSTANCE_POOL_ENABLED;
  return {
    routes: warmupRoutes({ warmup: new WarmupService({ clock: deps.clock, instancePoolEnabled }) }),
    planner: new WarmupPlanner({ prisma: deps.prisma, clock: deps.clock, instancePoolEnabled }),
  };
}

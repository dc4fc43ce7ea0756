import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { AnyRoute } from '../../lib/http/route.js';
import { AttentionService } from './attention.service.js';
import { dashboardRoutes } from './dashboard.routes.js';

/** The organization's dashboard: what needs attention and the getting-started checklist. */
export function dashboardModule(deps: { config: Config; clock: Clock }): { routes: AnyRoute[] } {
  const { config, clock } = deps;
  return { routes: dashboardRoutes({ attention: new AttentionService({ clock, pollMinutes: config.N8N_POLL_MINUTES }) }) };
}

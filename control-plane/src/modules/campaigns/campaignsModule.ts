import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { DeploymentService } from '../deployments/deployment.service.js';
import type { PlatformSecrets } from '../platform/platformSecrets.js';
import { campaignDefinitionRoutes } from './campaignDefinition.routes.js';
import { campaignRoutes } from './campaigns.routes.js';
import { CampaignsService } from './campaigns.service.js';
import { TrackingLinks, trackingLinkSecretName } from './messages/trackingLinks.js';

/** Campaigns, their sequences and enrolments, and the signed links their messages carry (used by sending, inbox and tracking too). */
export function campaignsModule(deps: { config: Config; clock: Clock; deployments: DeploymentService; platformSecrets: PlatformSecrets }): {
  routes: AnyRoute[];
  links: TrackingLinks;
} {
  const { config, clock, deployments, platformSecrets } = deps;
  const links = new TrackingLinks({
    publicUrl: config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
    secret: () => platformSecrets.getOrCreate(trackingLinkSecretName),
  });
  return {
    links,
    routes: [
      ...campaignRoutes({ campaigns: new CampaignsService({ deployments, clock, pollMinutes: config.N8N_POLL_MINUTES }) }),
      ...campaignDefinitionRoutes({ clock, links }),
    ],
  };
}

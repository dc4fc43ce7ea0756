import type { Clock } from '../../lib/clock.js';
import type { AnyRoute } from '../../lib/http/route.js';
import type { TrackingLinks } from './messages/trackingLinks.js';
import { CampaignEnrollmentsService } from './enrollments/campaignEnrollments.service.js';
import { enrollmentRoutes } from './enrollments/enrollments.routes.js';
import { previewRoutes } from './preview/preview.routes.js';
import { PreviewService } from './preview/previewMessages.js';
import { TestSendService } from './preview/testSends.js';
import { sequenceRoutes } from './sequence/sequence.routes.js';
import { SequenceService } from './sequence/sequence.service.js';

/** What a marketer defines before and while a campaign runs: its sequence, previews, and who is enrolled. */
export function campaignDefinitionRoutes(deps: { clock: Clock; links: TrackingLinks }): AnyRoute[] {
  const previews = new PreviewService({ links: deps.links });
  return [
    ...sequenceRoutes({ sequences: new SequenceService() }),
    ...previewRoutes({ previews, testSends: new TestSendService({ previews, clock: deps.clock }) }),
    ...enrollmentRoutes({ enrollments: new CampaignEnrollmentsService({ clock: deps.clock }) }),
  ];
}

import { route, type AnyRoute } from '../../lib/http/route.js';
import { inboundEventsBody, inboundEventsOutcomeSchema } from './inboundEvents.schemas.js';
import type { InboundEventsService } from './inboundEvents.service.js';

export function inboundEventRoutes(deps: { inbound: InboundEventsService }): AnyRoute[] {
  return [
    // POST /api/internal/n8n/inbound-events
    route({
      method: 'post',
      path: '/api/internal/n8n/inbound-events',
      access: 'n8n',
      tag: 'n8n callbacks',
      summary:
        'What the inbox watcher saw (replies, auto-replies, bounces, complaints, unsubscribe requests); each applied once by eventId',
      body: inboundEventsBody,
      responses: { 200: { description: 'What was applied, per event', schema: inboundEventsOutcomeSchema } },
      handler: async ({ body }) => ({ body: await deps.inbound.record(body.events) }),
    }),
  ];
}

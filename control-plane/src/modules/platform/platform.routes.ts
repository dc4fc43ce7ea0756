import { z } from 'zod';
import type { Clock } from '../../lib/clock.js';
import { route, type AnyRoute } from '../../lib/http/route.js';

export function platformRoutes(deps: { clock: Clock }): AnyRoute[] {
  return [
    // GET /api/internal/n8n/ping
    route({
      method: 'get',
      path: '/api/internal/n8n/ping',
      access: 'n8n',
      tag: 'n8n callbacks',
      summary: "Checks n8n's control-plane credential (URL and signing secret)",
      responses: {
        200: { description: 'The signature is valid', schema: z.object({ ok: z.literal(true), serverTime: z.iso.datetime() }) },
      },
      handler: async () => ({ body: { ok: true, serverTime: deps.clock.now().toISOString() } }),
    }),
  ];
}

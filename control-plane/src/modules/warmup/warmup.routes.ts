import { route, type AnyRoute } from '../../lib/http/route.js';
import {
  poolStatusSchema,
  updateWarmupPoolBody,
  updateWarmupSettingsBody,
  warmupMailboxParams,
  warmupSeriesQuery,
  warmupSeriesSchema,
  warmupSettingsSchema,
} from './warmup.schemas.js';
import type { WarmupService } from './warmup.service.js';

const tag = 'Warm-up';

export function warmupRoutes(deps: { warmup: WarmupService }): AnyRoute[] {
  const { warmup } = deps;
  return [
    // GET /api/mailboxes/:mailboxId/warmup
    route({
      method: 'get',
      path: '/api/mailboxes/:mailboxId/warmup',
      access: 'viewer',
      tag,
      summary: "A mailbox's warm-up settings, its ramp today, whether it is still warming, and the pool it warms up in",
      params: warmupMailboxParams,
      responses: { 200: { description: 'The settings', schema: warmupSettingsSchema } },
      handler: async ({ auth, params }) => ({ body: await warmup.settings(auth, params.mailboxId) }),
    }),
    // PUT /api/mailboxes/:mailboxId/warmup
    route({
      method: 'put',
      path: '/api/mailboxes/:mailboxId/warmup',
      access: 'member',
      tag,
      summary: "Switch a mailbox's warm-up on or off and set its target, ramp, reply rate and weekdays rule",
      description: 'Switching it on starts the ramp at day 1 today; switching it off drops the warm-up messages not yet sent.',
      params: warmupMailboxParams,
      body: updateWarmupSettingsBody,
      responses: { 200: { description: 'The settings', schema: warmupSettingsSchema } },
      handler: async ({ auth, params, body }) => ({ body: await warmup.update(auth, params.mailboxId, body) }),
    }),
    // GET /api/mailboxes/:mailboxId/warmup/series
    route({
      method: 'get',
      path: '/api/mailboxes/:mailboxId/warmup/series',
      access: 'viewer',
      tag,
      summary: "A mailbox's warm-up per local day: sent, received, where its messages landed, rescued from spam, replied, placement rate",
      params: warmupMailboxParams,
      query: warmupSeriesQuery,
      responses: { 200: { description: 'The series, oldest day first', schema: warmupSeriesSchema } },
      handler: async ({ auth, params, query }) => ({ body: await warmup.series(auth, params.mailboxId, query.days) }),
    }),
    // GET /api/warmup/pool
    route({
      method: 'get',
      path: '/api/warmup/pool',
      access: 'viewer',
      tag,
      summary: "The pool this organization's mailboxes warm up in, and why nothing is exchanged when it is too small",
      description: 'Mailboxes of other organizations (instance pool) are only counted, never named.',
      responses: { 200: { description: 'The pool', schema: poolStatusSchema } },
      handler: async ({ auth }) => ({ body: await warmup.pool(auth) }),
    }),
    // PUT /api/warmup/pool
    route({
      method: 'put',
      path: '/api/warmup/pool',
      access: 'admin',
      tag,
      summary: 'Join or leave the instance-wide warm-up pool (where the operator allows it)',
      body: updateWarmupPoolBody,
      responses: { 200: { description: 'The pool', schema: poolStatusSchema } },
      handler: async ({ auth, body }) => ({ body: await warmup.setInstancePool(auth, body.instancePool) }),
    }),
  ];
}

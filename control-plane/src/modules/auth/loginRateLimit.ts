import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../../lib/errors.js';

function limiter(options: { limit: number; windowSeconds: number; key: (req: Request) => string; what: string }): RequestHandler {
  return rateLimit({
    windowMs: options.windowSeconds * 1000,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: options.key,
    handler: (_req, _res, next, limitOptions) => {
      next(new AppError('rate_limited', `Too many sign-in attempts ${options.what}; try again later`, {
        retryAfterSeconds: Math.ceil(limitOptions.windowMs / 1000),
      }));
    },
  });
}

/** Two limits on sign-in: one per client address, one per account, so neither spraying nor a botnet gets far. */
export function loginRateLimits(options: { perIp: number; perAccount: number; windowSeconds: number }): RequestHandler[] {
  return [
    limiter({ limit: options.perIp, windowSeconds: options.windowSeconds, key: (req) => `ip:${ipKeyGenerator(req.ip ?? '')}`, what: 'from your address' }),
    limiter({
      limit: options.perAccount,
      windowSeconds: options.windowSeconds,
      key: (req) => `account:${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      what: 'for this account',
    }),
  ];
}

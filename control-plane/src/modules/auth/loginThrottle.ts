import type { RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { AppError } from '../../lib/errors.js';
import { exponentialBackoff, fixedWindow, type ThrottlePolicy } from './throttlePolicies.js';

const sweepIntervalMs = 60_000;

/**
 * Sign-in throttling kept in PostgreSQL, so every replica sees the same counts: a fixed window per
 * client address (against spraying many accounts) and a growing, capped wait per account (against
 * guessing one password, without ever locking its owner out for good).
 */
export class LoginThrottle {
  private lastSweepAt = 0;

  constructor(private readonly deps: { prisma: PrismaClient; clock: Clock; perAddress: ThrottlePolicy; perAccount: ThrottlePolicy }) {}

  /** Counts a sign-in or sign-up from the request's client address (see TRUST_PROXY) before the body is read. */
  readonly addressLimit: RequestHandler = async (req, _res, next) => {
    await this.attempt(`ip:${ipKeyGenerator(req.ip ?? '')}`, this.deps.perAddress, 'from your address');
    next();
  };

  /** Counts a password attempt on an account; throws rate_limited while the account's wait runs. */
  async countAccountAttempt(email: string): Promise<void> {
    await this.attempt(accountBucket(email), this.deps.perAccount, 'for this account');
  }

  /** The right password was given: the account's count starts over. */
  async accountSignedIn(email: string): Promise<void> {
    await this.deps.prisma.loginThrottle.deleteMany({ where: { bucket: accountBucket(email) } });
  }

  private async attempt(bucket: string, policy: ThrottlePolicy, from: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.sweep(now);
    const decision = await this.deps.prisma.$transaction(async (tx) => {
      // The row lock makes concurrent attempts on one bucket, from any replica, take turns.
      await tx.loginThrottle.createMany({ data: [{ bucket, attempts: 0, resetAt: now }], skipDuplicates: true });
      await tx.$queryRaw`SELECT 1 FROM login_throttles WHERE bucket = ${bucket} FOR UPDATE`;
      const state = await tx.loginThrottle.findUniqueOrThrow({ where: { bucket } });
      const decided = policy(state, now);
      if (decided.allowed) await tx.loginThrottle.update({ where: { bucket }, data: decided.next });
      return decided;
    });
    if (!decision.allowed) {
      throw new AppError('rate_limited', `Too many sign-in attempts ${from}; try again in ${decision.retryAfterSeconds} seconds`, {
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    }
  }

  /** Forgotten buckets are deleted at most once a minute per process; any replica's sweep serves all. */
  private async sweep(now: Date): Promise<void> {
    if (now.getTime() - this.lastSweepAt < sweepIntervalMs) return;
    this.lastSweepAt = now.getTime();
    await this.deps.prisma.loginThrottle.deleteMany({ where: { resetAt: { lte: now } } });
  }
}

function accountBucket(email: string): string {
  return `account:${email.toLowerCase()}`;
}

export function createLoginThrottle(deps: { prisma: PrismaClient; clock: Clock; config: Config }): LoginThrottle {
  const { config } = deps;
  return new LoginThrottle({
    prisma: deps.prisma,
    clock: deps.clock,
    perAddress: fixedWindow({ limit: config.LOGIN_RATE_LIMIT_PER_IP, windowSeconds: config.LOGIN_RATE_LIMIT_WINDOW_SECONDS }),
    perAccount: exponentialBackoff({
      freeAttempts: config.LOGIN_RATE_LIMIT_PER_ACCOUNT,
      windowSeconds: config.LOGIN_RATE_LIMIT_WINDOW_SECONDS,
      maxDelaySeconds: config.LOGIN_BACKOFF_MAX_SECONDS,
    }),
  });
}

/** One bucket's throttling state, as stored in login_throttles. */
export interface ThrottleState {
  attempts: number;
  blockedUntil: Date | null;
  /** When the count starts over. */
  resetAt: Date;
}

/** Whether an attempt may go ahead; `next` is the state to store when it changes. */
export type ThrottleDecision = { allowed: true; next: ThrottleState } | { allowed: false; retryAfterSeconds: number };

export type ThrottlePolicy = (state: ThrottleState | undefined, now: Date) => ThrottleDecision;

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** At most `limit` attempts per fixed window of `windowSeconds`. */
export function fixedWindow(options: { limit: number; windowSeconds: number }): ThrottlePolicy {
  return (state, now) => {
    const fresh = !state || state.resetAt <= now;
    const attempts = fresh ? 1 : state.attempts + 1;
    const resetAt = fresh ? new Date(now.getTime() + options.windowSeconds * 1000) : state.resetAt;
    if (attempts > options.limit) return { allowed: false, retryAfterSeconds: secondsUntil(resetAt, now) };
    return { allowed: true, next: { attempts, blockedUntil: null, resetAt } };
  };
}

/**
 * `freeAttempts` attempts go ahead at once; from then on each attempt makes the next one wait
 * 2^k seconds (k = 0, 1, 2, …), never more than `maxDelaySeconds`. Attempts made while waiting are
 * refused without being counted, so hammering an account cannot stretch the wait past the cap.
 * The count is forgotten `windowSeconds` after the last wait ends; a success clears it (the caller deletes the bucket).
 */
export function exponentialBackoff(options: { freeAttempts: number; windowSeconds: number; maxDelaySeconds: number }): ThrottlePolicy {
  return (state, now) => {
    if (state?.blockedUntil && state.blockedUntil > now)
      return { allowed: false, retryAfterSeconds: secondsUntil(state.blockedUntil, now) };
    const attempts = !state || state.resetAt <= now ? 1 : state.attempts + 1;
    const delaySeconds = attempts >= options.freeAttempts ? Math.min(2 ** (attempts - options.freeAttempts), options.maxDelaySeconds) : 0;
    const blockedUntil = delaySeconds > 0 ? new Date(now.getTime() + delaySeconds * 1000) : null;
    const resetAt = new Date((blockedUntil ?? now).getTime() + options.windowSeconds * 1000);
    return { allowed: true, next: { attempts, blockedUntil, resetAt } };
  };
}

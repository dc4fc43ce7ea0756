/**
 * Waits after each failed attempt, Standard Webhooks' suggested schedule: 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h (about 27.6 h in all over 8 attempts). Each wait is jittered by ±20% so that deliveries that
 * failed together (an endpoint's outage) do not all come back in the same second.
 */
const waitsMs = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

export const maxAttempts = waitsMs.length + 1;

/** When to try again after `attempts` failed tries, or undefined when that was the last one. */
export function nextAttemptAfter(attempts: number, now: Date, random: () => number = Math.random): Date | undefined {
  const wait = waitsMs[attempts - 1];
  if (wait === undefined) return undefined;
  return new Date(now.getTime() + Math.round(wait * (0.8 + 0.4 * random())));
}

/** An endpoint whose every attempt failed for this long is disabled. */
export const disableAfterFailingMs = 24 * 3_600_000;

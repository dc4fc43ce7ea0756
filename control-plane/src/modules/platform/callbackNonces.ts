import { preparedQuery, type PrismaClient } from '../../lib/db/prisma.js';

/** Expired nonces are deleted at most this often per process; a replay of one is refused by its timestamp anyway. */
const pruneIntervalMs = 60_000;

/**
 * The nonces of signed n8n callbacks, in PostgreSQL so every control-plane replica sees the same set
 * (a replay sent to another replica is still refused) without another service to run. Bounded:
 * only correctly signed requests are recorded, each until its timestamp leaves the tolerance window.
 */
export class CallbackNonces {
  private lastPrunedAtMs = 0;

  constructor(private readonly deps: { prisma: PrismaClient }) {}

  /** True the first time a nonce is presented; false when it was seen before (a replay). */
  async recordFirstUse(nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
    const { prisma } = this.deps;
    // Every signed callback runs this: a prepared statement, not a query Prisma plans anew each time.
    const recorded = await preparedQuery<{ nonce: string }>(
      prisma,
      'platform_record_callback_nonce',
      `INSERT INTO n8n_callback_nonces (nonce, "expiresAt") VALUES ($1, $2::timestamptz AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING RETURNING nonce`,
      [nonce, expiresAt.toISOString()],
    );
    if (now.getTime() - this.lastPrunedAtMs >= pruneIntervalMs) {
      this.lastPrunedAtMs = now.getTime();
      await prisma.n8nCallbackNonce.deleteMany({ where: { expiresAt: { lt: now } } });
    }
    return recorded.length === 1;
  }
}

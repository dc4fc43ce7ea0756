import type { PrismaClient } from '../../../lib/db/prisma.js';

// A campaign's workflow claims on every run, even when nothing is due: the time of its last claim is the
// workflow's heartbeat, recorded by the claim's statements (claimStatements.ts: the probe when idle, else
// the lease statement, committed with the leases). Database time on both sides, so replicas and test clocks agree.

/** For operators, across organizations: seconds since each active campaign last claimed (or started). */
export async function campaignClaimAges(prisma: PrismaClient): Promise<Array<{ campaignId: string; seconds: number }>> {
  const rows = await prisma.$queryRaw<Array<{ id: string; seconds: number }>>`
    SELECT id, EXTRACT(EPOCH FROM now() - COALESCE("lastClaimAt", "startedAt", "updatedAt"))::float8 AS seconds
    FROM campaigns WHERE status = 'active'`;
  return rows.map((row) => ({ campaignId: row.id, seconds: Math.max(0, Math.round(row.seconds)) }));
}

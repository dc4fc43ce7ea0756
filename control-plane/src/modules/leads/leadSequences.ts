import type { Prisma, PrismaClient } from '../../lib/db/prisma.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';

/**
 * What a change to leads does to their sequences, which the campaigns module owns. Campaigns enrol
 * leads, so leads sit below them: the leads module takes this as a dependency rather than importing
 * campaigns (app.ts wires in `campaigns/leadSequences.ts`).
 */
export interface LeadSequences {
  /** Stops the live enrolments matching `which` and cancels their unsent sends, inside the caller's transaction. */
  stop(db: ScopedDb, which: Prisma.EnrollmentWhereInput, reason: string): Promise<{ enrollments: number; messages: number }>;
  /** Re-times the sends waiting for a sending window after a lead's timezone changed (`leadId`, or all the organization's). */
  recomputeWindows(
    sql: Pick<PrismaClient, '$queryRaw' | '$executeRaw'>,
    scope: { organizationId: string; now: Date; leadId?: string },
  ): Promise<number>;
}

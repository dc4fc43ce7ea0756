import type { Prisma } from '../../../lib/db/prisma.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { pendingMessageStatuses } from '../messageStates.js';

const liveStates = ['active', 'paused'] as const;

/**
 * The one way a lead's sequences end for a reason outside the sequence (unsubscribe, reply, bounce,
 * complaint, a suppression, a lead no longer active or no longer at its address): the live enrolments
 * matching `which` stop and their waiting and claimed-but-unsent sends are cancelled with `reason`.
 * Call it inside the transaction that makes the change, so no claim sees the change without the stop.
 */
export async function stopEnrollments(
  db: ScopedDb,
  which: Prisma.EnrollmentWhereInput,
  reason: string,
): Promise<{ enrollments: number; messages: number }> {
  const live: Prisma.EnrollmentWhereInput = { AND: [which, { state: { in: [...liveStates] } }] };
  // Messages first, as the send-result path locks them (message, then enrolment): no lock-order inversion.
  // What a stopped sequence must never send: sends still waiting, and sends leased but not reported (a
  // leased send's message stays pending). A leased send may already be in n8n's hands; cancelling it keeps
  // its lease (send_leases), the mark that it was in flight, so a `sent` result arriving later is still
  // recorded truthfully (recordSendResults.ts) and queues nothing, the enrolment being stopped.
  const cancelled = await db.message.updateMany({
    where: { status: { in: [...pendingMessageStatuses] }, enrollment: live },
    data: { status: 'cancelled', lastError: reason },
  });
  const stopped = await db.enrollment.updateMany({ where: live, data: { state: 'stopped', stopReason: reason, nextDueAt: null } });
  return { enrollments: stopped.count, messages: cancelled.count };
}

import type { Enrollment, EnrollmentState } from '../../../generated/prisma/client.js';
import type { Clock } from '../../../lib/clock.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { AppError, NotFoundError } from '../../../lib/errors.js';
import type { AuthContext } from '../../../lib/http/route.js';
import { selectLeads } from '../../leads/leadSelection.js';
import { recordAudit } from '../../organizations/audit.js';
import {
  addEnrollmentOutcome,
  countEnrollable,
  emptyEnrollmentOutcome,
  enrollableCampaign,
  enrollLeads,
  enrollmentBlockerOf,
  type EnrollmentOutcome,
} from './enrollLeads.js';
import { waitingMessage } from '../messageStates.js';
import { enrollmentsCursor, type EnrollInput } from './enrollments.schemas.js';

function toEnrollmentDto(row: Enrollment & { lead: { email: string } }) {
  return {
    id: row.id,
    leadId: row.leadId,
    leadEmail: row.lead.email,
    state: row.state,
    currentStep: row.state === 'completed' ? null : row.nextStep + 1,
    nextDueAt: row.nextDueAt?.toISOString() ?? null,
    stopReason: row.stopReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// Keyset pagination over (createdAt, id): a bulk enrolment gives many rows the same createdAt.
const encodeCursor = (row: Enrollment) => enrollmentsCursor.encode({ createdAt: row.createdAt.toISOString(), id: row.id });

/** The enrolment side of the campaign API: enrol by ids, list or filter; browse; stop one. */
export class CampaignEnrollmentsService {
  constructor(private readonly deps: { clock: Clock }) {}

  async enroll(auth: AuthContext, campaignId: string, input: EnrollInput): Promise<EnrollmentOutcome> {
    await enrollableCampaign(auth.db, campaignId);
    const outcome = await this.eachSelectedPage(auth, input, (leadIds) =>
      enrollLeads(auth.db, {
        organizationId: auth.organizationId,
        campaignId,
        leadIds,
        now: this.deps.clock.now(),
        includeInvalidAddresses: input.includeInvalidAddresses,
      }),
    );
    await recordAudit(auth, {
      action: 'campaign.leads_enrolled',
      targetType: 'campaign',
      targetId: campaignId,
      data: { by: input.leadIds ? 'ids' : input.listId ? 'list' : 'filter', ...outcome },
    });
    return outcome;
  }

  /** The enrolment's counts for the same selection, changing nothing: what a marketer confirms before enrolling. */
  async preview(auth: AuthContext, campaignId: string, input: EnrollInput): Promise<EnrollmentOutcome & { blocker: string | null }> {
    const blocker = await enrollmentBlockerOf(auth.db, campaignId);
    return {
      ...(await this.eachSelectedPage(auth, input, (leadIds) =>
        countEnrollable(auth.db, { campaignId, leadIds, includeInvalidAddresses: input.includeInvalidAddresses }),
      )),
      blocker,
    };
  }

  /**
   * A list or filter is walked page by page through the leads module's selection (ordered, so memory
   * stays flat) and each page is handled in bulk: 10k+ leads enrol within one request. Unmailable
   * leads are included on purpose so each one skipped is counted with its reason.
   */
  private async eachSelectedPage(
    auth: AuthContext,
    input: EnrollInput,
    handle: (leadIds: string[]) => Promise<EnrollmentOutcome>,
  ): Promise<EnrollmentOutcome> {
    if (input.leadIds) return handle(input.leadIds);
    if (input.listId && !(await auth.db.leadList.findUnique({ where: { id: input.listId }, select: { id: true } })))
      throw new NotFoundError('Lead list');
    const outcome = emptyEnrollmentOutcome();
    const selection = input.listId ? { listId: input.listId } : { filter: input.filter! };
    for await (const page of selectLeads(auth.db, selection, { includeUnmailable: true })) {
      addEnrollmentOutcome(outcome, await handle(page.map((lead) => lead.id)));
    }
    return outcome;
  }

  async list(
    auth: AuthContext,
    campaignId: string,
    query: { state?: EnrollmentState; cursor?: { createdAt: Date; id: string }; limit: number },
  ) {
    if (!(await auth.db.campaign.findUnique({ where: { id: campaignId }, select: { id: true } }))) throw new NotFoundError('Campaign');
    const after = query.cursor;
    const rows = await auth.db.enrollment.findMany({
      where: {
        campaignId,
        ...(query.state ? { state: query.state } : {}),
        ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
      },
      include: { lead: { select: { email: true } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return { data: page.map(toEnrollmentDto), nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null };
  }

  /**
   * Stops one lead's sequence: its waiting messages are cancelled. A message already leased is in
   * flight and left alone; its result then finds the enrolment stopped and queues nothing further.
   */
  async stop(auth: AuthContext, campaignId: string, enrollmentId: string) {
    const current = await auth.db.enrollment.findFirst({ where: { id: enrollmentId, campaignId }, select: { state: true } });
    if (!current) throw new NotFoundError('Enrollment');
    if (current.state === 'completed') throw new AppError('invalid_state', 'This enrolment already completed its sequence');
    if (current.state !== 'stopped') {
      const cancelled = await auth.db.$transaction(async (tx) => {
        const db = tx as unknown as ScopedDb;
        await db.enrollment.update({
          where: { id: enrollmentId },
          data: { state: 'stopped', stopReason: 'stopped_by_user', nextDueAt: null },
        });
        const { count } = await db.message.updateMany({
          where: { enrollmentId, ...waitingMessage },
          data: { status: 'cancelled', lastError: 'The enrolment was stopped' },
        });
        return count;
      });
      await recordAudit(auth, {
        action: 'enrollment.stopped',
        targetType: 'enrollment',
        targetId: enrollmentId,
        data: { campaignId, cancelledMessages: cancelled },
      });
    }
    const row = await auth.db.enrollment.findUniqueOrThrow({ where: { id: enrollmentId }, include: { lead: { select: { email: true } } } });
    return toEnrollmentDto(row);
  }
}

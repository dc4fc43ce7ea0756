import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import { sha256Hex } from '../../lib/crypto.js';
import { chooseVariant, newMessageKey } from './sequence.js';

export interface EnrollmentOutcome {
  enrolled: number;
  skipped: { suppressed: number; inactive: number; alreadyEnrolled: number };
  /** Leads that are also active in another campaign (enrolled anyway; shown as a warning). */
  activeElsewhere: number;
}

/**
 * Enrols leads in a campaign: each gets an enrolment and its first message, due now. Suppressed
 * addresses and domains, inactive leads and leads already in this campaign are skipped.
 */
export async function enrollLeads(db: ScopedDb, options: { organizationId: string; campaignId: string; leadIds: string[]; now: Date }): Promise<EnrollmentOutcome> {
  const { organizationId, campaignId, now } = options;
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    include: { steps: { orderBy: { position: 'asc' }, take: 1, include: { variants: true } } },
  });
  if (!campaign) throw new NotFoundError('Campaign');
  if (campaign.status === 'archived' || campaign.status === 'completed') throw new AppError('invalid_state', `A ${campaign.status} campaign takes no new leads`);
  const firstStep = campaign.steps[0];
  if (!firstStep || firstStep.variants.length === 0) throw new AppError('invalid_state', 'Add a first step with its message before enrolling leads');

  const leads = await db.lead.findMany({ where: { id: { in: options.leadIds } } });
  const emails = leads.map((lead) => lead.email);
  const domains = leads.map((lead) => lead.emailDomain);
  const suppressions = await db.suppression.findMany({
    where: {
      OR: [
        { kind: 'email', value: { in: emails } },
        { kind: 'domain', value: { in: domains } },
        { kind: 'email_hash', value: { in: emails.map(sha256Hex) } },
      ],
    },
  });
  const suppressed = new Set(suppressions.map((s) => `${s.kind}:${s.value}`));
  const existing = new Set((await db.enrollment.findMany({ where: { campaignId, leadId: { in: options.leadIds } }, select: { leadId: true } })).map((e) => e.leadId));

  const outcome: EnrollmentOutcome = { enrolled: 0, skipped: { suppressed: 0, inactive: 0, alreadyEnrolled: 0 }, activeElsewhere: 0 };
  const eligible = leads.filter((lead) => {
    if (existing.has(lead.id)) outcome.skipped.alreadyEnrolled += 1;
    else if (lead.status !== 'active') outcome.skipped.inactive += 1;
    else if (suppressed.has(`email:${lead.email}`) || suppressed.has(`domain:${lead.emailDomain}`) || suppressed.has(`email_hash:${sha256Hex(lead.email)}`)) outcome.skipped.suppressed += 1;
    else return true;
    return false;
  });
  outcome.activeElsewhere = await db.enrollment.count({
    where: { leadId: { in: eligible.map((lead) => lead.id) }, state: 'active', campaignId: { not: campaignId } },
  });

  await db.$transaction(async (tx) => {
    for (const lead of eligible) {
      const enrollment = await tx.enrollment.create({
        data: { organizationId, campaignId, leadId: lead.id, state: 'active', nextStep: 0, nextDueAt: now },
      });
      const variant = chooseVariant(firstStep.variants, `${enrollment.id}:0`)!;
      await tx.message.create({
        data: { ...newMessageKey(), organizationId, campaignId, enrollmentId: enrollment.id, leadId: lead.id, stepPosition: 0, variantId: variant.id, dueAt: now },
      });
      outcome.enrolled += 1;
    }
  });
  return outcome;
}

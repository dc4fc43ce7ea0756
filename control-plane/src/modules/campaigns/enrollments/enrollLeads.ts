import type { StepVariant } from '../../../generated/prisma/client.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { AppError, NotFoundError } from '../../../lib/errors.js';
import { sha256Hex } from '../../../lib/crypto.js';
import { inChunks } from '../messageStates.js';
import { chooseVariant, dueAfter, newMessageKey } from '../sequence/queuedStep.js';
import { withArticle } from '../../../lib/words.js';

export interface EnrollmentOutcome {
  enrolled: number;
  skipped: { suppressed: number; inactive: number; alreadyEnrolled: number; notFound: number; invalidAddress: number };
  /** Leads that are also active in another campaign (enrolled anyway; shown as a warning). */
  activeElsewhere: number;
}

export function emptyEnrollmentOutcome(): EnrollmentOutcome {
  return { enrolled: 0, skipped: { suppressed: 0, inactive: 0, alreadyEnrolled: 0, notFound: 0, invalidAddress: 0 }, activeElsewhere: 0 };
}

export function addEnrollmentOutcome(total: EnrollmentOutcome, part: EnrollmentOutcome): void {
  total.enrolled += part.enrolled;
  total.activeElsewhere += part.activeElsewhere;
  for (const reason of Object.keys(total.skipped) as Array<keyof EnrollmentOutcome['skipped']>)
    total.skipped[reason] += part.skipped[reason];
}

/** Each batch is one transaction of two set-based inserts, so tens of thousands of leads enrol in seconds. */
const batchSize = 1000;

async function campaignWithFirstStep(db: ScopedDb, campaignId: string) {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    include: { steps: { orderBy: { position: 'asc' }, take: 1, include: { variants: true } } },
  });
  if (!campaign) throw new NotFoundError('Campaign');
  return campaign;
}

/** Why the campaign cannot take new leads now (finished, or no first email to send them), or null when it can. */
function enrollmentBlocker(campaign: Awaited<ReturnType<typeof campaignWithFirstStep>>): string | null {
  if (campaign.status === 'archived' || campaign.status === 'completed')
    return `${withArticle(campaign.status, { capital: true })} campaign takes no new leads`;
  const firstStep = campaign.steps[0];
  if (!firstStep) return 'This campaign has no emails yet: add step 1 with its message before enrolling leads';
  if (firstStep.variants.length === 0) return 'Step 1 has no message yet: write it before enrolling leads';
  return null;
}

/** The campaign, if it can take new leads: not finished, and with a first step to send. */
export async function enrollableCampaign(db: ScopedDb, campaignId: string) {
  const campaign = await campaignWithFirstStep(db, campaignId);
  const blocker = enrollmentBlocker(campaign);
  if (blocker) throw new AppError('invalid_state', blocker);
  return { campaign, firstStep: campaign.steps[0]! };
}

/** What a dry run tells before counting: why enrolling would be refused now, or null. */
export async function enrollmentBlockerOf(db: ScopedDb, campaignId: string): Promise<string | null> {
  return enrollmentBlocker(await campaignWithFirstStep(db, campaignId));
}

/**
 * Enrols leads in a campaign: each gets an enrolment and its first message, due after the first
 * step's delay. Suppressed addresses and domains, inactive leads, leads whose address verification
 * found it invalid (unless `includeInvalidAddresses`), leads already in this campaign and ids the
 * organization does not have are skipped and counted.
 */
export async function enrollLeads(
  db: ScopedDb,
  options: { organizationId: string; campaignId: string; leadIds: string[]; now: Date } & EnrollOptions,
): Promise<EnrollmentOutcome> {
  const { campaignId, now } = options;
  const { campaign, firstStep } = await enrollableCampaign(db, campaignId);
  const dueAt = dueAfter(now, firstStep.delayAmount, firstStep.delayUnit, campaign.timezone);
  const outcome = emptyEnrollmentOutcome();
  for (const leadIds of inChunks([...new Set(options.leadIds)], batchSize)) {
    addEnrollmentOutcome(
      outcome,
      await enrollBatch(db, {
        organizationId: options.organizationId,
        campaignId,
        leadIds,
        variants: firstStep.variants,
        dueAt,
        now,
        includeInvalidAddresses: options.includeInvalidAddresses,
      }),
    );
  }
  return outcome;
}

export interface EnrollOptions {
  /** Enrol leads whose address verification found invalid too (they are skipped by default). */
  includeInvalidAddresses?: boolean | undefined;
}

/**
 * Sorts a batch of lead ids the way an enrolment does: unknown ids, leads already in this campaign, inactive,
 * suppressed and invalid-address leads are counted as skipped; the rest are eligible, and those also active in another
 * campaign are counted. Shared by the enrolment and its dry run, so the preview's counts are the enrolment's.
 */
export async function classifyBatch(
  db: ScopedDb,
  campaignId: string,
  batch: string[],
  options: EnrollOptions = {},
): Promise<{ outcome: EnrollmentOutcome; eligible: string[] }> {
  const leads = await db.lead.findMany({
    where: { id: { in: batch } },
    select: { id: true, email: true, emailDomain: true, status: true, verification: { select: { status: true } } },
  });
  const emails = leads.map((lead) => lead.email);
  const suppressions = await db.suppression.findMany({
    where: {
      OR: [
        { kind: 'email', value: { in: emails } },
        { kind: 'domain', value: { in: [...new Set(leads.map((lead) => lead.emailDomain))] } },
        { kind: 'email_hash', value: { in: emails.map(sha256Hex) } },
      ],
    },
  });
  const suppressed = new Set(suppressions.map((s) => `${s.kind}:${s.value}`));
  const existing = new Set(
    (await db.enrollment.findMany({ where: { campaignId, leadId: { in: batch } }, select: { leadId: true } })).map((e) => e.leadId),
  );

  const outcome = emptyEnrollmentOutcome();
  outcome.skipped.notFound = batch.length - leads.length;
  const eligible = leads.filter((lead) => {
    if (existing.has(lead.id)) outcome.skipped.alreadyEnrolled += 1;
    else if (lead.status !== 'active') outcome.skipped.inactive += 1;
    else if (
      suppressed.has(`email:${lead.email}`) ||
      suppressed.has(`domain:${lead.emailDomain}`) ||
      suppressed.has(`email_hash:${sha256Hex(lead.email)}`)
    )
      outcome.skipped.suppressed += 1;
    else if (lead.verification?.status === 'invalid' && !options.includeInvalidAddresses) outcome.skipped.invalidAddress += 1;
    else return true;
    return false;
  });
  if (eligible.length === 0) return { outcome, eligible: [] };
  const elsewhere = await db.enrollment.findMany({
    where: { leadId: { in: eligible.map((lead) => lead.id) }, state: 'active', campaignId: { not: campaignId } },
    distinct: ['leadId'],
    select: { leadId: true },
  });
  outcome.activeElsewhere = elsewhere.length;
  return { outcome, eligible: eligible.map((lead) => lead.id) };
}

/** What an enrolment of these leads would do, changing nothing: `enrolled` counts the leads it would enrol. */
export async function countEnrollable(
  db: ScopedDb,
  options: { campaignId: string; leadIds: string[] } & EnrollOptions,
): Promise<EnrollmentOutcome> {
  const outcome = emptyEnrollmentOutcome();
  for (const batch of inChunks([...new Set(options.leadIds)], batchSize)) {
    const classified = await classifyBatch(db, options.campaignId, batch, options);
    classified.outcome.enrolled = classified.eligible.length;
    addEnrollmentOutcome(outcome, classified.outcome);
  }
  return outcome;
}

async function enrollBatch(
  db: ScopedDb,
  options: {
    organizationId: string;
    campaignId: string;
    leadIds: string[];
    variants: StepVariant[];
    dueAt: Date;
    now: Date;
  } & EnrollOptions,
): Promise<EnrollmentOutcome> {
  const { organizationId, campaignId, variants, dueAt, now } = options;
  const { outcome, eligible: leadIds } = await classifyBatch(db, campaignId, options.leadIds, options);
  if (leadIds.length === 0) return outcome;
  await db.$transaction(async (tx) => {
    // Two set-based statements per batch: Prisma's createMany costs ~0.5 s per thousand rows here, this ~20 ms.
    // Raw SQL is outside the tenant scope: both statements name the organization themselves.
    // A concurrent enrolment of the same lead wins the unique (campaign, lead); this one skips it.
    const created = await tx.$queryRaw<{ id: string; leadId: string }[]>`
      INSERT INTO enrollments (id, "organizationId", "campaignId", "leadId", state, "nextStep", "nextDueAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${organizationId}::uuid, ${campaignId}::uuid, lead_id, 'active'::"EnrollmentState", 0, ${dueAt}, ${now}, ${now}
      FROM unnest(${leadIds}::uuid[]) AS lead_id
      ON CONFLICT ("campaignId", "leadId") DO NOTHING
      RETURNING id, "leadId"`;
    const messages = created.map((enrollment) => ({
      ...newMessageKey(),
      enrollment,
      variantId: chooseVariant(variants, `${enrollment.id}:0`)!.id,
    }));
    await tx.$executeRaw`
      INSERT INTO messages (id, "organizationId", "campaignId", "enrollmentId", "leadId", "stepPosition", "variantId", "dueAt", "messageIdHeader", "createdAt", "updatedAt")
      SELECT m.id, ${organizationId}::uuid, ${campaignId}::uuid, m.enrollment_id, m.lead_id, 0, m.variant_id, ${dueAt}, m.header, ${now}, ${now}
      FROM unnest(${messages.map((m) => m.id)}::uuid[], ${messages.map((m) => m.enrollment.id)}::uuid[], ${messages.map((m) => m.enrollment.leadId)}::uuid[],
                  ${messages.map((m) => m.variantId)}::uuid[], ${messages.map((m) => m.messageIdHeader)}::text[]) AS m(id, enrollment_id, lead_id, variant_id, header)`;
    outcome.enrolled = created.length;
    outcome.skipped.alreadyEnrolled += leadIds.length - created.length;
  });
  return outcome;
}

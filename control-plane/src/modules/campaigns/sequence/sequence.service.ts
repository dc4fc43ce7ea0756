import type { SequenceStep, StepVariant } from '../../../generated/prisma/client.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { AppError, NotFoundError, type FieldIssue } from '../../../lib/errors.js';
import type { AuthContext } from '../../../lib/http/route.js';
import { recordAudit } from '../../organizations/audit.js';
import { campaignSettings, type CampaignSettings } from '../campaignSettings.js';
import { inChunks, waitingMessage } from '../messageStates.js';
import { chooseVariant } from './queuedStep.js';
import type { SequenceInput, StepInput } from './sequence.schemas.js';
import { sequenceProblems } from './sequenceProblems.js';

type StepRow = SequenceStep & { variants: StepVariant[] };

export function toSequenceDto(campaignId: string, settings: CampaignSettings, steps: StepRow[]) {
  return {
    campaignId,
    requireUnsubscribeLink: settings.requireUnsubscribeLink,
    steps: steps.map((step) => ({
      id: step.id,
      step: step.position + 1,
      delayAmount: step.delayAmount,
      delayUnit: step.delayUnit,
      threadWithFirst: step.threadWithFirst,
      variants: [...step.variants]
        .sort((a, b) => a.label.localeCompare(b.label))
        .map((v) => ({ id: v.id, label: v.label, weight: v.weight, subject: v.subject, bodyText: v.bodyText, bodyHtml: v.bodyHtml })),
    })),
  };
}

const stepsWithVariants = { include: { variants: true }, orderBy: { position: 'asc' } } as const;

/**
 * A campaign's sequence, saved as a whole. Steps are identified by position and variants by label,
 * so an edit keeps their ids and the messages already queued for them keep their variant; this is
 * what makes editing a running campaign safe.
 */
export class SequenceService {
  async get(auth: AuthContext, campaignId: string) {
    const campaign = await auth.db.campaign.findUnique({ where: { id: campaignId }, select: { settings: true, steps: stepsWithVariants } });
    if (!campaign) throw new NotFoundError('Campaign');
    return toSequenceDto(campaignId, campaignSettings(campaign.settings), campaign.steps);
  }

  /**
   * The problems of a sequence body against the campaign's stored settings; the route answers them with the
   * schema's. A campaign that is not there is answered by replace, as on any route once the body is valid.
   */
  async problems(auth: AuthContext, campaignId: string, body: unknown): Promise<FieldIssue[]> {
    const campaign = await auth.db.campaign.findUnique({ where: { id: campaignId }, select: { settings: true } });
    return sequenceProblems(body, campaignSettings(campaign?.settings ?? {}));
  }

  /** A sequence the route found free of problems would be saved, when its campaign can still be edited. */
  async check(auth: AuthContext, campaignId: string): Promise<{ valid: true }> {
    await this.editableCampaign(auth, campaignId);
    return { valid: true };
  }

  /** Saves a sequence the route found free of problems (see problems). */
  async replace(auth: AuthContext, campaignId: string, input: SequenceInput) {
    const campaign = await this.editableCampaign(auth, campaignId);
    const settings = {
      ...campaignSettings(campaign.settings),
      ...(input.requireUnsubscribeLink === undefined ? {} : { requireUnsubscribeLink: input.requireUnsubscribeLink }),
    };

    await auth.db.$transaction(
      async (tx) => {
        const db = tx as unknown as ScopedDb;
        // Two editors saving at once: the second one's replace starts from the first one's result.
        await tx.$queryRaw`SELECT id FROM campaigns WHERE id = ${campaignId}::uuid AND "organizationId" = ${auth.organizationId}::uuid FOR UPDATE`;
        const stored = await db.campaign.findUniqueOrThrow({
          where: { id: campaignId },
          select: { settings: true, steps: stepsWithVariants },
        });
        await db.campaign.update({ where: { id: campaignId }, data: { settings: { ...(stored.settings as object), ...settings } } });
        for (const [position, step] of input.steps.entries()) {
          await this.saveStep(db, { organizationId: auth.organizationId, campaignId, position, step, previous: stored.steps[position] });
        }
        await this.removeStepsFrom(db, campaignId, input.steps.length, stored.steps);
      },
      // Re-pointing the queue of a large running campaign can take a while; the default is 5 s.
      { timeout: 60_000 },
    );
    await recordAudit(auth, {
      action: 'campaign.sequence_saved',
      targetType: 'campaign',
      targetId: campaignId,
      data: { steps: input.steps.length },
    });
    return this.get(auth, campaignId);
  }

  private async editableCampaign(auth: AuthContext, campaignId: string) {
    const campaign = await auth.db.campaign.findUnique({ where: { id: campaignId }, select: { status: true, settings: true } });
    if (!campaign) throw new NotFoundError('Campaign');
    if (campaign.status === 'archived') throw new AppError('invalid_state', 'An archived campaign cannot be edited');
    return campaign;
  }

  private async saveStep(
    db: ScopedDb,
    options: { organizationId: string; campaignId: string; position: number; step: StepInput; previous: StepRow | undefined },
  ): Promise<void> {
    const { organizationId, campaignId, position, step, previous } = options;
    const timing = { delayAmount: step.delayAmount, delayUnit: step.delayUnit, threadWithFirst: step.threadWithFirst };
    const saved = previous
      ? await db.sequenceStep.update({ where: { id: previous.id }, data: timing })
      : await db.sequenceStep.create({ data: { organizationId, campaignId, position, ...timing } });

    const previousByLabel = new Map((previous?.variants ?? []).map((variant) => [variant.label, variant]));
    const survivors: StepVariant[] = [];
    for (const variant of step.variants) {
      const content = { weight: variant.weight, subject: variant.subject, bodyText: variant.bodyText, bodyHtml: variant.bodyHtml };
      const kept = previousByLabel.get(variant.label);
      survivors.push(
        kept
          ? await db.stepVariant.update({ where: { id: kept.id }, data: content })
          : await db.stepVariant.create({ data: { organizationId, stepId: saved.id, label: variant.label, ...content } }),
      );
    }
    const removed = (previous?.variants ?? []).filter((variant) => !step.variants.some((v) => v.label === variant.label)).map((v) => v.id);
    if (removed.length === 0) return;
    await this.repointQueued(db, { campaignId, position, removed, survivors });
    await db.stepVariant.deleteMany({ where: { id: { in: removed } } });
  }

  /** Queued messages of a deleted variant move to a surviving one, picked as a new enrolment would be. Sent and in-flight ones keep their history. */
  private async repointQueued(
    db: ScopedDb,
    options: { campaignId: string; position: number; removed: string[]; survivors: StepVariant[] },
  ): Promise<void> {
    const { campaignId, position, removed, survivors } = options;
    const orphans = await db.message.findMany({
      where: { campaignId, stepPosition: position, variantId: { in: removed }, ...waitingMessage },
      select: { id: true, enrollmentId: true },
    });
    const byVariant = new Map<string, string[]>();
    for (const message of orphans) {
      const variant = chooseVariant(survivors, `${message.enrollmentId}:${position}`)!;
      byVariant.set(variant.id, [...(byVariant.get(variant.id) ?? []), message.id]);
    }
    for (const [variantId, ids] of byVariant) {
      for (const chunk of inChunks(ids)) {
        await db.message.updateMany({ where: { id: { in: chunk }, ...waitingMessage }, data: { variantId } });
      }
    }
  }

  /**
   * Steps past the new end: their queued messages are cancelled and enrolments waiting on them are
   * complete. An enrolment with a send in flight completes when its result arrives (no next step).
   */
  private async removeStepsFrom(db: ScopedDb, campaignId: string, count: number, stored: StepRow[]): Promise<void> {
    const removed = stored.slice(count);
    if (removed.length === 0) return;
    await db.message.updateMany({
      where: { campaignId, stepPosition: { gte: count }, ...waitingMessage },
      data: { status: 'cancelled', lastError: 'The step was removed from the sequence' },
    });
    await db.enrollment.updateMany({
      where: { campaignId, state: 'active', nextStep: { gte: count }, messages: { none: { lease: { isNot: null } } } },
      data: { state: 'completed', nextDueAt: null },
    });
    await db.sequenceStep.deleteMany({ where: { id: { in: removed.map((step) => step.id) } } });
  }
}

import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { NotFoundError } from '../../lib/errors.js';

const nameLimit = 200;

/**
 * A new draft with the campaign's settings, mailboxes and sequence (steps and variants), named "Copy of …".
 * Enrolments, messages, results and the deployment stay with the original.
 */
export async function duplicateCampaign<Include extends object>(
  db: ScopedDb,
  options: { organizationId: string; campaignId: string; include: Include },
) {
  const { organizationId, campaignId } = options;
  const source = await db.campaign.findUnique({
    where: { id: campaignId },
    include: { mailboxes: { select: { mailboxId: true } }, steps: { orderBy: { position: 'asc' }, include: { variants: true } } },
  });
  if (!source) throw new NotFoundError('Campaign');
  return db.campaign.create({
    data: {
      organizationId,
      name: `Copy of ${source.name}`.slice(0, nameLimit),
      timezone: source.timezone,
      schedule: source.schedule as object,
      rotationStrategy: source.rotationStrategy,
      dailyCap: source.dailyCap,
      stopOnReply: source.stopOnReply,
      trackOpens: source.trackOpens,
      trackClicks: source.trackClicks,
      settings: source.settings as object,
      mailboxes: { create: source.mailboxes.map(({ mailboxId }) => ({ mailboxId, organizationId })) },
      steps: {
        create: source.steps.map((step) => ({
          organizationId,
          position: step.position,
          delayAmount: step.delayAmount,
          delayUnit: step.delayUnit,
          threadWithFirst: step.threadWithFirst,
          variants: {
            create: step.variants.map((variant) => ({
              organizationId,
              label: variant.label,
              weight: variant.weight,
              subject: variant.subject,
              bodyText: variant.bodyText,
              bodyHtml: variant.bodyHtml,
            })),
          },
        })),
      },
    },
    include: options.include,
  });
}

import type { Message, StepVariant } from '../../../generated/prisma/client.js';
import { AppError, NotFoundError, ValidationError } from '../../../lib/errors.js';
import type { AuthContext } from '../../../lib/http/route.js';
import type { TrackingLinks } from '../messages/trackingLinks.js';
import { renderMessage } from '../messages/renderMessage.js';
import { finishedBodies } from '../messages/finishedBodies.js';
import { chooseVariant } from '../sequence/queuedStep.js';
import type { PreviewInput } from './preview.schemas.js';
import { counted } from '../../../lib/words.js';
import { oneClickUnsubscribeHeaders } from '../../../../../custom-nodes/nodes/SendEmail/compose.js';

/**
 * Stands in for a message that is not queued yet, and in every open pixel and click link of a
 * preview: its tokens name no message, so its links lead nowhere. A preview that signed click links
 * for a real message would let a member mint redirects to any URL by editing a variant and
 * previewing it (docs/security.md, public tracking endpoints).
 */
const placeholderMessageId = 'preview';

/**
 * Renders a campaign's steps for one real lead exactly as the claim will: the same renderer, the
 * same seed (`<enrolment id>:<position>`, or `preview:<lead id>:<position>` for a lead not enrolled)
 * and so the same spintax and variant, the same footer rule and tracking, and for a follow-up without its own
 * subject the same "Re: <first subject>". For a step whose message is already queued the real
 * unsubscribe link is used, making the preview byte-for-byte what the workflow will send except
 * for the tokens of tracked links.
 */
export class PreviewService {
  constructor(private readonly deps: { links: TrackingLinks }) {}

  async preview(auth: AuthContext, campaignId: string, input: PreviewInput) {
    const campaign = await auth.db.campaign.findUnique({
      where: { id: campaignId },
      select: {
        trackOpens: true,
        trackClicks: true,
        steps: { orderBy: { position: 'asc' }, include: { variants: { orderBy: { label: 'asc' } } } },
      },
    });
    if (!campaign) throw new NotFoundError('Campaign');
    const lead = await auth.db.lead.findUnique({ where: { id: input.leadId } });
    if (!lead) throw new NotFoundError('Lead');
    const steps = campaign.steps;
    if (steps.length === 0) throw new AppError('invalid_state', 'The campaign has no steps to preview yet');
    this.assertSelection(input, steps);

    const enrollment = await auth.db.enrollment.findUnique({
      where: { campaignId_leadId: { campaignId, leadId: lead.id } },
      select: { id: true },
    });
    const messages = enrollment ? await auth.db.message.findMany({ where: { enrollmentId: enrollment.id } }) : [];
    const messageAt = new Map(messages.map((message) => [message.stepPosition, message]));
    const seedBase = enrollment?.id ?? `preview:${lead.id}`;

    const variantFor = (position: number): StepVariant => {
      const variants = steps[position]!.variants;
      if (input.variantLabel && input.step === position + 1) return variants.find((v) => v.label === input.variantLabel)!;
      const queued = messageAt.get(position)?.variantId;
      return variants.find((v) => v.id === queued) ?? chooseVariant(variants, `${seedBase}:${position}`)!;
    };
    const render = async (position: number) => {
      const variant = variantFor(position);
      const message = messageAt.get(position);
      const messageId = message?.id ?? placeholderMessageId;
      const links = await this.deps.links.signer();
      const unsubscribeUrl = links.unsubscribeUrl(messageId);
      const rendered = renderMessage({
        subject: variant.subject,
        bodyText: variant.bodyText,
        bodyHtml: variant.bodyHtml,
        lead,
        seed: `${seedBase}:${position}`,
        unsubscribeUrl,
      });
      return {
        variant,
        message,
        unsubscribeUrl,
        rendered: finishedBodies({ rendered, unsubscribeUrl, messageId: placeholderMessageId, campaign, links }),
      };
    };
    const firstSubject = async () => sentSubject(messageAt.get(0)) ?? (await render(0)).rendered.subject;

    const positions = input.step ? [input.step - 1] : steps.map((step) => step.position);
    const previews = [];
    for (const position of positions) {
      const { variant, message, unsubscribeUrl, rendered } = await render(position);
      const threaded = position > 0 && steps[position]!.threadWithFirst;
      const subject = !rendered.subject && threaded ? `Re: ${await firstSubject()}` : rendered.subject;
      previews.push({
        step: position + 1,
        variantId: variant.id,
        variantLabel: variant.label,
        subject,
        bodyText: rendered.text,
        bodyHtml: rendered.html,
        sendId: message?.id ?? null,
        unsubscribeUrl,
        headers: oneClickUnsubscribeHeaders(unsubscribeUrl),
      });
    }
    return { leadId: lead.id, to: lead.email, enrollmentId: enrollment?.id ?? null, steps: previews };
  }

  private assertSelection(input: PreviewInput, steps: Array<{ variants: StepVariant[] }>): void {
    if (input.step !== undefined && input.step > steps.length) {
      throw new ValidationError([{ path: 'step', message: `The campaign has ${counted(steps.length, 'step')}` }]);
    }
    if (input.variantLabel === undefined) return;
    if (input.step === undefined) throw new ValidationError([{ path: 'variantLabel', message: 'Name the step whose variant to show' }]);
    const labels = steps[input.step - 1]!.variants.map((v) => v.label);
    if (!labels.includes(input.variantLabel)) {
      throw new ValidationError([{ path: 'variantLabel', message: `Step ${input.step} has the variants ${labels.join(', ')}` }]);
    }
  }
}

/** What the claim threads follow-ups under: the subject the first message actually went out with. */
function sentSubject(message: Message | undefined): string | undefined {
  return message?.status === 'sent' && message.subject ? message.subject : undefined;
}

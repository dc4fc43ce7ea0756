import type { MessageLinkSigner } from './trackingLinks.js';
import type { RenderedMessageBody } from './renderMessage.js';

/**
 * The safety net under the marketer's own link. When a campaign requires an unsubscribe link (the
 * default) the sequence cannot be saved without `{{unsubscribeUrl}}` in every body, so the link sits
 * where the marketer put it and this adds nothing: the marketer's copy wins. Only a message whose
 * rendered text lacks the link (the campaign opted out of the requirement) gets this visible footer,
 * so every message still carries a way out besides the one-click header.
 */
export function withUnsubscribeFooter(rendered: RenderedMessageBody, unsubscribeUrl: string): RenderedMessageBody {
  if (rendered.text.includes(unsubscribeUrl)) return rendered;
  return { ...rendered, text: `${rendered.text.trimEnd()}\n\n--\nUnsubscribe: ${unsubscribeUrl}\n` };
}

/**
 * The bodies as they leave: the footer rule on the text, then open/click tracking on the HTML when
 * the campaign asks (never on plain text). What the claim does after rendering, for the preview to match.
 */
export function finishedBodies(options: {
  rendered: RenderedMessageBody;
  unsubscribeUrl: string;
  messageId: string;
  campaign: { trackOpens: boolean; trackClicks: boolean };
  links: MessageLinkSigner;
}): RenderedMessageBody {
  const { campaign, messageId } = options;
  const footed = withUnsubscribeFooter(options.rendered, options.unsubscribeUrl);
  if (!footed.html || !(campaign.trackOpens || campaign.trackClicks)) return footed;
  return {
    ...footed,
    html: options.links.applyTracking({
      html: footed.html,
      messageId,
      trackOpens: campaign.trackOpens,
      trackClicks: campaign.trackClicks,
    }),
  };
}

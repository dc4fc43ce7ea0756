import type { WebhookDelivery, WebhookEventType } from './queries';

/** Every event type the API offers (the record must name each one the generated client knows), in words, grouped. */
export const webhookEventLabels: Record<WebhookEventType, { group: string; label: string }> = {
  'lead.replied': { group: 'Leads', label: 'A lead replied' },
  'lead.auto_replied': { group: 'Leads', label: 'An automatic reply came in (out of office)' },
  'lead.opened': { group: 'Leads', label: 'A lead opened an email' },
  'lead.clicked': { group: 'Leads', label: 'A lead clicked a link' },
  'lead.unsubscribed': { group: 'Leads', label: 'A lead unsubscribed' },
  'lead.complained': { group: 'Leads', label: 'A lead marked an email as spam' },
  'message.sent': { group: 'Emails', label: 'An email was sent' },
  'message.bounced': { group: 'Emails', label: 'An email bounced' },
  'message.failed': { group: 'Emails', label: 'An email could not be sent' },
  'inbox.thread_labelled': { group: 'Emails', label: 'A conversation was labelled in the inbox' },
  'campaign.started': { group: 'Campaigns and mailboxes', label: 'A campaign started' },
  'campaign.paused': { group: 'Campaigns and mailboxes', label: 'A campaign was paused' },
  'campaign.completed': { group: 'Campaigns and mailboxes', label: 'A campaign completed' },
  'mailbox.paused': { group: 'Campaigns and mailboxes', label: 'A mailbox was paused' },
  'mailbox.needs_reauth': { group: 'Campaigns and mailboxes', label: 'A mailbox needs to be connected again' },
  'import.completed': { group: 'Campaigns and mailboxes', label: 'A lead import completed' },
};

export const webhookEventTypes = Object.keys(webhookEventLabels) as WebhookEventType[];

export function deliveryEventLabel(type: WebhookDelivery['eventType']): string {
  return type === 'webhook.test' ? 'Test event' : webhookEventLabels[type].label;
}

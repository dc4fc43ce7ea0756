import type { SignedUp, TestApp } from './testApp.js';

type Http = TestApp['http'];

/** A sequence body as the editor sends it; the first step carries the unsubscribe link the default setting requires. */
export function sequenceBody(overrides: { steps?: unknown[]; requireUnsubscribeLink?: boolean } = {}) {
  return {
    steps: overrides.steps ?? [
      {
        delayAmount: 0,
        delayUnit: 'days',
        variants: [
          {
            label: 'A',
            subject: '{Hi|Hello} {{default lead.firstName "there"}}',
            bodyText: 'Hello {{lead.company}}.\nBye: {{unsubscribeUrl}}',
          },
          { label: 'B', subject: 'Quick question, {{lead.firstName}}', bodyText: 'Is {{lead.custom.plan}} right?\n{{unsubscribeUrl}}' },
        ],
      },
      { delayAmount: 2, delayUnit: 'days', variants: [{ label: 'A', bodyText: 'Following up. {{unsubscribeUrl}}' }] },
    ],
    ...(overrides.requireUnsubscribeLink === undefined ? {} : { requireUnsubscribeLink: overrides.requireUnsubscribeLink }),
  };
}

/** A draft campaign with a sandbox mailbox attached, created through the API. */
export async function createCampaign(http: Http, owner: SignedUp, options: { name?: string; mailbox?: boolean } = {}) {
  const mailboxIds: string[] = [];
  if (options.mailbox ?? true) {
    const mailbox = await http
      .post('/api/mailboxes/sandbox')
      .set(owner.auth)
      .send({ email: `sender.${Math.random().toString(36).slice(2, 10)}@ophir.example` });
    if (mailbox.status !== 201) throw new Error(`mailbox: ${mailbox.status} ${mailbox.text}`);
    mailboxIds.push(mailbox.body.id as string);
  }
  const campaign = await http
    .post('/api/campaigns')
    .set(owner.auth)
    .send({ name: options.name ?? 'Definition test', mailboxIds });
  if (campaign.status !== 201) throw new Error(`campaign: ${campaign.status} ${campaign.text}`);
  return { campaignId: campaign.body.id as string, mailboxIds };
}

export async function createLead(http: Http, owner: SignedUp, fields: Record<string, unknown>): Promise<string> {
  const response = await http.post('/api/leads').set(owner.auth).send(fields);
  if (response.status !== 201) throw new Error(`lead: ${response.status} ${response.text}`);
  return response.body.id as string;
}

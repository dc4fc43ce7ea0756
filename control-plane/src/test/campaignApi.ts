import type { SignedUp, TestApp } from './testApp.js';

type Http = TestApp['http'];

/** A step of a plain sequence: one variant, sent `delayDays` after the previous step (a follow-up keeps the subject). */
export interface PlainStep {
  delayDays: number;
  subject?: string;
  bodyText: string;
}

/** Every day, all day, in UTC: sends go whenever a test runs the workflow. */
export const alwaysOpenSchedule = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  start: '00:00',
  end: '24:00',
  useLeadTimezone: false,
};

/** A draft campaign in UTC from the given mailboxes with a plain sequence, created through the API; answers its id. */
export async function createPlainCampaign(
  http: Http,
  auth: { Authorization: string },
  options: { name: string; mailboxIds: string[]; steps: PlainStep[]; schedule?: Record<string, unknown> },
): Promise<string> {
  const campaign = await http
    .post('/api/campaigns')
    .set(auth)
    .send({ name: options.name, timezone: 'UTC', mailboxIds: options.mailboxIds, schedule: options.schedule ?? alwaysOpenSchedule });
  if (campaign.status !== 201) throw new Error(`campaign: ${campaign.status} ${campaign.text}`);
  const campaignId = campaign.body.id as string;
  await putPlainSequence(http, auth, campaignId, options.steps);
  return campaignId;
}

/** Sets a campaign's sequence through the API, one variant A per step. */
async function putPlainSequence(http: Http, auth: { Authorization: string }, campaignId: string, steps: PlainStep[]) {
  const response = await http
    .put(`/api/campaigns/${campaignId}/sequence`)
    .set(auth)
    .send({
      steps: steps.map(({ delayDays, subject, bodyText }) => ({
        delayAmount: delayDays,
        delayUnit: 'days',
        variants: [{ label: 'A', ...(subject === undefined ? {} : { subject }), bodyText }],
      })),
    });
  if (response.status !== 200) throw new Error(`sequence: ${response.status} ${response.text}`);
}

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

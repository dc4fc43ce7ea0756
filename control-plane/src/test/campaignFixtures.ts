import type { PrismaClient } from '../lib/db/prisma.js';

/** A campaign with steps, mailboxes and leads written straight to the database, for engine tests. */
export async function seedCampaign(
  prisma: PrismaClient,
  options: {
    organizationId: string;
    leads: number;
    mailboxes?: Array<{ dailyCap?: number; minGapSeconds?: number; gapJitterSeconds?: number }>;
    steps?: Array<{ delayAmount: number; delayUnit: 'minutes' | 'hours' | 'days' | 'business_days'; subject: string; bodyText: string }>;
    status?: 'draft' | 'active';
    campaignDailyCap?: number | null;
  },
) {
  const { organizationId } = options;
  const campaign = await prisma.campaign.create({
    data: {
      organizationId,
      name: 'Engine test',
      status: options.status ?? 'active',
      timezone: 'UTC',
      dailyCap: options.campaignDailyCap ?? null,
      schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00', useLeadTimezone: false, holidays: [] },
    },
  });
  const steps = options.steps ?? [
    { delayAmount: 0, delayUnit: 'days' as const, subject: '{Hi|Hello} {{default lead.firstName "there"}}', bodyText: 'Step one for {{lead.company}}' },
    { delayAmount: 2, delayUnit: 'days' as const, subject: '', bodyText: 'Following up' },
  ];
  for (const [position, step] of steps.entries()) {
    await prisma.sequenceStep.create({
      data: {
        organizationId,
        campaignId: campaign.id,
        position,
        delayAmount: step.delayAmount,
        delayUnit: step.delayUnit,
        variants: { create: [{ organizationId, label: 'A', subject: step.subject, bodyText: step.bodyText }] },
      },
    });
  }
  const mailboxes = [];
  for (const [index, spec] of (options.mailboxes ?? [{}]).entries()) {
    const mailbox = await prisma.mailbox.create({
      data: {
        organizationId,
        provider: 'sandbox',
        email: `sender${index}.${campaign.id.slice(0, 8)}@ophir.example`,
        dailyCap: spec.dailyCap ?? 1000,
        rampEnabled: false,
        minGapSeconds: spec.minGapSeconds ?? 0,
        gapJitterSeconds: spec.gapJitterSeconds ?? 0,
      },
    });
    await prisma.campaignMailbox.create({ data: { organizationId, campaignId: campaign.id, mailboxId: mailbox.id } });
    mailboxes.push(mailbox);
  }
  const leadIds: string[] = [];
  for (let i = 0; i < options.leads; i += 1) {
    const email = `lead${i}.${campaign.id.slice(0, 8)}@prospect${i % 7}.example`;
    const lead = await prisma.lead.create({ data: { organizationId, email, emailDomain: email.split('@')[1]!, firstName: i % 3 === 0 ? null : `Lead${i}`, company: `Company ${i}` } });
    leadIds.push(lead.id);
  }
  return { campaign, mailboxes, leadIds };
}

import type { PrismaClient } from '../lib/db/prisma.js';
import { scopedDb } from '../lib/db/tenantScope.js';
import { enrollLeads } from '../modules/campaigns/enrollments/enrollLeads.js';
import { alwaysOpenSchedule } from './campaignApi.js';
import type { TestApp } from './testApp.js';

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
      schedule: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        start: '00:00',
        end: '24:00',
        useLeadTimezone: false,
        holidays: [],
      },
    },
  });
  const steps = options.steps ?? [
    {
      delayAmount: 0,
      delayUnit: 'days' as const,
      subject: '{Hi|Hello} {{default lead.firstName "there"}}',
      bodyText: 'Step one for {{lead.company}}',
    },
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
    const lead = await prisma.lead.create({
      data: {
        organizationId,
        email,
        emailDomain: email.split('@')[1]!,
        firstName: i % 3 === 0 ? null : `Lead${i}`,
        company: `Company ${i}`,
      },
    });
    leadIds.push(lead.id);
  }
  return { campaign, mailboxes, leadIds };
}

/**
 * A one-step campaign created through the API with the given mailboxes and `leads` fresh leads,
 * enrolled and started: the shape the pipeline benchmark and the fault tests send.
 */
export async function startSendingCampaign(options: {
  http: TestApp['http'];
  prisma: PrismaClient;
  auth: { Authorization: string };
  organizationId: string;
  mailboxIds: string[];
  leads: number;
  name: string;
  /** The app's clock when a test moves it; enrolments fall due at this instant. */
  now?: Date;
  /** Every day, all day (UTC) unless given. */
  schedule?: Record<string, unknown>;
}) {
  const { http, prisma, auth, organizationId } = options;
  const created = await http
    .post('/api/campaigns')
    .set(auth)
    .send({
      name: options.name,
      mailboxIds: options.mailboxIds,
      schedule: options.schedule ?? alwaysOpenSchedule,
    });
  if (created.status !== 201) throw new Error(`campaign create failed: ${created.status} ${created.text}`);
  const campaignId = created.body.id as string;
  const sequence = await http
    .put(`/api/campaigns/${campaignId}/sequence`)
    .set(auth)
    .send({
      steps: [
        {
          delayAmount: 0,
          delayUnit: 'days',
          variants: [
            {
              label: 'A',
              subject: '{Hi|Hello} {{default lead.firstName "there"}}',
              bodyText: 'Quick question about {{lead.company}}.\n\n{{unsubscribeUrl}}',
            },
          ],
        },
      ],
    });
  if (sequence.status !== 200) throw new Error(`sequence failed: ${sequence.status} ${sequence.text}`);
  const tag = campaignId.slice(0, 8);
  const leads = Array.from({ length: options.leads }, (_, i) => ({
    organizationId,
    email: `lead${i}.${tag}@prospect${i % 50}.example`,
    emailDomain: `prospect${i % 50}.example`,
    firstName: `Lead${i}`,
    company: `Company ${i % 500}`,
  }));
  for (let i = 0; i < leads.length; i += 5000) await prisma.lead.createMany({ data: leads.slice(i, i + 5000) });
  const leadIds = (await prisma.lead.findMany({ where: { organizationId, email: { contains: `.${tag}@` } }, select: { id: true } })).map(
    (l) => l.id,
  );
  await enrollLeads(scopedDb(prisma, organizationId), { organizationId, campaignId, leadIds, now: options.now ?? new Date() });
  const started = await http.post(`/api/campaigns/${campaignId}/start`).set(auth);
  if (started.body.deployment?.status !== 'active') throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  return { campaignId, workflowId: started.body.deployment.n8nWorkflowId as string, tag };
}

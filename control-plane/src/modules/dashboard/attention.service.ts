import type { Clock } from '../../lib/clock.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import type { AuthContext } from '../../lib/http/route.js';
import { startChecklist } from '../campaigns/readiness/startReadiness.js';
import { sendingForecast } from '../campaigns/readiness/sendingForecast.js';

const mailboxAdvice = {
  paused: 'Paused: resume it when it should send again',
  needs_reauth: 'Its provider no longer accepts the sign-in: connect it again',
  error: 'It failed: open it to see why',
} as const;

const runningDeployment = new Set(['active', 'drifted', 'pending', 'deploying']);

/** What needs a person: mailboxes that cannot send, workflows drifted or failing, active campaigns that send nothing. */
export class AttentionService {
  constructor(private readonly deps: { clock: Clock; pollMinutes: number }) {}

  async attention(auth: Pick<AuthContext, 'db' | 'organizationId'>) {
    const { db } = auth;
    const mailboxes = await db.mailbox.findMany({
      where: { status: { in: ['paused', 'needs_reauth', 'error'] } },
      orderBy: { email: 'asc' },
      select: { id: true, email: true, status: true, statusReason: true },
    });
    const deployments = await db.workflowDeployment.findMany({
      where: { status: { in: ['drifted', 'error'] } },
      orderBy: { updatedAt: 'desc' },
      select: { id: true, campaignId: true, templateName: true, status: true, lastError: true, campaign: { select: { name: true } } },
    });
    return {
      mailboxes: mailboxes.map((mailbox) => {
        const status = mailbox.status as keyof typeof mailboxAdvice;
        return { mailboxId: mailbox.id, email: mailbox.email, status, reason: mailbox.statusReason ?? mailboxAdvice[status] };
      }),
      deployments: deployments.map((deployment) => ({
        deploymentId: deployment.id,
        campaignId: deployment.campaignId,
        name: deployment.campaign?.name ?? deployment.templateName,
        status: deployment.status as 'drifted' | 'error',
        reason:
          deployment.status === 'drifted'
            ? 'Someone edited it in n8n since Ophir set it up: keep the n8n version or reset it to the template'
            : (deployment.lastError ?? 'Deploying it to n8n failed'),
      })),
      campaigns: await this.campaignsNotSending(db, auth.organizationId),
    };
  }

  /** Active campaigns with nothing they can send: what their start checklist, workflow and mailboxes say. */
  private async campaignsNotSending(db: ScopedDb, organizationId: string) {
    const campaigns = await db.campaign.findMany({
      where: { status: 'active' },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, timezone: true, schedule: true, dailyCap: true, deployment: { select: { status: true } } },
    });
    const now = this.deps.clock.now();
    const flagged = [];
    for (const campaign of campaigns) {
      const checks = await startChecklist(db, campaign.id);
      const reasons = checks.filter((check) => !check.passed && check.blocking).map((check) => check.message);
      if (checks.some((check) => check.code === 'leads_enrolled' && !check.passed))
        reasons.push('No lead is waiting for a message: enrol leads');
      if (!campaign.deployment || !runningDeployment.has(campaign.deployment.status))
        reasons.push(
          `Its automation is not running in n8n${campaign.deployment ? ` (${campaign.deployment.status})` : ''}: open its Automation tab`,
        );
      if (reasons.length === 0) {
        const forecast = await sendingForecast(db, campaign, {
          organizationId,
          now,
          pollMinutes: this.deps.pollMinutes,
        });
        if (forecast.capacityToday === 0 && forecast.queued.readyNow > 0)
          reasons.push(`Its mailboxes can send nothing more today: ${forecast.summary}`);
      }
      if (reasons.length > 0) flagged.push({ campaignId: campaign.id, name: campaign.name, reasons });
    }
    return flagged;
  }
}

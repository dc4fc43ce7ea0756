import { z } from 'zod';
import type { Campaign, WorkflowDeployment } from '../../generated/prisma/client.js';
import type { Clock } from '../../lib/clock.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { AppError, NotFoundError, type FieldIssue } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import type { DeploymentService } from '../deployments/deployment.service.js';
import { recordAudit } from '../organizations/audit.js';
import { organizationTimezone } from '../organizations/organization.service.js';
import { campaignSettings } from './campaignSettings.js';
import { duplicateCampaign } from './duplicateCampaign.js';
import { waitingMessage } from './messageStates.js';
import { nextStatus, type CampaignAction } from './campaignStatus.js';
import { capacityCheck } from './readiness/capacityCheck.js';
import { runOutcome, waitForRun, type RunOutcome } from './readiness/runOutcome.js';
import { assertSendingDomainsPass, sendingDomainCheck } from './readiness/sendingDomainCheck.js';
import { warmingMailboxCheck } from './readiness/warmingMailboxCheck.js';
import { describeOpening, sendingForecast } from './readiness/sendingForecast.js';
import { assertReadyToStart, startChecklist } from './readiness/startReadiness.js';
import { nextSendingInstant, nextSendingWindows } from './window/sendingWindow.js';
import { recomputeWindowDeferrals } from './window/recomputeWindowDeferrals.js';
import type { CampaignScheduleInput } from './campaigns.schemas.js';
import { recordWebhookEvents, type WebhookEventType } from '../../lib/webhooks/webhookOutbox.js';

/** A resumed campaign is announced as started again. */
const campaignWebhookTypes: Partial<Record<CampaignAction, WebhookEventType>> = {
  start: 'campaign.started',
  resume: 'campaign.started',
  pause: 'campaign.paused',
  complete: 'campaign.completed',
};

type CampaignRow = Campaign & { deployment: WorkflowDeployment | null; mailboxes: { mailboxId: string }[] };

export interface CampaignInput {
  name: string;
  timezone: string;
  schedule: CampaignScheduleInput;
  rotationStrategy: Campaign['rotationStrategy'];
  dailyCap: number | null;
  stopOnReply: boolean;
  stopOnReplyForDomain: boolean;
  autoReplyDelayDays: number | null;
  trackOpens: boolean;
  trackClicks: boolean;
  mailboxIds: string[];
}

/** The reply-handling options live in Campaign.settings beside the sequence's. */
function settingsWith(stored: unknown, input: Partial<CampaignInput>): object {
  const { stopOnReplyForDomain, autoReplyDelayDays } = input;
  return {
    ...campaignSettings(stored),
    ...(stopOnReplyForDomain === undefined ? {} : { stopOnReplyForDomain }),
    ...(autoReplyDelayDays === undefined ? {} : { autoReplyDelayDays }),
  };
}

export function toCampaignDto(row: CampaignRow) {
  const settings = campaignSettings(row.settings);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    timezone: row.timezone,
    schedule: row.schedule as unknown as CampaignScheduleInput,
    rotationStrategy: row.rotationStrategy,
    dailyCap: row.dailyCap,
    stopOnReply: row.stopOnReply,
    stopOnReplyForDomain: settings.stopOnReplyForDomain,
    autoReplyDelayDays: settings.autoReplyDelayDays,
    trackOpens: row.trackOpens,
    trackClicks: row.trackClicks,
    mailboxIds: row.mailboxes.map((m) => m.mailboxId),
    deployment: row.deployment
      ? {
          id: row.deployment.id,
          status: row.deployment.status,
          lastError: row.deployment.lastError,
          n8nWorkflowId: row.deployment.n8nWorkflowId,
          templateVersion: row.deployment.templateVersion,
        }
      : null,
    startedAt: row.startedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const mailboxIdSchema = z.uuid();

const withRelations = { deployment: true, mailboxes: { select: { mailboxId: true } } } as const;

export class CampaignsService {
  constructor(private readonly deps: { deployments: DeploymentService; clock: Clock; pollMinutes: number }) {}

  async create(auth: AuthContext, input: Omit<CampaignInput, 'timezone'> & { timezone?: string | undefined }) {
    const { mailboxIds, schedule, stopOnReplyForDomain: _domain, autoReplyDelayDays: _delay, ...fields } = input;
    const campaign = await auth.db.campaign.create({
      data: {
        ...fields,
        timezone: fields.timezone ?? (await organizationTimezone(auth.db, auth.organizationId)),
        organizationId: auth.organizationId,
        schedule: schedule as object,
        settings: settingsWith({}, input),
        mailboxes: { create: mailboxIds.map((mailboxId) => ({ mailboxId, organizationId: auth.organizationId })) },
      },
      include: withRelations,
    });
    await recordAudit(auth, { action: 'campaign.created', targetType: 'campaign', targetId: campaign.id, data: { name: input.name } });
    return toCampaignDto(campaign);
  }

  /**
   * The campaigns with when each sends next: a running campaign's earliest queued send, moved to its
   * next sending window in the campaign's zone (one grouped query for the page).
   */
  async list(auth: AuthContext, options: { status?: Campaign['status'] }) {
    const rows = await auth.db.campaign.findMany({
      where: options.status ? { status: options.status } : { status: { not: 'archived' } },
      include: withRelations,
      orderBy: { createdAt: 'desc' },
    });
    const active = rows.filter((row) => row.status === 'active');
    const earliest = await auth.db.message.groupBy({
      by: ['campaignId'],
      where: { campaignId: { in: active.map((row) => row.id) }, ...waitingMessage },
      _min: { dueAt: true },
    });
    const dueAt = new Map(earliest.map((group) => [group.campaignId, group._min.dueAt]));
    const now = this.deps.clock.now();
    return rows.map((row) => {
      const due = dueAt.get(row.id);
      const nextSendAt = due ? nextSendingInstant(row, null, due > now ? due : now) : null;
      return { ...toCampaignDto(row), nextSendAt: nextSendAt?.toISOString() ?? null };
    });
  }

  /** A new draft with the campaign's settings, mailboxes and sequence; its leads, sends and results are not copied. */
  async duplicate(auth: AuthContext, campaignId: string) {
    const copy = await duplicateCampaign(auth.db, { organizationId: auth.organizationId, campaignId, include: withRelations });
    await recordAudit(auth, {
      action: 'campaign.duplicated',
      targetType: 'campaign',
      targetId: copy.id,
      data: { from: campaignId, name: copy.name },
    });
    return toCampaignDto(copy);
  }

  async get(auth: AuthContext, campaignId: string) {
    const row = await auth.db.campaign.findUnique({ where: { id: campaignId }, include: withRelations });
    if (!row) throw new NotFoundError('Campaign');
    return toCampaignDto(row);
  }

  /** Editing a running campaign updates its workflow in place. */
  async update(auth: AuthContext, campaignId: string, input: Partial<CampaignInput>) {
    const current = await this.get(auth, campaignId);
    if (current.status === 'archived') throw new AppError('invalid_state', 'An archived campaign cannot be edited');
    const { mailboxIds, schedule, stopOnReplyForDomain: _domain, autoReplyDelayDays: _delay, ...fields } = input;
    const stored = await auth.db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { settings: true } });
    await auth.db.$transaction(async (tx) => {
      await (tx as unknown as ScopedDb).campaign.update({
        where: { id: campaignId },
        data: { ...fields, settings: settingsWith(stored.settings, input), ...(schedule ? { schedule: schedule as object } : {}) },
      });
      // A new schedule or zone moves the sends that wait for the old window.
      await recomputeWindowDeferrals(tx, { organizationId: auth.organizationId, campaignId, now: this.deps.clock.now() });
    });
    if (mailboxIds) {
      await auth.db.campaignMailbox.deleteMany({ where: { campaignId } });
      await auth.db.campaignMailbox.createMany({
        data: mailboxIds.map((mailboxId) => ({ campaignId, mailboxId, organizationId: auth.organizationId })),
      });
    }
    await recordAudit(auth, {
      action: 'campaign.updated',
      targetType: 'campaign',
      targetId: campaignId,
      data: { fields: Object.keys(input) },
    });
    if (current.status === 'active' || current.status === 'paused') {
      await this.deps.deployments.syncCampaign(auth.db, campaignId, { pushContent: true });
    }
    return this.get(auth, campaignId);
  }

  /** Records the new status first (the intent), then brings n8n in line; the reconciler retries a failed deploy. */
  async transition(auth: AuthContext, campaignId: string, action: CampaignAction, options: { domainOverride?: { reason: string } } = {}) {
    const current = await this.get(auth, campaignId);
    const status = nextStatus(current.status, action);
    if (action === 'start') await assertReadyToStart(auth.db, campaignId);
    const domainOverride = action === 'start' ? await assertSendingDomainsPass(auth.db, campaignId, options.domainOverride) : undefined;
    await auth.db.$transaction(async (tx) => {
      await (tx as unknown as ScopedDb).campaign.update({
        where: { id: campaignId },
        data: { status, ...(action === 'start' ? { startedAt: this.deps.clock.now() } : {}) },
      });
      await recomputeWindowDeferrals(tx, { organizationId: auth.organizationId, campaignId, now: this.deps.clock.now() });
      const announced = campaignWebhookTypes[action];
      if (announced)
        await recordWebhookEvents(tx, auth.organizationId, [
          { type: announced, occurredAt: this.deps.clock.now(), campaignId, data: { from: current.status, to: status } },
        ]);
    });
    await recordAudit(auth, {
      action: `campaign.${action}`,
      targetType: 'campaign',
      targetId: campaignId,
      data: { from: current.status, to: status, ...(domainOverride ? { sendingDomainOverride: domainOverride } : {}) },
    });
    await this.deps.deployments.syncCampaign(auth.db, campaignId);
    // Stop-on-reply needs the inbox watched from the first send on, not from the next reconcile.
    if (status === 'active') await this.deps.deployments.ensureInboxWatcher(auth.db, auth.organizationId);
    return this.get(auth, campaignId);
  }

  /**
   * Runs the workflow now and, unless `waitSeconds` is 0, waits (that long at most) for the run to claim and
   * report its sends, then says what it did and why the rest waits. The run applies the sending window
   * and the mailboxes' limits and gaps like any scheduled run.
   */
  async runNow(auth: AuthContext, campaignId: string, options: { waitSeconds: number }): Promise<RunOutcome> {
    const campaign = await this.get(auth, campaignId);
    if (campaign.status !== 'active')
      throw new AppError('invalid_state', `Only an active campaign can run; this one is ${campaign.status}`);
    const [database] = await auth.db.$queryRaw<Array<{ now: Date }>>`SELECT now() AS now`;
    const since = { database: database!.now, clock: this.deps.clock.now() };
    await recomputeWindowDeferrals(auth.db, { organizationId: auth.organizationId, campaignId, now: since.clock });
    await this.deps.deployments.tick(campaignId);
    const finished = options.waitSeconds > 0 && (await waitForRun(auth.db, campaignId, since, options.waitSeconds));
    const forecast = await this.forecast(auth, campaignId);
    return runOutcome(auth.db, { organizationId: auth.organizationId, campaignId, since: since.clock, finished, forecast });
  }

  /** The start checklist, without starting, and what the campaign can send in the next 24 hours. */
  async readiness(auth: AuthContext, campaignId: string) {
    const campaign = await this.get(auth, campaignId);
    const now = this.deps.clock.now();
    const checks = (await startChecklist(auth.db, campaignId)).map(({ missing: _missing, ...check }) => check);
    checks.push(await sendingDomainCheck(auth.db, campaignId));
    checks.push(await warmingMailboxCheck(auth.db, campaignId, now));
    const opensAt = nextSendingInstant(campaign, null, now);
    const inWindow = opensAt !== null && opensAt.getTime() - now.getTime() < 86_400_000;
    checks.push({
      code: 'sending_window',
      passed: inWindow,
      blocking: false,
      message: !opensAt
        ? 'The schedule has no sending window within a year (days, hours and holidays)'
        : opensAt <= now
          ? `The sending window is open now in ${campaign.timezone}`
          : `The sending window ${inWindow ? 'opens' : 'next opens'} at ${describeOpening(opensAt, campaign.timezone, now)}`,
    });
    const forecast = await this.forecast(auth, campaignId);
    checks.push(capacityCheck(forecast));
    return {
      campaignId,
      status: campaign.status,
      ready: checks.every((check) => check.passed || !check.blocking),
      checks,
      windows: nextSendingWindows(campaign, now, 3).map((window) => ({
        opensAt: window.opensAt.toISOString(),
        closesAt: window.closesAt.toISOString(),
      })),
      forecast,
    };
  }

  private async forecast(auth: AuthContext, campaignId: string) {
    const campaign = await auth.db.campaign.findUniqueOrThrow({
      where: { id: campaignId },
      select: { id: true, timezone: true, schedule: true, dailyCap: true },
    });
    return sendingForecast(auth.db, campaign, {
      organizationId: auth.organizationId,
      now: this.deps.clock.now(),
      pollMinutes: this.deps.pollMinutes,
    });
  }

  /**
   * The body's mailboxIds that name no mailbox of the organization. The route answers them with the schema's
   * problems, so it reads the body as sent: only ids shaped like ids are looked up, the schema names the rest.
   */
  async mailboxProblems(auth: AuthContext, body: unknown): Promise<FieldIssue[]> {
    const listed = (body as { mailboxIds?: unknown } | undefined)?.mailboxIds;
    if (!Array.isArray(listed)) return [];
    const ids = listed
      .map((id, index) => ({ id, index }))
      .filter((entry): entry is { id: string; index: number } => mailboxIdSchema.safeParse(entry.id).success);
    if (ids.length === 0) return [];
    const found = await auth.db.mailbox.findMany({ where: { id: { in: ids.map(({ id }) => id) } }, select: { id: true } });
    const known = new Set(found.map((m) => m.id));
    return ids.filter(({ id }) => !known.has(id)).map(({ index }) => ({ path: `mailboxIds.${index}`, message: 'No such mailbox' }));
  }
}

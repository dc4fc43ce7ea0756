import { NotFoundError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';

const timelineLimit = 200;

/**
 * A lead's campaigns (its enrolments) and what happened to it: the messages its sequences queued or
 * sent and the events recorded about it (opens, clicks, replies, bounces...), newest first.
 */
export async function findLeadActivity({ auth, leadId }: { auth: AuthContext; leadId: string }) {
  const lead = await auth.db.lead.findUnique({ where: { id: leadId }, select: { id: true } });
  if (!lead) throw new NotFoundError('Lead');

  const enrollments = await auth.db.enrollment.findMany({
    where: { leadId },
    orderBy: { createdAt: 'desc' },
    include: { campaign: { select: { name: true } } },
  });
  const [messages, events] = await Promise.all([
    enrollments.length === 0
      ? []
      : auth.db.message.findMany({
          where: { enrollmentId: { in: enrollments.map((enrollment) => enrollment.id) } },
          orderBy: { dueAt: 'desc' },
          take: timelineLimit,
          include: { lease: { select: { subject: true } } },
        }),
    auth.db.event.findMany({ where: { leadId }, orderBy: { occurredAt: 'desc' }, take: timelineLimit }),
  ]);

  const campaignNames = new Map(enrollments.map((enrollment) => [enrollment.campaignId, enrollment.campaign.name]));
  const unnamed = [...new Set(events.map((event) => event.campaignId).filter((id): id is string => id !== null && !campaignNames.has(id)))];
  if (unnamed.length > 0) {
    for (const campaign of await auth.db.campaign.findMany({ where: { id: { in: unnamed } }, select: { id: true, name: true } }))
      campaignNames.set(campaign.id, campaign.name);
  }
  const stepOfMessage = new Map(messages.map((message) => [message.id, message.stepPosition]));

  const timeline = [
    ...messages.map((message) => ({
      kind: 'message' as const,
      id: message.id,
      at: (message.sentAt ?? message.dueAt).toISOString(),
      // A leased send is in flight: still `claimed` to clients, as before leases had their own table.
      type: message.lease && message.status !== 'cancelled' ? 'claimed' : (message.status as string),
      campaignId: message.campaignId,
      campaignName: campaignNames.get(message.campaignId) ?? null,
      stepPosition: message.stepPosition,
      subject: message.lease?.subject ?? message.subject,
    })),
    ...events.map((event) => ({
      kind: 'event' as const,
      id: event.id,
      at: event.occurredAt.toISOString(),
      type: event.type as string,
      campaignId: event.campaignId,
      campaignName: event.campaignId ? (campaignNames.get(event.campaignId) ?? null) : null,
      stepPosition: event.messageId ? (stepOfMessage.get(event.messageId) ?? null) : null,
      subject: null,
    })),
  ]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, timelineLimit);

  return {
    enrollments: enrollments.map((enrollment) => ({
      id: enrollment.id,
      campaignId: enrollment.campaignId,
      campaignName: enrollment.campaign.name,
      state: enrollment.state,
      nextStep: enrollment.nextStep,
      nextDueAt: enrollment.nextDueAt?.toISOString() ?? null,
      stopReason: enrollment.stopReason,
      createdAt: enrollment.createdAt.toISOString(),
    })),
    timeline,
  };
}

import { LruCache } from '../lruCache.js';
import { shareConnections, type PrismaClient } from './prisma.js';

/** Models whose rows belong to one organization (they carry organizationId). */
const tenantModels = new Set([
  'Membership',
  'Invitation',
  'RefreshToken',
  'ApiKey',
  'Mailbox',
  'MailboxDomainCheck',
  'MailboxWarmup',
  'WarmupMessage',
  'SandboxMessage',
  'SandboxInboundMessage',
  'Lead',
  'LeadList',
  'LeadListMember',
  'Suppression',
  'LeadImport',
  'LeadVerification',
  'LeadVerificationRun',
  'Campaign',
  'CampaignMailbox',
  'SequenceStep',
  'StepVariant',
  'Enrollment',
  'Message',
  'SendLease',
  'Event',
  'CampaignStatsDaily',
  'CampaignStatsDelta',
  'MessageMetricSeen',
  'WorkflowDeployment',
  'AuditLog',
  'OAuthConnectState',
  'InboxThread',
  'InboxMessage',
  'InboxCustomLabel',
  'WebhookEndpoint',
  'WebhookEvent',
  'WebhookDelivery',
  'WebhookAttempt',
  'WebhookSettings',
]);

const filteredOperations = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
]);

type Args = Record<string, unknown> & { where?: object; data?: unknown; create?: object };

// AND-ed rather than merged, so a caller's own condition on the same field still applies.
function andWhere(where: object | undefined, condition: object): object {
  const existing = (where as { AND?: object | object[] } | undefined)?.AND;
  const and = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return { ...where, AND: [...and, condition] };
}

function withOrganization(data: unknown, organizationId: string): unknown {
  if (Array.isArray(data)) return data.map((row: object) => ({ ...row, organizationId }));
  return { ...(data as object), organizationId };
}

/**
 * A Prisma client that can only see and write one organization's rows: every query on a tenant
 * model gets `organizationId` in its filter, every create gets it in its data. Another
 * organization's row is therefore simply "not found". Raw SQL is not covered: it must filter by
 * organization itself.
 */
export function scopedDb(prisma: PrismaClient, organizationId: string): ScopedDb {
  let clients = scopedClients.get(prisma);
  if (!clients) {
    clients = new LruCache({ maxEntries: 1_000 });
    scopedClients.set(prisma, clients);
  }
  const cached = clients.get(organizationId);
  if (cached) return cached;
  const client = extendScoped(prisma, organizationId);
  shareConnections(client, prisma);
  clients.set(organizationId, client);
  return client;
}

function extendScoped(prisma: PrismaClient, organizationId: string) {
  return prisma.$extends({
    name: 'tenantScope',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          const scoped: Args = { ...(args as Args) };
          if (model === 'Organization') {
            if (operation === 'create' || operation === 'createMany' || operation === 'upsert') {
              throw new Error('Organizations are created by the auth service, not through a scoped client');
            }
            scoped.where = andWhere(scoped.where, { id: organizationId });
            return query(scoped);
          }
          if (!tenantModels.has(model)) return query(scoped);
          if (filteredOperations.has(operation)) {
            scoped.where = andWhere(scoped.where, { organizationId });
          } else if (operation === 'create' || operation === 'createMany' || operation === 'createManyAndReturn') {
            scoped.data = withOrganization(scoped.data, organizationId);
          } else if (operation === 'upsert') {
            scoped.where = andWhere(scoped.where, { organizationId });
            scoped.create = withOrganization(scoped.create, organizationId) as object;
          }
          return query(scoped);
        },
      },
    },
  });
}

export type ScopedDb = ReturnType<typeof extendScoped>;

// A scoped client holds nothing but its organization's id, and extending one costs more than a query
// plan: each organization's is made once and kept (a bounded number of them) for every later request.
const scopedClients = new WeakMap<PrismaClient, LruCache<string, ScopedDb>>();

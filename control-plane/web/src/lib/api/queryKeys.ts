/**
 * Every query's key, in one scheme: [resource, ...what narrows it]. A mutation invalidates the
 * resource's prefix (`queryKeys.mailboxes.all`) and nothing else.
 */
export const queryKeys = {
  me: ['me'] as const,
  mailboxes: {
    all: ['mailboxes'] as const,
    list: ['mailboxes', 'list'] as const,
    one: (mailboxId: string) => ['mailboxes', 'one', mailboxId] as const,
    health: (mailboxId: string) => ['mailboxes', 'health', mailboxId] as const,
    usage: (mailboxId: string) => ['mailboxes', 'usage', mailboxId] as const,
    dailyUsage: (mailboxId: string, days: number) => ['mailboxes', 'daily-usage', mailboxId, days] as const,
    sandboxMessages: (mailboxId: string) => ['mailboxes', 'sandbox-messages', mailboxId] as const,
    domainCheck: (mailboxId: string) => ['mailboxes', 'domain-check', mailboxId] as const,
    warmup: (mailboxId: string) => ['mailboxes', 'warmup', mailboxId] as const,
    warmupSeries: (mailboxId: string, days: number) => ['mailboxes', 'warmup-series', mailboxId, days] as const,
  },
  organization: ['organization'] as const,
  members: { all: ['members'] as const },
  invitations: { all: ['invitations'] as const },
  invitationPreview: (token: string) => ['invitation-preview', token] as const,
  apiKeys: { all: ['api-keys'] as const },
  auditLog: { all: ['audit-log'] as const },
  leads: {
    all: ['leads'] as const,
    pages: ['leads', 'page'] as const,
    page: (filters: {
      search?: string | undefined;
      status?: string | undefined;
      listId?: string | undefined;
      tag?: string | undefined;
      customField?: string | undefined;
    }) => ['leads', 'page', filters] as const,
    one: (leadId: string) => ['leads', 'one', leadId] as const,
    activity: (leadId: string) => ['leads', 'activity', leadId] as const,
  },
  leadLists: { all: ['lead-lists'] as const },
  leadImports: {
    all: ['lead-imports'] as const,
    history: ['lead-imports', 'history'] as const,
    one: (importId: string) => ['lead-imports', 'one', importId] as const,
    rejectedRows: (importId: string) => ['lead-imports', 'rejected-rows', importId] as const,
  },
  suppressions: {
    all: ['suppressions'] as const,
    page: (filters: { search?: string | undefined; kind?: string | undefined }) => ['suppressions', 'page', filters] as const,
  },
  campaigns: {
    all: ['campaigns'] as const,
    list: (status: string | undefined) => ['campaigns', 'list', status ?? 'current'] as const,
    overview: ['campaigns', 'overview'] as const,
    one: (campaignId: string) => ['campaigns', 'one', campaignId] as const,
    readiness: (campaignId: string) => ['campaigns', 'readiness', campaignId] as const,
    sequence: (campaignId: string) => ['campaigns', 'sequence', campaignId] as const,
    customFieldKeys: ['campaigns', 'custom-field-keys'] as const,
    previewLeads: (search: string) => ['campaigns', 'preview-leads', search] as const,
    preview: (campaignId: string, request: { leadId: string; step: number; variantLabel?: string | undefined }) =>
      ['campaigns', 'preview', campaignId, request] as const,
  },
  stats: {
    all: ['stats'] as const,
    summary: (campaignId: string) => ['stats', 'summary', campaignId] as const,
    daily: (campaignId: string) => ['stats', 'daily', campaignId] as const,
    enrollments: (campaignId: string) => ['stats', 'enrollments', campaignId] as const,
    enrollmentsPage: (campaignId: string, state: string | undefined) => ['stats', 'enrollments', campaignId, state ?? 'all'] as const,
    activity: (campaignId: string) => ['stats', 'activity', campaignId] as const,
  },
  dashboard: {
    all: ['dashboard'] as const,
    overview: (range: { days?: number; from?: string; to?: string }) => ['dashboard', 'overview', range] as const,
    attention: ['dashboard', 'attention'] as const,
    gettingStarted: ['dashboard', 'getting-started'] as const,
  },
  inbox: {
    all: ['inbox'] as const,
    summary: ['inbox', 'summary'] as const,
    threads: ['inbox', 'threads'] as const,
    threadPages: (filters: {
      unread?: boolean | undefined;
      label?: string | undefined;
      customLabelId?: string | undefined;
      campaignId?: string | undefined;
      mailboxId?: string | undefined;
      search?: string | undefined;
    }) => ['inbox', 'threads', 'list', filters] as const,
    thread: (threadId: string) => ['inbox', 'threads', 'one', threadId] as const,
    labels: ['inbox', 'labels'] as const,
  },
  deployments: {
    all: ['deployments'] as const,
    list: ['deployments', 'list'] as const,
    one: (deploymentId: string) => ['deployments', 'one', deploymentId] as const,
    drift: (deploymentId: string) => ['deployments', 'drift', deploymentId] as const,
  },
  webhooks: {
    all: ['webhooks'] as const,
    endpoints: ['webhooks', 'endpoints'] as const,
    settings: ['webhooks', 'settings'] as const,
    deliveries: (endpointId: string) => ['webhooks', 'deliveries', endpointId] as const,
  },
};

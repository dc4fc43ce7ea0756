/**
 * Every query's key, in one scheme: [resource, ...what narrows it]. A mutation invalidates the
 * resource's prefix (`queryKeys.mailboxes.all`) and nothing else.
 */
export const queryKeys = {
  me: ['me'] as const,
  mailboxes: { all: ['mailboxes'] as const },
  organization: ['organization'] as const,
  members: { all: ['members'] as const },
  invitations: { all: ['invitations'] as const },
  apiKeys: { all: ['api-keys'] as const },
  auditLog: { all: ['audit-log'] as const },
  leads: {
    all: ['leads'] as const,
    page: (filters: { search?: string | undefined }) => ['leads', 'page', filters] as const,
  },
};

import { NotFoundError } from '../../lib/errors.js';
import { newestFirstOrder, newestFirstPage, olderThan } from '../../lib/http/cursor.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import type { AuthContext } from '../../lib/http/route.js';
import { recordAudit } from './audit.js';

const organizationDto = (org: { id: string; name: string; timezone: string; verifyLeadsAtImport: boolean; createdAt: Date }) => ({
  id: org.id,
  name: org.name,
  timezone: org.timezone,
  verifyLeadsAtImport: org.verifyLeadsAtImport,
  createdAt: org.createdAt.toISOString(),
});

/** What new campaigns and mailboxes start with when they name no zone. */
export async function organizationTimezone(db: ScopedDb, organizationId: string): Promise<string> {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
  return org?.timezone ?? 'UTC';
}

/** The organization the caller acts in. */
export async function getOrganization(auth: AuthContext) {
  const org = await auth.db.organization.findUnique({ where: { id: auth.organizationId } });
  if (!org) throw new NotFoundError('Organization');
  return organizationDto(org);
}

/** Renames the organization, sets its timezone and/or whether imports verify addresses; each change is audited. */
export async function updateOrganization(
  auth: AuthContext,
  changes: { name?: string | undefined; timezone?: string | undefined; verifyLeadsAtImport?: boolean | undefined },
) {
  const before = await auth.db.organization.findUnique({ where: { id: auth.organizationId } });
  if (!before) throw new NotFoundError('Organization');
  const org = await auth.db.organization.update({
    where: { id: auth.organizationId },
    data: {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.timezone !== undefined ? { timezone: changes.timezone } : {}),
      ...(changes.verifyLeadsAtImport !== undefined ? { verifyLeadsAtImport: changes.verifyLeadsAtImport } : {}),
    },
  });
  if (changes.name !== undefined && changes.name !== before.name) {
    await recordAudit(auth, { action: 'organization.renamed', targetType: 'organization', targetId: org.id, data: { name: changes.name } });
  }
  if (changes.timezone !== undefined && changes.timezone !== before.timezone) {
    await recordAudit(auth, {
      action: 'organization.timezone_changed',
      targetType: 'organization',
      targetId: org.id,
      data: { from: before.timezone, to: changes.timezone },
    });
  }
  if (changes.verifyLeadsAtImport !== undefined && changes.verifyLeadsAtImport !== before.verifyLeadsAtImport) {
    await recordAudit(auth, {
      action: 'organization.lead_verification_changed',
      targetType: 'organization',
      targetId: org.id,
      data: { verifyLeadsAtImport: changes.verifyLeadsAtImport },
    });
  }
  return organizationDto(org);
}

/** The audit log, newest first, a page at a time. */
export async function listAuditLog(auth: AuthContext, query: { cursor?: { createdAt: Date; id: string } | undefined; limit: number }) {
  const rows = await auth.db.auditLog.findMany({ where: olderThan(query.cursor), orderBy: newestFirstOrder, take: query.limit + 1 });
  const { page, nextCursor } = newestFirstPage(rows, query.limit);
  const data = page.map(({ organizationId: _org, ...row }) => ({
    ...row,
    data: row.data as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  }));
  return { data, nextCursor };
}

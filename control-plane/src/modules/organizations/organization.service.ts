import { NotFoundError } from '../../lib/errors.js';
import { newestFirstOrder, newestFirstPage, olderThan } from '../../lib/http/cursor.js';
import type { AuthContext } from '../../lib/http/route.js';
import { recordAudit } from './audit.js';

const organizationDto = (org: { id: string; name: string; createdAt: Date }) => ({
  id: org.id,
  name: org.name,
  createdAt: org.createdAt.toISOString(),
});

/** The organization the caller acts in. */
export async function getOrganization(auth: AuthContext) {
  const org = await auth.db.organization.findUnique({ where: { id: auth.organizationId } });
  if (!org) throw new NotFoundError('Organization');
  return organizationDto(org);
}

export async function renameOrganization(auth: AuthContext, name: string) {
  const org = await auth.db.organization.update({ where: { id: auth.organizationId }, data: { name } });
  await recordAudit(auth, { action: 'organization.renamed', targetType: 'organization', targetId: org.id, data: { name } });
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

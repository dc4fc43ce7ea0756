import type { LeadList } from '../../generated/prisma/client.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import { isUniqueViolation } from './uniqueViolation.js';

function toLeadList(row: LeadList & { _count: { members: number } }) {
  return {
    id: row.id,
    name: row.name,
    memberCount: row._count.members,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const withCount = { _count: { select: { members: true } } } as const;

/** Static lists: a named set of leads, filled by hand, by API or by an import. */
export class LeadListsService {
  async list(auth: AuthContext) {
    const rows = await auth.db.leadList.findMany({ orderBy: { name: 'asc' }, include: withCount });
    return rows.map(toLeadList);
  }

  async get(auth: AuthContext, listId: string) {
    const row = await auth.db.leadList.findUnique({ where: { id: listId }, include: withCount });
    if (!row) throw new NotFoundError('List');
    return toLeadList(row);
  }

  async create(auth: AuthContext, name: string) {
    try {
      const row = await auth.db.leadList.create({ data: { organizationId: auth.organizationId, name }, include: withCount });
      return toLeadList(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('A list with this name already exists');
      throw error;
    }
  }

  async rename(auth: AuthContext, listId: string, name: string) {
    try {
      const renamed = await auth.db.leadList.updateMany({ where: { id: listId }, data: { name } });
      if (renamed.count === 0) throw new NotFoundError('List');
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('A list with this name already exists');
      throw error;
    }
    return this.get(auth, listId);
  }

  /** The leads stay; only the list and its memberships go. */
  async remove(auth: AuthContext, listId: string): Promise<void> {
    const removed = await auth.db.leadList.deleteMany({ where: { id: listId } });
    if (removed.count === 0) throw new NotFoundError('List');
  }

  /** Adds the leads of this organization among `leadIds`; others are ignored (and counted as not added). */
  async addMembers(auth: AuthContext, listId: string, leadIds: string[]) {
    await this.get(auth, listId);
    const leads = await auth.db.lead.findMany({ where: { id: { in: leadIds } }, select: { id: true } });
    const created = await auth.db.leadListMember.createMany({
      data: leads.map((lead) => ({ organizationId: auth.organizationId, listId, leadId: lead.id })),
      skipDuplicates: true,
    });
    return { added: created.count };
  }

  async removeMembers(auth: AuthContext, listId: string, leadIds: string[]) {
    await this.get(auth, listId);
    const removed = await auth.db.leadListMember.deleteMany({ where: { listId, leadId: { in: leadIds } } });
    return { removed: removed.count };
  }
}

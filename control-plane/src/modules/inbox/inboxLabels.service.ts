import { Prisma } from '../../generated/prisma/client.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import { recordAudit } from '../organizations/audit.js';
import { builtInLabelNames, type inboxCustomLabelSchema } from './inboxLabels.schemas.js';
import type { z } from 'zod';

type InboxCustomLabelDto = z.infer<typeof inboxCustomLabelSchema>;

const nameTaken = (name: string) =>
  new ConflictError(`There is already a label called “${name}”`, { issues: [{ path: 'name', message: 'This label already exists' }] });

/**
 * The labels an organization adds to the built-in ones (interested, meeting booked…), for the way it
 * sorts its conversations. Deleting one leaves its threads without a label.
 */
export class InboxLabelsService {
  async list(auth: AuthContext): Promise<InboxCustomLabelDto[]> {
    const rows = await auth.db.inboxCustomLabel.findMany({
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      include: { _count: { select: { threads: true } } },
    });
    return rows.map((row) => ({ id: row.id, name: row.name, threads: row._count.threads, createdAt: row.createdAt.toISOString() }));
  }

  async create(auth: AuthContext, name: string): Promise<InboxCustomLabelDto> {
    const folded = name.toLowerCase();
    if (Object.values(builtInLabelNames).some((builtIn) => builtIn.toLowerCase() === folded)) throw nameTaken(name);
    const sameName = await auth.db.inboxCustomLabel.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } });
    if (sameName) throw nameTaken(sameName.name);
    try {
      const created = await auth.db.inboxCustomLabel.create({ data: { organizationId: auth.organizationId, name } });
      await recordAudit(auth, { action: 'inbox_label.created', targetType: 'inbox_label', targetId: created.id, data: { name } });
      return { id: created.id, name: created.name, threads: 0, createdAt: created.createdAt.toISOString() };
    } catch (error) {
      // Two people adding the same name at once.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw nameTaken(name);
      throw error;
    }
  }

  async remove(auth: AuthContext, labelId: string): Promise<void> {
    const label = await auth.db.inboxCustomLabel.findUnique({ where: { id: labelId } });
    if (!label) throw new NotFoundError('Inbox label');
    await auth.db.inboxCustomLabel.delete({ where: { id: labelId } });
    await recordAudit(auth, { action: 'inbox_label.deleted', targetType: 'inbox_label', targetId: labelId, data: { name: label.name } });
  }
}

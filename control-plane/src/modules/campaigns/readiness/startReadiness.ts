import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { AppError } from '../../../lib/errors.js';

export interface MissingForStart {
  code: 'no_steps' | 'step_without_variants' | 'no_active_mailbox';
  message: string;
}

/** What a campaign lacks to send anything: a sequence whose steps all have a message, and a mailbox that can send. */
export async function missingForStart(db: ScopedDb, campaignId: string): Promise<MissingForStart[]> {
  const steps = await db.sequenceStep.findMany({ where: { campaignId }, orderBy: { position: 'asc' }, select: { position: true, _count: { select: { variants: true } } } });
  const activeMailboxes = await db.campaignMailbox.count({ where: { campaignId, mailbox: { status: 'active' } } });
  const missing: MissingForStart[] = [];
  if (steps.length === 0) missing.push({ code: 'no_steps', message: 'Add at least one step to the sequence' });
  for (const step of steps.filter((s) => s._count.variants === 0)) {
    missing.push({ code: 'step_without_variants', message: `Step ${step.position + 1} has no message` });
  }
  if (activeMailboxes === 0) missing.push({ code: 'no_active_mailbox', message: 'Attach at least one active mailbox' });
  return missing;
}

/** Refuses a start (before anything changes) with everything that is missing, so the marketer fixes it in one go. */
export async function assertReadyToStart(db: ScopedDb, campaignId: string): Promise<void> {
  const missing = await missingForStart(db, campaignId);
  if (missing.length > 0) {
    throw new AppError('invalid_state', `The campaign cannot start yet: ${missing.map((m) => m.message.toLowerCase()).join('; ')}`, { missing });
  }
}

import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import { AppError } from '../../../lib/errors.js';
import { counted } from '../../../lib/words.js';

export interface MissingForStart {
  code: 'no_steps' | 'step_without_variants' | 'no_active_mailbox';
  message: string;
}

export interface StartCheck {
  code:
    | 'sequence_has_steps'
    | 'steps_have_messages'
    | 'active_mailbox'
    | 'leads_enrolled'
    | 'sending_window'
    | 'sending_capacity'
    | 'sending_domains'
    | 'warming_mailboxes';
  passed: boolean;
  /** A failed blocking check refuses the start; the others only mean nothing would be sent yet. */
  blocking: boolean;
  /** A failed check a start may override with a reason (the sending domains). */
  overridable?: boolean;
  message: string;
  /** What the start's 409 lists for a failed blocking check. */
  missing: MissingForStart[];
}

/** The start checklist: a sequence whose steps all have a message and a mailbox that can send (both required), and leads to send to. */
export async function startChecklist(db: ScopedDb, campaignId: string): Promise<StartCheck[]> {
  const steps = await db.sequenceStep.findMany({
    where: { campaignId },
    orderBy: { position: 'asc' },
    select: { position: true, _count: { select: { variants: true } } },
  });
  const activeMailboxes = await db.campaignMailbox.count({ where: { campaignId, mailbox: { status: 'active' } } });
  const enrolled = await db.enrollment.count({ where: { campaignId, state: 'active' } });
  const empty = steps
    .filter((step) => step._count.variants === 0)
    .map((step) => ({ code: 'step_without_variants' as const, message: `Step ${step.position + 1} has no message` }));
  return [
    steps.length > 0
      ? {
          code: 'sequence_has_steps',
          passed: true,
          blocking: true,
          message: `The sequence has ${counted(steps.length, 'step')}`,
          missing: [],
        }
      : {
          code: 'sequence_has_steps',
          passed: false,
          blocking: true,
          message: 'Add at least one step to the sequence',
          missing: [{ code: 'no_steps', message: 'Add at least one step to the sequence' }],
        },
    {
      code: 'steps_have_messages',
      passed: steps.length > 0 && empty.length === 0,
      blocking: true,
      message:
        empty.length > 0 ? empty.map((step) => step.message).join('; ') : steps.length > 0 ? 'Every step has a message' : 'No steps yet',
      missing: empty,
    },
    activeMailboxes > 0
      ? {
          code: 'active_mailbox',
          passed: true,
          blocking: true,
          message: `${counted(activeMailboxes, 'active mailbox', 'active mailboxes')} attached`,
          missing: [],
        }
      : {
          code: 'active_mailbox',
          passed: false,
          blocking: true,
          message: 'Attach at least one active mailbox',
          missing: [{ code: 'no_active_mailbox', message: 'Attach at least one active mailbox' }],
        },
    enrolled > 0
      ? { code: 'leads_enrolled', passed: true, blocking: false, message: `${counted(enrolled, 'lead')} enrolled`, missing: [] }
      : {
          code: 'leads_enrolled',
          passed: false,
          blocking: false,
          message: 'Enrol leads: the campaign can start, but has no one to send to',
          missing: [],
        },
  ];
}

/** What a campaign lacks to send anything: the failed blocking checks of its start checklist. */
export async function missingForStart(db: ScopedDb, campaignId: string): Promise<MissingForStart[]> {
  return (await startChecklist(db, campaignId)).flatMap((check) => (check.passed ? [] : check.missing));
}

/** Refuses a start (before anything changes) with everything that is missing, so the marketer fixes it in one go. */
export async function assertReadyToStart(db: ScopedDb, campaignId: string): Promise<void> {
  const missing = await missingForStart(db, campaignId);
  if (missing.length > 0) {
    throw new AppError('invalid_state', `The campaign cannot start yet: ${missing.map((m) => m.message.toLowerCase()).join('; ')}`, {
      missing,
    });
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { zonedParts } from '../../../../../custom-nodes/nodes/shared/zonedTime.js';
import type { DelayUnit } from '../../../generated/prisma/enums.js';

export interface VariantChoice {
  id: string;
  weight: number;
}

/**
 * Weighted, but fixed per enrolment and step: a re-claim or a preview never switches variants. The
 * variants are taken in id order, so every caller (enrolment, the next step, preview, re-pointing)
 * picks the same one whatever order its query returned them in.
 */
export function chooseVariant<T extends VariantChoice>(variants: T[], seed: string): T | undefined {
  const ordered = [...variants].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const total = ordered.reduce((sum, variant) => sum + Math.max(0, variant.weight), 0);
  if (total <= 0) return ordered[0];
  let ticket = createHash('sha256').update(seed).digest().readUInt32BE(0) % total;
  for (const variant of ordered) {
    ticket -= Math.max(0, variant.weight);
    if (ticket < 0) return variant;
  }
  return ordered.at(-1);
}

/** Saturday or Sunday on the wall clock of the zone (the shared zoned-time helpers, custom-nodes/nodes/shared/zonedTime.ts). */
function isWeekend(instant: Date, timeZone: string): boolean {
  return zonedParts(instant.getTime(), timeZone).isoWeekday >= 6;
}

/** When the next step is due after the previous one went out. Business days skip Saturday and Sunday in the campaign's zone. */
export function dueAfter(previous: Date, amount: number, unit: DelayUnit, timeZone: string): Date {
  const minute = 60_000;
  if (unit === 'minutes') return new Date(previous.getTime() + amount * minute);
  if (unit === 'hours') return new Date(previous.getTime() + amount * 60 * minute);
  if (unit === 'days') return new Date(previous.getTime() + amount * 1440 * minute);
  let due = new Date(previous);
  for (let added = 0; added < amount;) {
    due = new Date(due.getTime() + 1440 * minute);
    if (!isWeekend(due, timeZone)) added += 1;
  }
  return due;
}

/** The local part of our Message-ID; the Send node completes it with the sender's domain. */
export function newMessageKey(): { id: string; messageIdHeader: string } {
  const id = randomUUID();
  return { id, messageIdHeader: `ophir.${id}` };
}

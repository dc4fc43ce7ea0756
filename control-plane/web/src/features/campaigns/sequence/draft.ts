import type { Sequence, SequenceInput } from './queries';
import type { DelayUnit } from './timeline';

/** The sequence as the editor holds it: the PUT body's shape, each step and variant with a key for React. */
export interface DraftVariant {
  key: string;
  label: string;
  weight: number;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
}

export interface DraftStep {
  key: string;
  delayAmount: number;
  delayUnit: DelayUnit;
  threadWithFirst: boolean;
  variants: DraftVariant[];
}

export interface Draft {
  requireUnsubscribeLink: boolean;
  steps: DraftStep[];
}

/** The API's limit per step (sequence.schemas.ts). */
export const maxVariantsPerStep = 5;

let nextKey = 0;
const newKey = () => `draft-${(nextKey += 1)}`;

export function draftOf(sequence: Sequence): Draft {
  return {
    requireUnsubscribeLink: sequence.requireUnsubscribeLink,
    steps: sequence.steps.map((step) => ({
      key: step.id,
      delayAmount: step.delayAmount,
      delayUnit: step.delayUnit,
      threadWithFirst: step.threadWithFirst,
      variants: step.variants.map((variant) => ({ ...variant, key: variant.id })),
    })),
  };
}

export function bodyOf(draft: Draft): SequenceInput {
  return {
    requireUnsubscribeLink: draft.requireUnsubscribeLink,
    steps: draft.steps.map((step) => ({
      delayAmount: step.delayAmount,
      delayUnit: step.delayUnit,
      threadWithFirst: step.threadWithFirst,
      variants: step.variants.map(({ label, weight, subject, bodyText, bodyHtml }) => ({ label, weight, subject, bodyText, bodyHtml })),
    })),
  };
}

const starterBody = 'Hi {{default lead.firstName "there"}},\n\n\n\nUnsubscribe: {{unsubscribeUrl}}';

export function newVariant(taken: readonly string[]): DraftVariant {
  const label = ['A', 'B', 'C', 'D', 'E', 'F'].find((letter) => !taken.includes(letter)) ?? `V${taken.length + 1}`;
  return { key: newKey(), label, weight: 1, subject: '', bodyText: starterBody, bodyHtml: null };
}

/** Step 1 goes out at enrolment; a follow-up waits three business days, a common cadence for cold email. */
export function newStep(position: number): DraftStep {
  return {
    key: newKey(),
    delayAmount: position === 0 ? 0 : 3,
    delayUnit: position === 0 ? 'days' : 'business_days',
    threadWithFirst: true,
    variants: [newVariant([])],
  };
}

/** Each variant's share of the step's new leads, in whole percent (weights are relative). */
export function weightShares(variants: readonly { weight: number }[]): number[] {
  const valid = variants.map((variant) => (Number.isFinite(variant.weight) && variant.weight > 0 ? variant.weight : 0));
  const total = valid.reduce((sum, weight) => sum + weight, 0);
  return valid.map((weight) => (total === 0 ? 0 : Math.round((weight / total) * 100)));
}

/** The body paths an editor field shows its issues at (`steps.1.variants.0.subject`); the rest is said above the steps. */
export const isEditorField = (path: string) =>
  /^steps\.\d+\.(delayAmount|delayUnit|variants|variants\.\d+\.(label|weight|subject|bodyText|bodyHtml))$/.test(path);

import type { FieldIssue } from '../../../lib/errors.js';
import { templateProblems } from '../messages/templateProblems.js';
import type { StepInput } from './sequence.schemas.js';

const templateFields = ['subject', 'bodyText', 'bodyHtml'] as const;

/**
 * Every problem of a sequence at once, each at its field (`body.steps.1.variants.0.subject`), so the
 * editor can mark them all: templates (see templateProblems), duplicate labels, missing subjects
 * where no "Re: <first subject>" can stand in, and steps where no variant gets any lead.
 */
export function sequenceProblems(steps: StepInput[], options: { requireUnsubscribeLink: boolean }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  steps.forEach((step, s) => {
    const labels = new Set<string>();
    if (step.variants.every((variant) => variant.weight === 0)) {
      issues.push({ field: `body.steps.${s}.variants`, message: 'At least one variant needs a weight above 0' });
    }
    step.variants.forEach((variant, v) => {
      const at = `body.steps.${s}.variants.${v}`;
      if (labels.has(variant.label)) issues.push({ field: `${at}.label`, message: `The label "${variant.label}" is already used in this step` });
      labels.add(variant.label);
      if (!variant.subject.trim()) {
        if (s === 0) issues.push({ field: `${at}.subject`, message: 'The first step needs a subject' });
        else if (!step.threadWithFirst) issues.push({ field: `${at}.subject`, message: 'A follow-up that starts its own thread needs a subject' });
      }
      for (const name of templateFields) {
        const source = variant[name];
        if (!source) continue;
        const requireUnsubscribeLink = name !== 'subject' && options.requireUnsubscribeLink;
        for (const problem of templateProblems(source, { requireUnsubscribeLink })) issues.push({ field: `${at}.${name}`, ...problem });
      }
    });
  });
  return issues;
}

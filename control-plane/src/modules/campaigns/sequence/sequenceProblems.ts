import type { FieldIssue } from '../../../lib/errors.js';
import { templateProblems } from '../messages/templateProblems.js';

const templateFields = ['subject', 'bodyText', 'bodyHtml'] as const;

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The objects of a list with their positions; anything else is the schema's to report. */
const entries = (value: unknown): Array<[number, Fields]> =>
  Array.isArray(value) ? value.flatMap((item, index): Array<[number, Fields]> => (isFields(item) ? [[index, item]] : [])) : [];

/**
 * Every problem of a sequence at once, each at its path in the body (`steps.1.variants.0.subject`), so
 * the editor can mark them all: templates (see templateProblems), duplicate labels, missing subjects where
 * no "Re: <first subject>" can stand in, and steps where no variant gets any lead.
 *
 * It reads the body as sent when the schema refused part of it, checking what it can (a template that is a
 * string) and leaving the rest to the schema's issues, so one answer lists the problems of both.
 */
export function sequenceProblems(body: unknown, stored: { requireUnsubscribeLink: boolean }): FieldIssue[] {
  if (!isFields(body)) return [];
  const requireUnsubscribeLink =
    typeof body.requireUnsubscribeLink === 'boolean' ? body.requireUnsubscribeLink : stored.requireUnsubscribeLink;
  const issues: FieldIssue[] = [];
  for (const [s, step] of entries(body.steps)) {
    const variants = entries(step.variants);
    if (variants.length > 0 && variants.every(([, variant]) => variant.weight === 0)) {
      issues.push({ path: `steps.${s}.variants`, message: 'At least one variant needs a weight above 0' });
    }
    const labels = new Set<string>();
    for (const [v, variant] of variants) {
      const at = `steps.${s}.variants.${v}`;
      if (typeof variant.label === 'string') {
        const label = variant.label.trim();
        if (labels.has(label)) issues.push({ path: `${at}.label`, message: `The label "${label}" is already used in this step` });
        labels.add(label);
      }
      const subject = variant.subject ?? '';
      if (typeof subject === 'string' && !subject.trim()) {
        if (s === 0) issues.push({ path: `${at}.subject`, message: 'The first step needs a subject' });
        else if (step.threadWithFirst === false)
          issues.push({ path: `${at}.subject`, message: 'A follow-up that starts its own thread needs a subject' });
      }
      for (const name of templateFields) {
        const source = variant[name];
        if (typeof source !== 'string' || !source) continue;
        const required = name !== 'subject' && requireUnsubscribeLink;
        for (const problem of templateProblems(source, { requireUnsubscribeLink: required }))
          issues.push({ path: `${at}.${name}`, ...problem });
      }
    }
  }
  return issues;
}

import { CheckCircle2, CircleAlert, XCircle } from 'lucide-react';
import type { CampaignReadiness } from '../queries';

type CheckCode = CampaignReadiness['checks'][number]['code'];

/**
 * The builder section where a failing check is fixed (a code this app does not know yet gets no link);
 * a sending domain is fixed on its mailbox's page instead, when the check names the mailbox.
 */
const fixedIn: Record<CheckCode | 'warming_mailboxes', { id: string; label: string }> = {
  sequence_has_steps: { id: 'sequence', label: 'Sequence' },
  steps_have_messages: { id: 'sequence', label: 'Sequence' },
  active_mailbox: { id: 'sending', label: 'Sending' },
  leads_enrolled: { id: 'audience', label: 'Audience' },
  sending_window: { id: 'sending', label: 'Sending' },
  sending_capacity: { id: 'sending', label: 'Sending' },
  sending_domains: { id: 'sending', label: 'Sending' },
  warming_mailboxes: { id: 'sending', label: 'Sending' },
};

/**
 * A check that cannot pass until another does, and is left out while that one fails: with no steps at all,
 * 'Add at least one step' is the one thing to do, and every step having a message fails for the same reason.
 */
const follows: Partial<Record<CheckCode, CheckCode>> = { steps_have_messages: 'sequence_has_steps' };

/**
 * The start checklist as the API answers it, one finding per problem: each check passed or not, with its reason. A failed required
 * check is what a start would be refused for; the others mean nothing would be sent yet.
 */
export function ReadinessChecklist({ readiness }: { readiness: CampaignReadiness }) {
  const failing = new Set(readiness.checks.filter((check) => !check.passed).map((check) => check.code));
  const findings = readiness.checks.filter((check) => {
    const prerequisite = follows[check.code];
    return !(prerequisite && failing.has(prerequisite));
  });
  return (
    <section aria-labelledby="readiness-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <h3 id="readiness-heading" className="text-sm font-semibold text-slate-900">
          Readiness
        </h3>
        <p className={`text-sm font-medium ${readiness.ready ? 'text-emerald-700' : 'text-red-700'}`}>
          {readiness.ready ? 'Ready to start' : 'Not ready: fix the required items'}
        </p>
      </div>
      <ul className="space-y-2">
        {findings.map((check) => {
          const state = check.passed ? 'passed' : check.blocking ? 'required' : 'warning';
          return (
            <li
              key={check.code}
              className="flex items-start gap-2 text-sm"
              aria-label={`${state === 'passed' ? 'Passed' : state === 'required' ? 'Required' : 'Warning'}: ${check.message}`}
            >
              {state === 'passed' ? (
                <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden="true" />
              ) : state === 'required' ? (
                <XCircle className="mt-0.5 size-4 shrink-0 text-red-600" aria-hidden="true" />
              ) : (
                <CircleAlert className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden="true" />
              )}
              <span className={state === 'passed' ? 'text-slate-700' : state === 'required' ? 'text-red-800' : 'text-amber-900'}>
                {check.message}
                {state === 'required' && !check.overridable ? <span className="ml-1 text-xs font-medium">(required to start)</span> : null}
                {check.code === 'sending_domains' && check.mailboxes?.length ? (
                  // A domain's records are fixed, and checked again, on the page of the mailbox that sends from it.
                  check.mailboxes.map((mailbox) => (
                    <a key={mailbox.id} href={`/mailboxes/${mailbox.id}`} className="ml-2 text-xs text-indigo-700 underline">
                      Open {mailbox.email}
                    </a>
                  ))
                ) : state !== 'passed' && check.code in fixedIn ? (
                  <a href={`#${fixedIn[check.code].id}`} className="ml-2 text-xs text-indigo-700 underline">
                    Go to {fixedIn[check.code].label}
                  </a>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="text-sm text-slate-600">{readiness.forecast.summary}</p>
    </section>
  );
}

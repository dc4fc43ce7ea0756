import type { EnrollmentPreview } from '../queries';

/**
 * The dry run's answer, in the marketer's words: who would be enrolled and who would be left out, and why;
 * first, what stops the enrolment now (a campaign without emails yet), since enrolling would be refused.
 */
export function EnrollmentCounts({ outcome }: { outcome: EnrollmentPreview }) {
  const { skipped } = outcome;
  const rows = [
    { label: outcome.blocker ? 'Could be enrolled once that is done' : 'Will be enrolled', value: outcome.enrolled, strong: true },
    { label: 'Suppressed (left out)', value: skipped.suppressed },
    { label: 'Already in this campaign (left out)', value: skipped.alreadyEnrolled },
    { label: 'Bounced, unsubscribed or otherwise not active (left out)', value: skipped.inactive },
    { label: 'Invalid address: a dead or throwaway domain (left out)', value: skipped.invalidAddress },
    { label: 'No longer exist (left out)', value: skipped.notFound },
  ].filter((row) => row.strong || row.value > 0);
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50 p-4" aria-label="Audience counts" role="group">
      {outcome.blocker ? (
        <p role="alert" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {outcome.blocker}.
        </p>
      ) : null}
      <dl className="grid max-w-xl grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
        {rows.map((row) => (
          <div key={row.label} className="contents">
            <dt className={row.strong ? 'font-medium text-slate-900' : 'text-slate-700'}>{row.label}</dt>
            <dd className={`text-right tabular-nums ${row.strong ? 'font-semibold text-slate-900' : 'text-slate-700'}`}>{row.value}</dd>
          </div>
        ))}
      </dl>
      {outcome.activeElsewhere > 0 ? (
        <p className="mt-2 text-sm text-amber-800">
          {outcome.activeElsewhere} of them {outcome.activeElsewhere === 1 ? 'is' : 'are'} also active in another campaign: they would get
          both sequences.
        </p>
      ) : null}
    </div>
  );
}

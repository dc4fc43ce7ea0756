import { formatNumber } from '@/lib/dates';
import type { LeadVerificationRun } from './queries';

const counted = (count: number, one: string, many = `${one}s`) => `${formatNumber(count)} ${count === 1 ? one : many}`;

/** A run's progress, then how many addresses came out each way, with what it means for sending. */
export function VerificationSummary({ run }: { run: LeadVerificationRun }) {
  const { progress, counts } = run;
  if (run.status === 'failed') return <p className="text-sm text-red-700">Checking the addresses failed: {run.error}</p>;
  if (run.status !== 'completed')
    return (
      <p className="text-sm text-slate-700" role="status">
        Checking addresses… {formatNumber(progress.checked)} of {counted(progress.total, 'lead')}
      </p>
    );
  const rows = [
    { label: 'Valid', value: counts.valid, hint: 'the domain receives email' },
    { label: 'Risky', value: counts.risky, hint: 'shared inboxes (info@, sales@…) or your own domain; campaigns still include them' },
    { label: 'Invalid', value: counts.invalid, hint: 'dead or throwaway domains; campaigns leave them out' },
    { label: 'Unknown', value: counts.unknown, hint: 'the domain did not answer in time; campaigns still include them, check again later' },
  ];
  return (
    <div className="space-y-2" role="group" aria-label="Address check">
      <p className="text-sm font-medium text-slate-900">
        Addresses checked: {counted(progress.checked, 'lead')} on {counted(progress.domains, 'domain')}
      </p>
      <dl className="grid max-w-xl grid-cols-[auto_auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map((row) => (
          <div key={row.label} className="contents">
            <dt className="text-slate-800">{row.label}</dt>
            <dd className="text-right font-semibold tabular-nums text-slate-900">{formatNumber(row.value)}</dd>
            <dd className="text-slate-600">{row.hint}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '@/components/ui/error-state';
import { timeSpanIn } from '@/lib/dates';
import { campaignReadinessQuery } from '../queries';

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const span = (opensAt: string, closesAt: string, timeZone: string) => timeSpanIn(timeZone, new Date(opensAt), new Date(closesAt));

/**
 * The campaign's next sending windows as the API computes them with the workflow's own rules, shown in the
 * campaign's zone and in the viewer's.
 */
export function SendingWindows({ campaignId, timezone }: { campaignId: string; timezone: string }) {
  const readiness = useQuery(campaignReadinessQuery(campaignId));
  const windows = readiness.data?.windows;
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50 p-4" role="group" aria-label="Next sending windows">
      <h3 className="text-sm font-semibold text-slate-900">Next sending windows</h3>
      {readiness.isPending ? (
        <p className="mt-1 text-sm text-slate-600">Working them out…</p>
      ) : readiness.isError ? (
        <ErrorState
          className="mt-2"
          title="The next sending windows could not be worked out"
          error={readiness.error}
          onRetry={() => void readiness.refetch()}
        />
      ) : !windows || windows.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">No sending window within a year: check the days, hours and holidays.</p>
      ) : (
        <table className="mt-2 text-sm">
          <thead>
            <tr className="text-left text-slate-600">
              <th scope="col" className="pr-6 font-medium">
                Campaign time ({timezone})
              </th>
              {viewerZone !== timezone ? (
                <th scope="col" className="font-medium">
                  Your time ({viewerZone})
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {windows.map((window) => (
              <tr key={window.opensAt} className="text-slate-800">
                <td className="pr-6 tabular-nums">{span(window.opensAt, window.closesAt, timezone)}</td>
                {viewerZone !== timezone ? <td className="tabular-nums">{span(window.opensAt, window.closesAt, viewerZone)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

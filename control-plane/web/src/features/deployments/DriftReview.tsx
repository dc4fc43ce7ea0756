import { useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { DriftActions } from './DriftActions';
import { describeChange } from './driftChanges';
import { driftQuery, type Deployment } from './queries';

const WorkflowDiff = lazy(() => import('./WorkflowDiff').then((module) => ({ default: module.WorkflowDiff })));

/** What was edited in the n8n editor, both versions side by side, and the choice of which one to keep. */
export function DriftReview({ deployment }: { deployment: Deployment }) {
  const drift = useQuery(driftQuery(deployment.id));
  return (
    <section aria-labelledby={`drift-${deployment.id}`} className="mt-5 space-y-4 border-t border-slate-200 pt-5">
      <div className="flex gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
        <AlertTriangle className="mt-0.5 size-5 shrink-0 text-amber-700" aria-hidden="true" />
        <div>
          <h2 id={`drift-${deployment.id}`} className="font-semibold text-amber-900">
            Someone edited this automation in n8n
          </h2>
          <p className="mt-1 text-sm text-amber-900">
            Its workflow no longer matches what Ophir set up. It keeps running as edited, but Ophir will not update it until an admin keeps
            the n8n version or resets it to Ophir's template.
          </p>
        </div>
      </div>
      {drift.isPending ? <LoadingRows label="Loading what changed" /> : null}
      {drift.isError ? (
        <ErrorState error={drift.error} title="What changed could not be loaded" onRetry={() => void drift.refetch()} />
      ) : null}
      {drift.data?.drifted ? (
        <>
          <div>
            <h3 className="text-sm font-semibold text-slate-900">What changed in n8n</h3>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
              {drift.data.changes.map((change) => (
                <li key={`${change.kind}:${change.node ?? ''}:${change.path ?? ''}`}>{describeChange(change)}</li>
              ))}
            </ul>
          </div>
          {drift.data.workflows ? (
            <Suspense fallback={<LoadingRows label="Loading the side-by-side diff" />}>
              <WorkflowDiff deployed={drift.data.workflows.deployed} n8n={drift.data.workflows.n8n} />
            </Suspense>
          ) : null}
        </>
      ) : null}
      <DriftActions deployment={deployment} />
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { ExternalLink } from 'lucide-react';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { ErrorState, LoadingRows } from '@/components/ui/page';
import { formatDateTime } from '@/features/mailboxes/mailboxFormat';
import { DeploymentStatus, DriftState } from './deploymentFormat';
import { deploymentQuery } from './queries';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** One workflow in n8n: its status, template version, last reconcile and drift. */
export function DeploymentPanel({ deploymentId }: { deploymentId: string }) {
  const deployment = useQuery(deploymentQuery(deploymentId));
  if (deployment.isPending) return <LoadingRows label="Loading the deployment" />;
  if (deployment.isError) return <ErrorState error={deployment.error} />;
  const row = deployment.data;
  return (
    <Card className="p-5">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Fact label="Status">
          <DeploymentStatus status={row.status} />
        </Fact>
        <Fact label="Template version">
          {row.templateName} v{row.templateVersion}
        </Fact>
        <Fact label="Last reconciled">{row.lastSyncedAt ? formatDateTime(row.lastSyncedAt) : 'Not yet'}</Fact>
        <Fact label="Drift">
          <DriftState deployment={row} />
        </Fact>
      </dl>
      {row.lastError ? <p className="mt-4 text-sm text-red-800">{row.lastError}</p> : null}
      {row.editorUrl ? (
        <a
          href={row.editorUrl}
          target="_blank"
          rel="noreferrer"
          className="mt-4 inline-flex items-center gap-1 rounded text-sm font-medium text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          Open in n8n
          <ExternalLink className="size-4" aria-hidden="true" />
        </a>
      ) : null}
    </Card>
  );
}

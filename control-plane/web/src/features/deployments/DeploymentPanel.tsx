import { useQuery } from '@tanstack/react-query';
import { ExternalLink } from 'lucide-react';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { formatDateTime } from '@/lib/dates';
import { DeploymentStatus, DriftState } from './deploymentFormat';
import { DriftReview } from './DriftReview';
import { deploymentsQuery } from './queries';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/**
 * One workflow in n8n: its status, template version, last reconcile and drift, and when drifted what
 * changed and the choice of which version to keep. Read from the list, which works while n8n is down.
 */
export function DeploymentPanel({ deploymentId }: { deploymentId: string }) {
  const deployments = useQuery(deploymentsQuery);
  if (deployments.isPending) return <LoadingRows label="Loading the automation" />;
  if (deployments.isError)
    return <ErrorState error={deployments.error} title="The automation could not be loaded" onRetry={() => void deployments.refetch()} />;
  const deployment = deployments.data.find((row) => row.id === deploymentId);
  if (!deployment) return <Alert>This automation no longer exists.</Alert>;
  return (
    <Card className="p-5">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Fact label="Status">
          <DeploymentStatus status={deployment.status} />
        </Fact>
        <Fact label="Ophir template">
          {deployment.templateName} v{deployment.templateVersion}
        </Fact>
        <Fact label="Last checked">{deployment.lastSyncedAt ? formatDateTime(deployment.lastSyncedAt) : 'Not yet'}</Fact>
        <Fact label="Changes in n8n">
          <DriftState deployment={deployment} />
        </Fact>
      </dl>
      {deployment.lastError ? <Alert className="mt-4">{deployment.lastError}</Alert> : null}
      {deployment.editorUrl ? (
        <a
          href={deployment.editorUrl}
          target="_blank"
          rel="noreferrer"
          className="mt-4 inline-flex items-center gap-1 rounded text-sm font-medium text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          Open in n8n
          <ExternalLink className="size-4" aria-hidden="true" />
          <span className="sr-only">(opens in a new tab)</span>
        </a>
      ) : null}
      {deployment.status === 'drifted' ? <DriftReview deployment={deployment} /> : null}
    </Card>
  );
}

import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows, PageHeader } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatDateTime } from '@/lib/dates';
import { DeploymentPanel } from './DeploymentPanel';
import { deploymentTitle, executionResult, executionStart } from './deploymentFormat';
import { deploymentQuery, deploymentsQuery } from './queries';

const route = getRouteApi('/app/automations/$deploymentId');

/** The last runs n8n reports for the workflow (asks n8n: says so when it cannot be reached). */
function RecentExecutions({ deploymentId }: { deploymentId: string }) {
  const detail = useQuery(deploymentQuery(deploymentId));
  return (
    <section aria-labelledby="recent-executions" className="mt-6">
      <h2 id="recent-executions" className="mb-3 text-base font-semibold text-slate-900">
        Recent runs in n8n
      </h2>
      {detail.isPending ? <LoadingRows label="Loading recent runs" /> : null}
      {detail.isError ? (
        <ErrorState title="The recent runs could not be loaded" error={detail.error} onRetry={() => void detail.refetch()} />
      ) : null}
      {detail.data?.recentExecutions.length === 0 ? (
        <Card className="p-5 text-sm text-slate-600">n8n has not run this workflow yet.</Card>
      ) : null}
      {detail.data && detail.data.recentExecutions.length > 0 ? (
        <Table>
          <caption className="sr-only">Recent runs in n8n</caption>
          <TableHead>
            <tr>
              <TableHeader className="px-3">Started</TableHeader>
              <TableHeader className="px-3">Result</TableHeader>
              <TableHeader className="px-3">Started by</TableHeader>
            </tr>
          </TableHead>
          <tbody>
            {detail.data.recentExecutions.map((execution) => (
              <TableRow key={execution.id}>
                <TableCell className="px-3">{formatDateTime(execution.startedAt)}</TableCell>
                <TableCell className="px-3">{executionResult(execution.status)}</TableCell>
                <TableCell className="px-3">{executionStart(execution.mode)}</TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

export function DeploymentDetailPage() {
  const { deploymentId } = route.useParams();
  const deployment = useQuery({ ...deploymentsQuery, select: (rows) => rows.find((row) => row.id === deploymentId) });
  return (
    <>
      <Link
        to="/automations"
        className="mb-3 inline-flex items-center gap-1 rounded text-sm text-slate-600 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        All automations
      </Link>
      <PageHeader
        title={deployment.data ? deploymentTitle(deployment.data) : 'Automation'}
        description="The workflow Ophir keeps in n8n for this automation, and whether it still matches Ophir's template."
      />
      {deployment.isError ? (
        <ErrorState title="This automation could not be loaded" error={deployment.error} onRetry={() => void deployment.refetch()} />
      ) : (
        <DeploymentPanel deploymentId={deploymentId} />
      )}
      {deployment.data?.n8nWorkflowId ? <RecentExecutions deploymentId={deploymentId} /> : null}
    </>
  );
}

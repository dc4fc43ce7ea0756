import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Workflow } from 'lucide-react';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows, PageHeader } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatDateTime } from '@/lib/dates';
import { DeploymentStatus, deploymentTitle, DriftState } from './deploymentFormat';
import { deploymentsQuery } from './queries';

export function DeploymentsPage() {
  const deployments = useQuery(deploymentsQuery);
  return (
    <>
      <PageHeader
        title="Automations"
        description="Each campaign sends through an automation: a workflow Ophir sets up in n8n, the tool that does the sending. Check here that each one runs, and whether someone changed it by hand in n8n."
      />
      {deployments.isPending ? <LoadingRows label="Loading automations" /> : null}
      {deployments.isError ? (
        <ErrorState title="Automations could not be loaded" error={deployments.error} onRetry={() => void deployments.refetch()} />
      ) : null}
      {deployments.data?.length === 0 ? (
        <EmptyState
          icon={<Workflow className="size-5" aria-hidden="true" />}
          title="No automations yet"
          nextAction="Starting a campaign sets up its automation, and connecting a mailbox sets up the inbox watcher. They appear here."
        />
      ) : null}
      {deployments.data && deployments.data.length > 0 ? (
        <Table>
          <caption className="sr-only">Automations</caption>
          <TableHead>
            <tr>
              <TableHeader className="px-3">Automation</TableHeader>
              <TableHeader className="px-3">Status</TableHeader>
              <TableHeader className="px-3">Ophir template</TableHeader>
              <TableHeader className="px-3">Last checked</TableHeader>
              <TableHeader className="px-3">Changes in n8n</TableHeader>
            </tr>
          </TableHead>
          <tbody>
            {deployments.data.map((deployment) => (
              <TableRow key={deployment.id}>
                <TableCell className="px-3">
                  <Link
                    to="/automations/$deploymentId"
                    params={{ deploymentId: deployment.id }}
                    className="rounded font-medium text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
                  >
                    {deploymentTitle(deployment)}
                  </Link>
                  {deployment.lastError ? <p className="max-w-80 text-xs text-red-800">{deployment.lastError}</p> : null}
                </TableCell>
                <TableCell className="px-3">
                  <DeploymentStatus status={deployment.status} />
                </TableCell>
                <TableCell className="px-3 whitespace-nowrap">
                  {deployment.templateName} v{deployment.templateVersion}
                </TableCell>
                <TableCell className="px-3 whitespace-nowrap text-slate-600">
                  {deployment.lastSyncedAt ? formatDateTime(deployment.lastSyncedAt) : 'Not yet'}
                </TableCell>
                <TableCell className="px-3">
                  <DriftState deployment={deployment} />
                </TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}

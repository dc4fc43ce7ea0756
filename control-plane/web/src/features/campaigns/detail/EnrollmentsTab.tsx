import { useInfiniteQuery } from '@tanstack/react-query';
import { Users } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan } from '@/features/auth/permissions';
import { ShowMore } from '@/features/leads/ShowMore';
import { formatDateTime } from '@/lib/dates';
import { ApiError } from '@/lib/api/problem';
import { cn } from '@/lib/cn';
import { enrollmentsQuery, useStopEnrollment, type Enrollment, type EnrollmentState } from './queries';

const stateLabels: Record<EnrollmentState, string> = { active: 'Active', paused: 'Paused', completed: 'Completed', stopped: 'Stopped' };
const stateTone = { active: 'good', paused: 'warn', completed: 'info', stopped: 'neutral' } as const;
const filters: Array<EnrollmentState | undefined> = [undefined, 'active', 'paused', 'completed', 'stopped'];

function StopEnrollment({ campaignId, enrollment }: { campaignId: string; enrollment: Enrollment }) {
  const stop = useStopEnrollment(campaignId);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" size="sm" aria-label={`Stop ${enrollment.leadEmail}`}>
          Stop
        </Button>
      }
      title={`Stop the sequence for ${enrollment.leadEmail}?`}
      description="Its waiting emails are cancelled and nothing more is sent to this lead from this campaign. An email already on its way still goes out."
      confirmLabel="Stop sequence"
      onConfirm={async () => {
        try {
          await stop.mutateAsync(enrollment.id);
          toast.success(`${enrollment.leadEmail} will get nothing more from this campaign`);
        } catch (error) {
          toast.error(error instanceof ApiError ? error.problem.detail : 'The sequence could not be stopped. Try again in a moment.');
        }
      }}
    />
  );
}

function nextStep(enrollment: Enrollment): string {
  if (enrollment.state !== 'active' && enrollment.state !== 'paused') return '—';
  if (enrollment.currentStep === null) return '—';
  return enrollment.nextDueAt
    ? `Step ${enrollment.currentStep}, ${formatDateTime(enrollment.nextDueAt)}`
    : `Step ${enrollment.currentStep}`;
}

/** Who is in the campaign, where each lead is in its sequence, and a Stop for each running one. */
export function EnrollmentsTab({ campaignId }: { campaignId: string }) {
  const [state, setState] = useState<EnrollmentState | undefined>(undefined);
  const enrollments = useInfiniteQuery(enrollmentsQuery(campaignId, state));
  const canStop = useCan('campaigns:write');
  const rows = enrollments.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <div className="space-y-4">
      <div role="group" aria-label="Show enrolments" className="flex flex-wrap gap-2">
        {filters.map((filter) => (
          <button
            key={filter ?? 'all'}
            type="button"
            aria-pressed={state === filter}
            onClick={() => setState(filter)}
            className={cn(
              'rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500',
              state === filter ? 'bg-indigo-600 text-white ring-indigo-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
            )}
          >
            {filter ? stateLabels[filter] : 'All'}
          </button>
        ))}
      </div>
      {enrollments.isPending ? <LoadingRows label="Loading the enrolments" /> : null}
      {enrollments.isError ? (
        <ErrorState title="Enrollments could not be loaded" error={enrollments.error} onRetry={() => void enrollments.refetch()} />
      ) : null}
      {enrollments.isSuccess && rows.length === 0 ? (
        <EmptyState
          icon={<Users className="size-5" aria-hidden="true" />}
          title={state ? `No ${stateLabels[state].toLowerCase()} enrolments` : 'No leads enrolled yet'}
          nextAction={state ? 'Choose another state above.' : 'Add leads to this campaign from its builder (Edit) to start sending.'}
        />
      ) : null}
      {rows.length > 0 ? (
        <>
          <Table>
            <caption className="sr-only">Enrolments</caption>
            <TableHead>
              <tr>
                <TableHeader>Lead</TableHeader>
                <TableHeader>State</TableHeader>
                <TableHeader>Next email</TableHeader>
                <TableHeader>Enrolled</TableHeader>
                <TableHeader>
                  <span className="sr-only">Actions</span>
                </TableHeader>
              </tr>
            </TableHead>
            <tbody>
              {rows.map((enrollment) => (
                <TableRow key={enrollment.id}>
                  <TableCell className="font-medium">{enrollment.leadEmail}</TableCell>
                  <TableCell>
                    <Badge tone={stateTone[enrollment.state]}>{stateLabels[enrollment.state]}</Badge>
                    {enrollment.stopReason ? <span className="ml-2 text-xs text-slate-600">{enrollment.stopReason}</span> : null}
                  </TableCell>
                  <TableCell className="tabular-nums">{nextStep(enrollment)}</TableCell>
                  <TableCell className="tabular-nums text-slate-600">{formatDateTime(enrollment.createdAt)}</TableCell>
                  <TableCell className="text-right">
                    {canStop && (enrollment.state === 'active' || enrollment.state === 'paused') ? (
                      <StopEnrollment campaignId={campaignId} enrollment={enrollment} />
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </tbody>
          </Table>
          <ShowMore query={enrollments} />
        </>
      ) : null}
    </div>
  );
}

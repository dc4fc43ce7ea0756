import { useId, type ReactNode } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useCan } from '@/features/auth/permissions';
import { ApiError } from '@/lib/api/problem';
import { useResolveDrift, type Deployment, type DriftResolution } from './queries';

const problemText = (error: unknown) => (error instanceof ApiError ? error.problem.detail : 'Something went wrong. Try again in a moment.');

const resolved: Record<DriftResolution, string> = {
  keep_n8n: 'The n8n version is kept: Ophir runs the workflow as it was edited',
  reset_to_template: 'The workflow is back to the template: the n8n edits were discarded',
};

function Choice({ action, effect }: { action: ReactNode; effect: string }) {
  return (
    <div className="rounded-lg border border-slate-200 p-4">
      {action}
      <p className="mt-2 text-sm text-slate-600">{effect}</p>
    </div>
  );
}

/** Keep the n8n edit or reset to the template: admins choose, after a confirmation that says what happens. */
export function DriftActions({ deployment }: { deployment: Deployment }) {
  const canManage = useCan('deployments:manage');
  const resolve = useResolveDrift(deployment.id);
  const confirm = async (action: DriftResolution) => {
    try {
      await resolve.mutateAsync(action);
      toast.success(resolved[action]);
    } catch (error) {
      toast.error(problemText(error));
    }
  };
  const notApplied = deployment.campaignId
    ? "changes to the campaign's settings and new template versions are"
    : 'new template versions are';
  const adminOnly = useId();
  const keep = (
    <Button variant="secondary" disabled={!canManage} aria-describedby={canManage ? undefined : adminOnly}>
      Keep n8n version
    </Button>
  );
  const reset = (
    <Button variant="danger" disabled={!canManage} aria-describedby={canManage ? undefined : adminOnly}>
      Reset to template
    </Button>
  );
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Choice
          action={
            canManage ? (
              <ConfirmDialog
                trigger={keep}
                title="Keep the n8n version?"
                description={`The workflow keeps running exactly as it was edited in n8n, with the changes shown. From now on Ophir no longer updates it: ${notApplied} not applied until you reset it to the template.`}
                confirmLabel="Keep n8n version"
                onConfirm={() => confirm('keep_n8n')}
              />
            ) : (
              keep
            )
          }
          effect="The edits stay and the workflow keeps running as it is now. Ophir stops updating it."
        />
        <Choice
          action={
            canManage ? (
              <ConfirmDialog
                trigger={reset}
                title="Reset to the template?"
                description={`The edits made in n8n are discarded: Ophir overwrites the workflow with its template (${deployment.templateName} v${deployment.templateVersion}) and the current settings. This cannot be undone.`}
                confirmLabel="Reset to template"
                onConfirm={() => confirm('reset_to_template')}
              />
            ) : (
              reset
            )
          }
          effect="The edits are discarded and Ophir sets up its template again, with the current settings."
        />
      </div>
      {canManage ? null : (
        <p id={adminOnly} className="text-sm text-slate-700">
          Only an admin can keep the n8n version or reset to the template. Ask an admin of your organization to decide.
        </p>
      )}
    </div>
  );
}

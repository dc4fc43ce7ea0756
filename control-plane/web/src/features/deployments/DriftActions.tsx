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
  if (!canManage) {
    return (
      <div className="space-y-2">
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" disabled aria-describedby="drift-admin-only">
            Keep n8n version
          </Button>
          <Button variant="secondary" disabled aria-describedby="drift-admin-only">
            Reset to template
          </Button>
        </div>
        <p id="drift-admin-only" className="text-sm text-slate-600">
          Only an admin can keep the n8n version or reset to the template. Ask an admin of your organization to decide.
        </p>
      </div>
    );
  }
  const campaignEdits = deployment.campaignId ? "changes to the campaign's settings" : 'changes to your mailboxes';
  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmDialog
        trigger={<Button variant="secondary">Keep n8n version</Button>}
        title="Keep the n8n version?"
        description={`The workflow keeps running exactly as it was edited in n8n, with the changes shown. From now on Ophir no longer updates it: ${campaignEdits} and new template versions are not applied until you reset it to the template.`}
        confirmLabel="Keep n8n version"
        onConfirm={() => confirm('keep_n8n')}
      />
      <ConfirmDialog
        trigger={<Button variant="danger">Reset to template</Button>}
        title="Reset to the template?"
        description={`The edits made in n8n are discarded: Ophir overwrites the workflow with its template (${deployment.templateName} v${deployment.templateVersion}) and the current settings. This cannot be undone.`}
        confirmLabel="Reset to template"
        onConfirm={() => confirm('reset_to_template')}
      />
    </div>
  );
}

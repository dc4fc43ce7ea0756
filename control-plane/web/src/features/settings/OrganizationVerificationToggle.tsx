import { toast } from 'sonner';
import { CheckboxField } from '@/features/mailboxes/fields';
import { ApiError } from '@/lib/api/problem';
import { useUpdateOrganization } from './queries';

/** The organization's default for imports: check the new leads' addresses unless an import says otherwise. Saved on change. */
export function OrganizationVerificationToggle({ current, canEdit }: { current: boolean; canEdit: boolean }) {
  const update = useUpdateOrganization();
  return (
    <div className="mt-6 max-w-md border-t border-slate-200 pt-6">
      <CheckboxField
        role="switch"
        label="Check the addresses of imported leads"
        hint="Each import then checks its new leads' domains (MX or A record), disposable domains and role addresses, unless it is told not to. Enrolments skip invalid addresses."
        checked={current}
        disabled={!canEdit || update.isPending}
        onChange={(event) => {
          const verifyLeadsAtImport = event.target.checked;
          update.mutate(
            { verifyLeadsAtImport },
            {
              onSuccess: () => toast.success(verifyLeadsAtImport ? 'Imports now check addresses' : 'Imports no longer check addresses'),
              onError: (error) =>
                toast.error(error instanceof ApiError ? error.problem.detail : 'The setting was not saved. Try again in a moment.'),
            },
          );
        }}
      />
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';
import { NameForm } from './NameForm';
import { OrganizationTimezoneForm } from './OrganizationTimezoneForm';
import { OrganizationVerificationToggle } from './OrganizationVerificationToggle';
import { organizationQuery, useUpdateOrganization } from './queries';
import { formatDate } from '@/lib/dates';
import { SettingsSection } from './SettingsSection';

export function OrganizationSettings() {
  const organization = useQuery(organizationQuery);
  const mayEdit = useCan('organization:manage');
  const update = useUpdateOrganization();
  return (
    <SettingsSection
      title="Organization"
      description="The name your team and your campaigns' reports show, the time zone new campaigns and mailboxes start in, and whether imports check addresses."
    >
      {organization.isPending ? <LoadingRows label="Loading the organization" /> : null}
      {organization.isError ? (
        <ErrorState title="The organization could not be loaded" error={organization.error} onRetry={() => void organization.refetch()} />
      ) : null}
      {organization.data ? (
        <Card className="p-6">
          {mayEdit ? (
            <NameForm
              className="max-w-md space-y-4"
              label="Organization name"
              autoComplete="organization"
              current={organization.data.name}
              emptyMessage="Enter the organization's name"
              submitLabel="Save"
              savedMessage="Organization renamed"
              save={update.mutateAsync}
            />
          ) : (
            <dl className="space-y-1">
              <dt className="text-sm font-medium text-slate-600">Organization name</dt>
              <dd className="text-sm text-slate-900">{organization.data.name}</dd>
              <dt className="pt-2 text-sm font-medium text-slate-600">Time zone</dt>
              <dd className="text-sm text-slate-900">{organization.data.timezone}</dd>
            </dl>
          )}
          {mayEdit ? <OrganizationTimezoneForm current={organization.data.timezone} /> : null}
          <OrganizationVerificationToggle current={organization.data.verifyLeadsAtImport} canEdit={mayEdit} />
          <p className="mt-4 text-xs text-slate-500">Created {formatDate(organization.data.createdAt)}</p>
        </Card>
      ) : null}
    </SettingsSection>
  );
}

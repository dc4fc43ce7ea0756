import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { ErrorState, LoadingRows } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { organizationQuery, useRenameOrganization } from './queries';
import { formatDate, SettingsSection } from './SettingsSection';

// The field is the API body's `name`; its length limit is the server's to say, so its field error shows here as it is.
const organizationForm = z.object({ name: z.string().trim().min(1, "Enter the organization's name") });
type OrganizationForm = z.infer<typeof organizationForm>;

export function OrganizationSettings() {
  const organization = useQuery(organizationQuery);
  const mayEdit = useCan('organization:manage');
  return (
    <SettingsSection title="Organization" description="The name your team and your campaigns' reports show.">
      {organization.isPending ? <LoadingRows label="Loading the organization" /> : null}
      {organization.isError ? <ErrorState error={organization.error} /> : null}
      {organization.data ? (
        <Card className="p-6">
          {mayEdit ? (
            <OrganizationNameForm name={organization.data.name} />
          ) : (
            <dl className="space-y-1">
              <dt className="text-sm font-medium text-slate-600">Organization name</dt>
              <dd className="text-sm text-slate-900">{organization.data.name}</dd>
            </dl>
          )}
          <p className="mt-4 text-xs text-slate-500">Created {formatDate(organization.data.createdAt)}</p>
        </Card>
      ) : null}
    </SettingsSection>
  );
}

function OrganizationNameForm({ name }: { name: string }) {
  const rename = useRenameOrganization();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<OrganizationForm>({ resolver: zodResolver(organizationForm), defaultValues: { name } });
  const { errors, isSubmitting, isDirty } = form.formState;

  useEffect(() => form.reset({ name }), [form, name]);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await rename.mutateAsync(values);
      toast.success('Organization renamed');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, ['name']));
    }
  });

  return (
    <form className="max-w-md space-y-4" onSubmit={onSubmit} noValidate>
      {formError ? <Alert>{formError}</Alert> : null}
      <FormField label="Organization name" autoComplete="organization" error={errors.name?.message} {...form.register('name')} />
      <Button type="submit" disabled={isSubmitting || !isDirty}>
        {isSubmitting ? 'Saving…' : 'Save'}
      </Button>
    </form>
  );
}

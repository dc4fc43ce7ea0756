import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { ApiForm, FormInput } from '@/components/ui/api-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { roleLabels } from '@/features/auth/permissions';
import { meQuery } from '@/features/auth/queries';
import { NameForm } from './NameForm';
import { useChangePassword, useRenameMe } from './queries';
import { SettingsSection } from './SettingsSection';

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 px-5 py-3.5">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="col-span-2 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function AccountSettings() {
  const me = useQuery(meQuery);
  return (
    <SettingsSection title="My account" description="Who you are signed in as, and your role in each organization you belong to.">
      {me.isPending ? <LoadingRows label="Loading your account" /> : null}
      {me.isError ? <ErrorState title="Your account could not be loaded" error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data ? (
        <div className="space-y-6">
          <Card>
            <dl className="divide-y divide-slate-100">
              <Detail term="Email">{me.data.user?.email ?? ''}</Detail>
              <Detail term="Your role here">{roleLabels[me.data.organization.role]}</Detail>
              <Detail term="Organizations">
                <ul className="space-y-1">
                  {me.data.organizations.map((organization) => (
                    <li key={organization.id} className="flex items-center gap-2">
                      {organization.name}
                      <Badge tone={organization.id === me.data.organization.id ? 'info' : 'neutral'}>{roleLabels[organization.role]}</Badge>
                    </li>
                  ))}
                </ul>
              </Detail>
            </dl>
          </Card>
          {me.data.user ? (
            <div className="grid gap-6 lg:grid-cols-2">
              <AccountNameForm name={me.data.user.name} />
              <PasswordForm />
            </div>
          ) : null}
        </div>
      ) : null}
    </SettingsSection>
  );
}

function AccountNameForm({ name }: { name: string }) {
  const rename = useRenameMe();
  return (
    <Card className="space-y-4 p-5">
      <h3 className="text-sm font-semibold text-slate-900">Name</h3>
      <NameForm
        label="Your name"
        autoComplete="name"
        current={name}
        emptyMessage="Enter your name"
        submitLabel="Save name"
        savedMessage="Your name was changed"
        save={rename.mutateAsync}
      />
    </Card>
  );
}

const passwordForm = z.object({
  currentPassword: z.string().min(1, 'Enter your current password'),
  newPassword: z.string().min(10, 'Use at least 10 characters'),
});
type PasswordForm = z.infer<typeof passwordForm>;

function PasswordForm() {
  const change = useChangePassword();
  const form = useForm<PasswordForm>({ resolver: zodResolver(passwordForm), defaultValues: { currentPassword: '', newPassword: '' } });

  const changePassword = async (values: PasswordForm) => {
    await change.mutateAsync(values);
    form.reset();
    toast.success('Password changed. Your other sessions were signed out.');
  };

  return (
    <Card className="space-y-4 p-5">
      <div>
        <h3 id="account-password-heading" className="text-sm font-semibold text-slate-900">
          Password
        </h3>
        <p className="mt-0.5 text-xs text-slate-500">Changing it signs you out everywhere else.</p>
      </div>
      <ApiForm
        form={form}
        onSubmit={changePassword}
        submitLabel="Change password"
        pendingLabel="Changing…"
        aria-labelledby="account-password-heading"
      >
        <FormInput form={form} name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
        <FormInput form={form} name="newPassword" label="New password" type="password" autoComplete="new-password" />
      </ApiForm>
    </Card>
  );
}

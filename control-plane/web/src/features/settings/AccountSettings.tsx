import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ErrorState, LoadingRows } from '@/components/ui/page';
import { roleLabels } from '@/features/auth/permissions';
import { meQuery } from '@/features/auth/queries';
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
      {me.isError ? <ErrorState error={me.error} /> : null}
      {me.data ? (
        <Card>
          <dl className="divide-y divide-slate-100">
            <Detail term="Name">{me.data.user?.name ?? ''}</Detail>
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
      ) : null}
    </SettingsSection>
  );
}

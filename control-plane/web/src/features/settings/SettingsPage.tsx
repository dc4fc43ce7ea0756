import { useQuery } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { ErrorState, LoadingRows, PageHeader } from '@/components/ui/page';
import { meQuery } from '@/features/auth/queries';

function Detail({ term, value }: { term: string; value: string }) {
  return (
    <div className="grid grid-cols-3 gap-4 px-5 py-3.5">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="col-span-2 text-sm text-slate-900">{value}</dd>
    </div>
  );
}

export function SettingsPage() {
  const me = useQuery(meQuery);
  return (
    <>
      <PageHeader title="Settings" description="Your organization and your account." />
      {me.isPending ? <LoadingRows label="Loading settings" /> : null}
      {me.isError ? <ErrorState error={me.error} /> : null}
      {me.data ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="organization-heading">
            <h2 id="organization-heading" className="mb-2 text-sm font-semibold text-slate-900">
              Organization
            </h2>
            <Card>
              <dl className="divide-y divide-slate-100">
                <Detail term="Name" value={me.data.organization.name} />
                <Detail term="Your role" value={me.data.organization.role} />
              </dl>
            </Card>
          </section>
          <section aria-labelledby="account-heading">
            <h2 id="account-heading" className="mb-2 text-sm font-semibold text-slate-900">
              My account
            </h2>
            <Card>
              <dl className="divide-y divide-slate-100">
                <Detail term="Name" value={me.data.user?.name ?? ''} />
                <Detail term="Email" value={me.data.user?.email ?? ''} />
              </dl>
            </Card>
          </section>
        </div>
      ) : null}
    </>
  );
}

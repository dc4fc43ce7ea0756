import { Link, Outlet } from '@tanstack/react-router';
import { PageHeader } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';

type SettingsPath =
  | '/settings/organization'
  | '/settings/members'
  | '/settings/api-keys'
  | '/settings/webhooks'
  | '/settings/audit-log'
  | '/settings/account';

function SettingsLink({ to, children }: { to: SettingsPath; children: string }) {
  return (
    <Link
      to={to}
      className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      activeProps={{ className: 'bg-indigo-50 text-indigo-800', 'aria-current': 'page' }}
    >
      {children}
    </Link>
  );
}

/** Settings: a sub-navigation beside the section shown; admin-only sections are not offered to others. */
export function SettingsPage() {
  const isAdmin = useCan('apiKeys:manage');
  return (
    <>
      <PageHeader title="Settings" description="Your organization, its team and integrations, and your account." />
      <div className="flex flex-col gap-6 xl:flex-row">
        <nav aria-label="Settings" className="xl:w-44 xl:shrink-0">
          <ul className="flex flex-row flex-wrap gap-1 border-b border-slate-200 pb-3 xl:flex-col xl:border-0 xl:pb-0">
            <li>
              <SettingsLink to="/settings/organization">Organization</SettingsLink>
            </li>
            <li>
              <SettingsLink to="/settings/members">Members</SettingsLink>
            </li>
            {isAdmin ? (
              <>
                <li>
                  <SettingsLink to="/settings/api-keys">API keys</SettingsLink>
                </li>
                <li>
                  <SettingsLink to="/settings/webhooks">Webhooks</SettingsLink>
                </li>
                <li>
                  <SettingsLink to="/settings/audit-log">Audit log</SettingsLink>
                </li>
              </>
            ) : null}
            <li>
              <SettingsLink to="/settings/account">My account</SettingsLink>
            </li>
          </ul>
        </nav>
        <div className="min-w-0 flex-1">
          <Outlet />
        </div>
      </div>
    </>
  );
}

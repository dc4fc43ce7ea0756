import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { ChevronDown, GitBranch, Inbox, LayoutDashboard, LogOut, Mail, MailOpen, Megaphone, Settings, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { endSession } from '@/lib/api/session';
import { meQuery } from '@/features/auth/queries';

function NavLink({
  to,
  icon,
  children,
}: {
  to: '/dashboard' | '/campaigns' | '/inbox' | '/leads' | '/mailboxes' | '/automations' | '/settings';
  icon: ReactNode;
  children: string;
}) {
  return (
    <Link
      to={to}
      className="flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium text-slate-300 hover:bg-white/10 hover:text-white focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400"
      activeProps={{ className: 'bg-white/10 text-white', 'aria-current': 'page' }}
    >
      {icon}
      {children}
    </Link>
  );
}

/** The signed-in frame: the main navigation, the organization acted in and the user's menu. */
export function AppShell() {
  const me = useQuery(meQuery);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const signOut = async () => {
    await endSession().catch(() => undefined);
    queryClient.clear();
    await navigate({ to: '/sign-in' });
  };

  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col bg-slate-900 px-3 py-5">
        <div className="mb-6 flex items-center gap-2 px-3 text-white">
          <span className="flex size-8 items-center justify-center rounded-lg bg-indigo-500">
            <Mail className="size-4" aria-hidden="true" />
          </span>
          <span className="text-lg font-semibold tracking-tight">Ophir</span>
        </div>
        <nav aria-label="Main" className="flex flex-col gap-1">
          <NavLink to="/dashboard" icon={<LayoutDashboard className="size-4" aria-hidden="true" />}>
            Dashboard
          </NavLink>
          <NavLink to="/campaigns" icon={<Megaphone className="size-4" aria-hidden="true" />}>
            Campaigns
          </NavLink>
          <NavLink to="/inbox" icon={<MailOpen className="size-4" aria-hidden="true" />}>
            Inbox
          </NavLink>
          <NavLink to="/leads" icon={<Users className="size-4" aria-hidden="true" />}>
            Leads
          </NavLink>
          <NavLink to="/mailboxes" icon={<Inbox className="size-4" aria-hidden="true" />}>
            Mailboxes
          </NavLink>
          <NavLink to="/automations" icon={<GitBranch className="size-4" aria-hidden="true" />}>
            Automations
          </NavLink>
          <NavLink to="/settings" icon={<Settings className="size-4" aria-hidden="true" />}>
            Settings
          </NavLink>
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between border-b border-slate-200 bg-white px-6">
          <p className="text-sm font-semibold text-slate-900" data-testid="organization-name">
            {me.data?.organization.name ?? ' '}
          </p>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="sm">
                <span className="sr-only">User menu for</span>
                <span
                  className="flex size-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700"
                  aria-hidden="true"
                >
                  {(me.data?.user?.name ?? '?').slice(0, 1).toUpperCase()}
                </span>
                <span className="text-slate-800">{me.data?.user?.name}</span>
                <ChevronDown className="size-4 text-slate-500" aria-hidden="true" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuLabel>{me.data?.user?.email}</DropdownMenuLabel>
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => void signOut()}>
                <LogOut className="size-4" aria-hidden="true" />
                Sign out
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        </header>
        <main className="flex-1 px-8 py-8">
          <div className="mx-auto max-w-6xl">
            <Outlet />
          </div>
        </main>
      </div>
    </div>
  );
}

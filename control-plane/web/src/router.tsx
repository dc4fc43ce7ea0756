import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { isSignedIn } from '@/lib/api/session';
import { SignInPage } from '@/features/auth/SignInPage';
import { RegisterPage } from '@/features/auth/RegisterPage';
import { AppShell } from '@/features/shell/AppShell';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({ component: Outlet });

const signedOutOnly = () => {
  if (isSignedIn()) throw redirect({ to: '/mailboxes' });
};

const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', beforeLoad: signedOutOnly, component: SignInPage });
const registerRoute = createRoute({ getParentRoute: () => rootRoute, path: '/register', beforeLoad: signedOutOnly, component: RegisterPage });

// The signed-in pages: each loads its own code when first visited.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: () => {
    if (!isSignedIn()) throw redirect({ to: '/sign-in' });
  },
  component: AppShell,
});
const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/mailboxes' });
  },
});
const mailboxesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mailboxes',
  component: lazyRouteComponent(() => import('@/features/mailboxes/MailboxesPage'), 'MailboxesPage'),
});
const leadsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads',
  component: lazyRouteComponent(() => import('@/features/leads/LeadsPage'), 'LeadsPage'),
});
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('@/features/settings/SettingsPage'), 'SettingsPage'),
});

const routeTree = rootRoute.addChildren([signInRoute, registerRoute, appRoute.addChildren([homeRoute, mailboxesRoute, leadsRoute, settingsRoute])]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

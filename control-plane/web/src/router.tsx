import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { isSignedIn } from '@/lib/api/session';
import { SignInPage } from '@/features/auth/SignInPage';
import { RegisterPage } from '@/features/auth/RegisterPage';
import { AppShell } from '@/features/shell/AppShell';
import { mailboxesSearch } from '@/features/mailboxes/search';
import { importWizardSearch, listsSearch, suppressionsSearch } from '@/features/leads/areaSearch';
import { leadSearchSchema } from '@/features/leads/leadSearch';
import { dashboardSearch } from '@/features/dashboard/search';
import { campaignBuilderSearch, campaignDetailSearch, campaignsSearch } from '@/features/campaigns/search';
import { inboxSearch } from '@/features/inbox/search';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({ component: Outlet });

const signedOutOnly = () => {
  if (isSignedIn()) throw redirect({ to: '/dashboard' });
};

const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', beforeLoad: signedOutOnly, component: SignInPage });
const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/register',
  beforeLoad: signedOutOnly,
  component: RegisterPage,
});
// Public: an invitation link works signed in or out (accepting switches this browser to the invitee's session).
const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitations/$token',
  component: lazyRouteComponent(() => import('@/features/invitations/AcceptInvitationPage'), 'AcceptInvitationPage'),
});

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
    throw redirect({ to: '/dashboard' });
  },
});
const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  validateSearch: (search: Record<string, unknown>) => dashboardSearch.parse(search),
  component: lazyRouteComponent(() => import('@/features/dashboard/DashboardPage'), 'DashboardPage'),
});
const campaignsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns',
  validateSearch: (search: Record<string, unknown>) => campaignsSearch.parse(search),
  component: lazyRouteComponent(() => import('@/features/campaigns/CampaignsPage'), 'CampaignsPage'),
});
const campaignDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/$campaignId',
  validateSearch: (search: Record<string, unknown>) => campaignDetailSearch.parse(search),
  component: lazyRouteComponent(() => import('@/features/campaigns/detail/CampaignDetailPage'), 'CampaignDetailPage'),
});
const campaignBuilderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/$campaignId/edit',
  validateSearch: (search: Record<string, unknown>) => campaignBuilderSearch.parse(search),
  component: lazyRouteComponent(() => import('@/features/campaigns/builder/CampaignBuilderPage'), 'CampaignBuilderPage'),
});
const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/inbox',
  validateSearch: (search: Record<string, unknown>) => inboxSearch.parse(search),
  component: lazyRouteComponent(() => import('@/features/inbox/InboxPage'), 'InboxPage'),
});
// Marketers know a campaign's n8n workflow as its automation; the API and the code keep calling it a deployment.
const deploymentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/automations',
  component: lazyRouteComponent(() => import('@/features/deployments/DeploymentsPage'), 'DeploymentsPage'),
});
const deploymentDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/automations/$deploymentId',
  component: lazyRouteComponent(() => import('@/features/deployments/DeploymentDetailPage'), 'DeploymentDetailPage'),
});
// The pages' first addresses, kept working for bookmarks and shared links.
const legacyDeploymentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deployments',
  beforeLoad: () => {
    throw redirect({ to: '/automations', replace: true });
  },
});
const legacyDeploymentDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deployments/$deploymentId',
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/automations/$deploymentId', params, replace: true });
  },
});
const mailboxesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mailboxes',
  validateSearch: (search: Record<string, unknown>) => mailboxesSearch.parse(search),
  component: lazyRouteComponent(() => import('@/features/mailboxes/MailboxesPage'), 'MailboxesPage'),
});
const mailboxDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mailboxes/$mailboxId',
  component: lazyRouteComponent(() => import('@/features/mailboxes/MailboxDetailPage'), 'MailboxDetailPage'),
});
const leadsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads',
  validateSearch: (search: Record<string, unknown>) => leadSearchSchema.parse(search),
  component: lazyRouteComponent(() => import('@/features/leads/LeadsPage'), 'LeadsPage'),
});
const leadImportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads/imports',
  component: lazyRouteComponent(() => import('@/features/leads/imports/ImportsPage'), 'ImportsPage'),
});
const leadImportWizardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads/import',
  validateSearch: (search: Record<string, unknown>) => importWizardSearch.parse(search),
  component: lazyRouteComponent(() => import('@/features/leads/imports/ImportWizardPage'), 'ImportWizardPage'),
});
const leadListsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads/lists',
  validateSearch: (search: Record<string, unknown>) => listsSearch.parse(search),
  component: lazyRouteComponent(() => import('@/features/leads/lists/ListsPage'), 'ListsPage'),
});
const suppressionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads/suppressions',
  validateSearch: (search: Record<string, unknown>) => suppressionsSearch.parse(search),
  component: lazyRouteComponent(() => import('@/features/leads/suppressions/SuppressionsPage'), 'SuppressionsPage'),
});
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('@/features/settings/SettingsPage'), 'SettingsPage'),
});
const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/settings/account' });
  },
});
const settingsOrganizationRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/organization',
  component: lazyRouteComponent(() => import('@/features/settings/OrganizationSettings'), 'OrganizationSettings'),
});
const settingsMembersRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/members',
  component: lazyRouteComponent(() => import('@/features/settings/MembersSettings'), 'MembersSettings'),
});
const settingsApiKeysRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/api-keys',
  component: lazyRouteComponent(() => import('@/features/settings/ApiKeysSettings'), 'ApiKeysSettings'),
});
const settingsAuditLogRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/audit-log',
  component: lazyRouteComponent(() => import('@/features/settings/AuditLogSettings'), 'AuditLogSettings'),
});
const settingsWebhooksRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/webhooks',
  component: lazyRouteComponent(() => import('@/features/settings/webhooks/WebhooksSettings'), 'WebhooksSettings'),
});
const settingsAccountRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('@/features/settings/AccountSettings'), 'AccountSettings'),
});
const settingsRoutes = settingsRoute.addChildren([
  settingsIndexRoute,
  settingsOrganizationRoute,
  settingsMembersRoute,
  settingsApiKeysRoute,
  settingsAuditLogRoute,
  settingsWebhooksRoute,
  settingsAccountRoute,
]);

const routeTree = rootRoute.addChildren([
  signInRoute,
  registerRoute,
  acceptInvitationRoute,
  appRoute.addChildren([
    homeRoute,
    dashboardRoute,
    campaignsRoute,
    campaignDetailRoute,
    campaignBuilderRoute,
    inboxRoute,
    deploymentsRoute,
    deploymentDetailRoute,
    legacyDeploymentsRoute,
    legacyDeploymentDetailRoute,
    mailboxesRoute,
    mailboxDetailRoute,
    leadsRoute,
    leadImportsRoute,
    leadImportWizardRoute,
    leadListsRoute,
    suppressionsRoute,
    settingsRoutes,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

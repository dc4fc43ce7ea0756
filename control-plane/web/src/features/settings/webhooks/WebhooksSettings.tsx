import { useQuery } from '@tanstack/react-query';
import { Webhook } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { Sheet } from '@/components/ui/sheet';
import { useCan, useRole } from '@/features/auth/permissions';
import { ApiError } from '@/lib/api/problem';
import { formatDateTime } from '@/lib/dates';
import { AdminOnly, SettingsSection } from '../SettingsSection';
import {
  useCreateWebhookEndpoint,
  useDeleteWebhookEndpoint,
  useRotateWebhookSecret,
  useSendWebhookTest,
  useUpdateWebhookEndpoint,
  useUpdateWebhookSettings,
  webhookEndpointsQuery,
  webhookSettingsQuery,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from './queries';
import { SigningSecretContent } from './SigningSecretDialog';
import { WebhookDeliveriesSheet } from './WebhookDeliveriesSheet';
import { WebhookEndpointForm } from './WebhookEndpointForm';
import { webhookEventLabels } from './webhookEvents';

/** Settings › Webhooks: where the organization's events are POSTed; admins only, as the API allows. */
export function WebhooksSettings() {
  const mayManage = useCan('webhooks:manage');
  const role = useRole();
  // Nothing is asked of the API before the role is known: a refused call is no way to find out.
  if (role === undefined) return <LoadingRows label="Loading webhooks" />;
  return mayManage ? <WebhookEndpointsList /> : <AdminOnly what="webhooks" />;
}

function WebhookEndpointsList() {
  const endpoints = useQuery(webhookEndpointsQuery);
  return (
    <SettingsSection
      title="Webhooks"
      description="Ophir sends what happens (a reply, a bounce, a sent email…) to your own systems as it happens, signed so they can trust it."
      actions={<CreateWebhookDialog />}
    >
      {endpoints.isPending ? <LoadingRows label="Loading webhooks" /> : null}
      {endpoints.isError ? (
        <ErrorState title="Webhook endpoints could not be loaded" error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      ) : null}
      {endpoints.data?.length === 0 ? (
        <EmptyState
          icon={<Webhook className="size-5" aria-hidden="true" />}
          title="No webhooks yet"
          nextAction="Add the URL of your CRM, Zapier or n8n hook and choose the events it should receive."
        />
      ) : null}
      {endpoints.data && endpoints.data.length > 0 ? (
        <ul className="space-y-3" aria-label="Webhook endpoints">
          {endpoints.data.map((endpoint) => (
            <EndpointCard key={endpoint.id} endpoint={endpoint} />
          ))}
        </ul>
      ) : null}
      <LocalHttpSetting />
    </SettingsSection>
  );
}

/** Plain http is refused unless allowed here, and then only for addresses on the organization's own network. */
function LocalHttpSetting() {
  const settings = useQuery(webhookSettingsQuery);
  const update = useUpdateWebhookSettings();
  if (!settings.data) return null;
  return (
    <label className="flex items-start gap-2 text-sm text-slate-700">
      <Checkbox
        className="mt-0.5"
        checked={update.isPending ? update.variables.allowHttp : settings.data.allowHttp}
        disabled={update.isPending}
        onChange={(event) =>
          update.mutateAsync({ allowHttp: event.target.checked }).then(
            (saved) => toast.success(saved.allowHttp ? 'http:// allowed for your own network' : 'Only https:// from now on'),
            (error: unknown) => toast.error(error instanceof ApiError ? error.problem.detail : 'That change did not work. Try again.'),
          )
        }
      />
      <span>
        Allow plain <code className="font-mono text-xs">http://</code> for addresses on your own network (for example an n8n on the same
        server). Everything else must use <code className="font-mono text-xs">https://</code>.
      </span>
    </label>
  );
}

const statusBadges = {
  active: { tone: 'good', label: 'Active' },
  failing: { tone: 'warn', label: 'Failing' },
  disabled: { tone: 'neutral', label: 'Disabled' },
} as const;

function lastDelivery(endpoint: WebhookEndpoint): string {
  const last = endpoint.lastAttempt;
  if (!last) return 'Nothing sent yet';
  const answer = last.statusCode === null ? (last.error ?? 'no answer') : `HTTP ${last.statusCode}`;
  return `${last.succeeded ? 'Delivered' : 'Failed'} ${formatDateTime(last.attemptedAt)} (${answer})`;
}

function EndpointCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  const update = useUpdateWebhookEndpoint(endpoint.id);
  const remove = useDeleteWebhookEndpoint(endpoint.id);
  const rotate = useRotateWebhookSecret(endpoint.id);
  const sendTest = useSendWebhookTest(endpoint.id);
  const [editing, setEditing] = useState(false);
  const [showingDeliveries, setShowingDeliveries] = useState(false);
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const badge = statusBadges[endpoint.status];
  const failed = (action: string) => (error: unknown) =>
    toast.error(error instanceof ApiError ? error.problem.detail : `${action} did not work. Try again.`);

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="break-all font-medium text-slate-900">{endpoint.url}</p>
          {endpoint.description ? <p className="text-sm text-slate-600">{endpoint.description}</p> : null}
        </div>
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </div>
      {endpoint.warning ? <p className="mt-2 text-sm text-amber-800">{endpoint.warning}</p> : null}
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">Events</dt>
        <dd className="text-slate-900">{endpoint.eventTypes.map((type) => webhookEventLabels[type].label).join(' · ')}</dd>
        <dt className="text-slate-600">Last delivery</dt>
        <dd className="text-slate-900">{lastDelivery(endpoint)}</dd>
        <dt className="text-slate-600">Failed attempts</dt>
        <dd className="text-slate-900">
          {endpoint.failedAttempts === 0 ? 'None since the last success' : `${endpoint.failedAttempts} since the last success`}
        </dd>
      </dl>
      <div className="mt-3 flex flex-wrap gap-2">
        <Sheet open={showingDeliveries} onOpenChange={setShowingDeliveries}>
          <Button variant="secondary" size="sm" onClick={() => setShowingDeliveries(true)}>
            Recent deliveries
          </Button>
          {showingDeliveries ? <WebhookDeliveriesSheet endpoint={endpoint} /> : null}
        </Sheet>
        {endpoint.enabled ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={sendTest.isPending}
            onClick={() =>
              sendTest.mutateAsync().then(() => toast.success('Test event sent: see it in Recent deliveries'), failed('Sending a test'))
            }
          >
            Send test event
          </Button>
        ) : null}
        <Dialog open={editing} onOpenChange={setEditing}>
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            Edit
          </Button>
          {editing ? (
            <DialogContent title="Edit webhook" description="Change where events go and which ones." className="max-w-2xl">
              <WebhookEndpointForm
                defaultValues={{ url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes }}
                submitLabel="Save changes"
                onSubmit={async (values) => {
                  await update.mutateAsync(values);
                  toast.success('Webhook saved');
                  setEditing(false);
                }}
              />
            </DialogContent>
          ) : null}
        </Dialog>
        <Button
          variant="secondary"
          size="sm"
          disabled={update.isPending}
          onClick={() =>
            update
              .mutateAsync({ enabled: !endpoint.enabled })
              .then(() => toast.success(endpoint.enabled ? 'Webhook disabled' : 'Webhook enabled'), failed('That change'))
          }
        >
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm">
              Rotate secret
            </Button>
          }
          title="Rotate the signing secret?"
          description="You get a new secret to put in your receiver. The current one keeps signing beside it for 24 hours, so nothing breaks while you switch."
          confirmLabel="Rotate secret"
          onConfirm={async () => {
            try {
              setNewSecret((await rotate.mutateAsync()).secret);
            } catch (error) {
              failed('Rotating the secret')(error);
            }
          }}
        />
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">
              Delete
            </Button>
          }
          title="Delete this webhook?"
          description={`${endpoint.url} gets no more events, and its delivery history is removed. This cannot be undone.`}
          confirmLabel="Delete webhook"
          onConfirm={async () => {
            try {
              await remove.mutateAsync();
              toast.success('Webhook deleted');
            } catch (error) {
              failed('Deleting')(error);
            }
          }}
        />
      </div>
      <Dialog open={newSecret !== null} onOpenChange={(open) => (open ? null : setNewSecret(null))}>
        {newSecret ? <SigningSecretContent title="Your new signing secret" secret={newSecret} /> : null}
      </Dialog>
    </li>
  );
}

/** Subscribe a URL, then show its signing secret once. */
function CreateWebhookDialog() {
  const create = useCreateWebhookEndpoint();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) setCreated(null);
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <Button className="shrink-0" onClick={() => setOpen(true)}>
        <Webhook className="size-4" aria-hidden="true" />
        Add webhook
      </Button>
      {open ? (
        created ? (
          <SigningSecretContent title="Webhook added: its signing secret" secret={created.secret} />
        ) : (
          <DialogContent
            title="Add webhook"
            description="Ophir POSTs each chosen event to this URL as JSON, within seconds."
            className="max-w-2xl"
          >
            <WebhookEndpointForm
              defaultValues={{ url: '', description: '', eventTypes: ['lead.replied'] }}
              submitLabel="Add webhook"
              onSubmit={async (values) => setCreated(await create.mutateAsync(values))}
            />
          </DialogContent>
        )
      ) : null}
    </Dialog>
  );
}

import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { ArrowLeft, Pause, Play, RefreshCw, Trash2 } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows, PageHeader } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';
import { failureDetail } from '@/lib/api/problem';
import { DomainHealthCard } from './DomainHealthCard';
import { HealthCard } from './HealthCard';
import { LimitsForm } from './LimitsForm';
import { MailboxStatus, providerNames } from './mailboxFormat';
import { mailboxQuery, useConnectOAuthMailbox, useDeleteMailbox, useUpdateMailbox, type Mailbox } from './queries';
import { SandboxMessages } from './SandboxMessages';
import { UsageCard } from './UsageCard';
import { WarmupCard } from './WarmupCard';

const route = getRouteApi('/app/mailboxes/$mailboxId');

function StatusActions({ mailbox }: { mailbox: Mailbox }) {
  const update = useUpdateMailbox(mailbox.id);
  const connect = useConnectOAuthMailbox();
  const setStatus = (status: 'active' | 'paused') =>
    update.mutate(
      { status },
      {
        onSuccess: () =>
          toast.success(status === 'paused' ? `${mailbox.email} is paused: nothing new is sent from it` : `${mailbox.email} sends again`),
        onError: (error) => toast.error(failureDetail(error)),
      },
    );
  if (mailbox.status === 'needs_reauth' && (mailbox.provider === 'gmail' || mailbox.provider === 'outlook')) {
    const provider = mailbox.provider;
    return (
      <Button
        variant="secondary"
        disabled={connect.isPending}
        onClick={() => connect.mutate(provider, { onError: (error) => toast.error(failureDetail(error)) })}
      >
        <RefreshCw className="size-4" aria-hidden="true" />
        Reconnect
      </Button>
    );
  }
  if (mailbox.status === 'active') {
    return (
      <Button variant="secondary" disabled={update.isPending} onClick={() => setStatus('paused')}>
        <Pause className="size-4" aria-hidden="true" />
        Pause sending
      </Button>
    );
  }
  if (mailbox.status === 'paused') {
    return (
      <Button variant="secondary" disabled={update.isPending} onClick={() => setStatus('active')}>
        <Play className="size-4" aria-hidden="true" />
        Resume sending
      </Button>
    );
  }
  return null;
}

function DeleteMailbox({ mailbox }: { mailbox: Mailbox }) {
  const remove = useDeleteMailbox(mailbox.id);
  const navigate = useNavigate();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger">
          <Trash2 className="size-4" aria-hidden="true" />
          Delete mailbox
        </Button>
      }
      title={`Delete ${mailbox.email}?`}
      description="Campaigns stop sending from it and its settings and stored login are erased. Messages it already sent stay in your history. This cannot be undone."
      confirmLabel="Delete mailbox"
      onConfirm={async () => {
        try {
          await remove.mutateAsync();
        } catch (error) {
          toast.error(failureDetail(error));
          return;
        }
        toast.success(`${mailbox.email} was deleted`);
        await navigate({ to: '/mailboxes' });
      }}
    />
  );
}

export function MailboxDetailPage() {
  const { mailboxId } = route.useParams();
  const mailbox = useQuery(mailboxQuery(mailboxId));
  const canWrite = useCan('mailboxes:write');
  const canDelete = useCan('mailboxes:delete');
  return (
    <>
      <Link
        to="/mailboxes"
        className="mb-3 inline-flex items-center gap-1 rounded text-sm text-slate-600 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        All mailboxes
      </Link>
      {mailbox.data ? null : (
        <PageHeader title="Mailbox" description="An address your campaigns send from: its usage, health, limits and warm-up." />
      )}
      {mailbox.isPending ? <LoadingRows label="Loading the mailbox" /> : null}
      {mailbox.isError ? (
        <ErrorState title="This mailbox could not be loaded" error={mailbox.error} onRetry={() => void mailbox.refetch()} />
      ) : null}
      {mailbox.data ? (
        <>
          <PageHeader
            title={mailbox.data.email}
            description={`${providerNames[mailbox.data.provider]} mailbox${mailbox.data.displayName ? `, sending as ${mailbox.data.displayName}` : ''}`}
            actions={
              <div className="flex shrink-0 gap-2">
                {canWrite ? <StatusActions mailbox={mailbox.data} /> : null}
                {canDelete ? <DeleteMailbox mailbox={mailbox.data} /> : null}
              </div>
            }
          />
          <div className="mb-6">
            <MailboxStatus mailbox={mailbox.data} />
          </div>
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            <UsageCard mailbox={mailbox.data} />
            <HealthCard mailboxId={mailbox.data.id} />
            <DomainHealthCard mailboxId={mailbox.data.id} />
            <WarmupCard mailboxId={mailbox.data.id} />
            <div className="xl:col-span-2">
              <LimitsForm mailbox={mailbox.data} canEdit={canWrite} />
            </div>
            {mailbox.data.provider === 'sandbox' ? (
              <div className="xl:col-span-2">
                <SandboxMessages mailboxId={mailbox.data.id} />
              </div>
            ) : null}
          </div>
        </>
      ) : null}
    </>
  );
}

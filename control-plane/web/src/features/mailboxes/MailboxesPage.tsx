import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Inbox } from 'lucide-react';
import { useEffect } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows, PageHeader } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan } from '@/features/auth/permissions';
import { AddMailboxMenu } from './AddMailboxMenu';
import { healthTone, lastWatch, MailboxStatus, providerNames, rampStage, warmingLabel } from './mailboxFormat';
import { mailboxesQuery, type MailboxListItem } from './queries';

const route = getRouteApi('/app/mailboxes');

const connectErrors: Record<string, string> = {
  access_denied: 'The consent was cancelled, so nothing was connected.',
  missing_scope: 'Some permissions were unticked on the consent screen; connect again and keep every box ticked.',
  invalid_state: 'The connect link expired or was already used; start again from Add mailbox.',
  session_mismatch: 'The connect was started in another browser; start it again here.',
};

/** Tells the outcome of an OAuth connect the callback landed us with, once, then clears it from the URL. */
function useConnectOutcome() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  useEffect(() => {
    if (!search.connected && !search.error) return;
    if (search.connected) toast.success(`${providerNames[search.provider as MailboxListItem['provider']] ?? 'The'} mailbox is connected`);
    else toast.error(connectErrors[search.error ?? ''] ?? search.message ?? `The mailbox could not be connected (${search.error}).`);
    void navigate({ search: {}, replace: true });
  }, [search, navigate]);
}

function SentToday({ mailbox }: { mailbox: MailboxListItem }) {
  const { sentToday, limitToday } = mailbox.usage;
  return (
    <span>
      {sentToday} / {limitToday}
      {limitToday < mailbox.dailyCap ? <span className="block text-xs text-slate-500">cap {mailbox.dailyCap}</span> : null}
    </span>
  );
}

export function MailboxesPage() {
  useConnectOutcome();
  const mailboxes = useQuery(mailboxesQuery);
  const canAdd = useCan('mailboxes:write');
  return (
    <>
      <PageHeader
        title="Mailboxes"
        description="The addresses your campaigns send from, with their health and daily limits. With a ramp-up, a new mailbox's daily limit starts low and rises each day until it reaches its cap."
        actions={canAdd ? <AddMailboxMenu /> : undefined}
      />
      {mailboxes.isPending ? <LoadingRows label="Loading mailboxes" /> : null}
      {mailboxes.isError ? (
        <ErrorState title="Mailboxes could not be loaded" error={mailboxes.error} onRetry={() => void mailboxes.refetch()} />
      ) : null}
      {mailboxes.data?.length === 0 ? (
        <EmptyState
          icon={<Inbox className="size-5" aria-hidden="true" />}
          title="No mailboxes yet"
          nextAction={
            canAdd
              ? 'Connect Gmail, Outlook, SMTP or try the sandbox: choose Add mailbox above.'
              : 'A member of your organization connects Gmail, Outlook, SMTP or a sandbox mailbox here.'
          }
        />
      ) : null}
      {mailboxes.data && mailboxes.data.length > 0 ? (
        <Table>
          <caption className="sr-only">Mailboxes</caption>
          <TableHead>
            <tr>
              <TableHeader className="px-3">Address</TableHeader>
              <TableHeader className="px-3">Provider</TableHeader>
              <TableHeader className="px-3">Status</TableHeader>
              <TableHeader className="px-3 text-right">Health</TableHeader>
              <TableHeader className="px-3 text-right">Sent today / cap</TableHeader>
              <TableHeader className="px-3">Limit ramp-up</TableHeader>
              <TableHeader className="px-3">Inbox read</TableHeader>
            </tr>
          </TableHead>
          <tbody>
            {mailboxes.data.map((mailbox) => (
              <TableRow key={mailbox.id}>
                <TableCell className="px-3">
                  <Link
                    to="/mailboxes/$mailboxId"
                    params={{ mailboxId: mailbox.id }}
                    className="rounded font-medium text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
                  >
                    {mailbox.email}
                  </Link>
                  {mailbox.displayName ? <p className="text-xs text-slate-500">{mailbox.displayName}</p> : null}
                </TableCell>
                <TableCell className="px-3">{providerNames[mailbox.provider]}</TableCell>
                <TableCell className="px-3">
                  <MailboxStatus mailbox={mailbox} />
                  {mailbox.warmingDay === null ? null : (
                    <Badge tone="info" className="mt-1 whitespace-nowrap">
                      {warmingLabel(mailbox.warmingDay)}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="px-3 text-right">
                  <Badge tone={healthTone(mailbox.healthScore)} className="tabular-nums">
                    {Math.round(mailbox.healthScore)}
                  </Badge>
                </TableCell>
                <TableCell className="px-3 text-right tabular-nums">
                  <SentToday mailbox={mailbox} />
                </TableCell>
                <TableCell className="px-3 whitespace-nowrap">{rampStage(mailbox, mailbox.usage)}</TableCell>
                <TableCell className="px-3 text-slate-600">{lastWatch(mailbox)}</TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}

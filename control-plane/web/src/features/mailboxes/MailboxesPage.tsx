import { useQuery } from '@tanstack/react-query';
import { Inbox } from 'lucide-react';
import { EmptyState, ErrorState, LoadingRows, PageHeader } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { components } from '@/lib/api/schema';
import { mailboxesQuery } from './queries';

type Mailbox = components['schemas']['Mailbox'];

const providerNames: Record<Mailbox['provider'], string> = { gmail: 'Gmail', outlook: 'Outlook', smtp: 'SMTP', sandbox: 'Sandbox' };
const statusNames: Record<Mailbox['status'], string> = { active: 'Active', paused: 'Paused', needs_reauth: 'Needs re-authorization', error: 'Error', disabled: 'Disabled' };

function StatusBadge({ mailbox }: { mailbox: Mailbox }) {
  const tone = mailbox.status === 'active' ? 'bg-emerald-50 text-emerald-800 ring-emerald-600/20' : 'bg-amber-50 text-amber-800 ring-amber-600/20';
  return (
    <div>
      <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>{statusNames[mailbox.status]}</span>
      {mailbox.statusReason ? <p className="mt-1 text-xs text-slate-600">{mailbox.statusReason}</p> : null}
    </div>
  );
}

export function MailboxesPage() {
  const mailboxes = useQuery(mailboxesQuery);
  return (
    <>
      <PageHeader title="Mailboxes" description="The addresses your campaigns send from, with their health and daily limits." />
      {mailboxes.isPending ? <LoadingRows label="Loading mailboxes" /> : null}
      {mailboxes.isError ? <ErrorState error={mailboxes.error} /> : null}
      {mailboxes.data?.length === 0 ? (
        <EmptyState
          icon={<Inbox className="size-5" aria-hidden="true" />}
          title="No mailboxes yet"
          nextAction="Connect Gmail, Outlook, SMTP or try the sandbox to start sending."
        />
      ) : null}
      {mailboxes.data && mailboxes.data.length > 0 ? (
        <Table>
          <caption className="sr-only">Mailboxes</caption>
          <TableHead>
            <tr>
              <TableHeader>Address</TableHeader>
              <TableHeader>Provider</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader className="text-right">Health</TableHeader>
              <TableHeader className="text-right">Daily cap</TableHeader>
            </tr>
          </TableHead>
          <tbody>
            {mailboxes.data.map((mailbox) => (
              <TableRow key={mailbox.id}>
                <TableCell>
                  <p className="font-medium">{mailbox.email}</p>
                  {mailbox.displayName ? <p className="text-xs text-slate-500">{mailbox.displayName}</p> : null}
                </TableCell>
                <TableCell>{providerNames[mailbox.provider]}</TableCell>
                <TableCell>
                  <StatusBadge mailbox={mailbox} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{mailbox.healthScore}</TableCell>
                <TableCell className="text-right tabular-nums">{mailbox.dailyCap}</TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}

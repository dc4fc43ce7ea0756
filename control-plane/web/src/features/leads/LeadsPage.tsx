import { useQuery } from '@tanstack/react-query';
import { Users } from 'lucide-react';
import { EmptyState, ErrorState, LoadingRows, PageHeader } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { leadsFirstPageQuery } from './queries';

export function LeadsPage() {
  const leads = useQuery(leadsFirstPageQuery);
  const rows = leads.data?.data;
  return (
    <>
      <PageHeader title="Leads" description="The people your campaigns reach, newest first." />
      {leads.isPending ? <LoadingRows label="Loading leads" /> : null}
      {leads.isError ? <ErrorState error={leads.error} /> : null}
      {rows?.length === 0 ? (
        <EmptyState
          icon={<Users className="size-5" aria-hidden="true" />}
          title="No leads yet"
          nextAction="Leads you import appear here. Importing a CSV from this page comes next; until then an admin uploads the file through the API (docs/leads.md)."
        />
      ) : null}
      {rows && rows.length > 0 ? (
        <Table>
          <caption className="sr-only">Leads</caption>
          <TableHead>
            <tr>
              <TableHeader>Email</TableHeader>
              <TableHeader>Name</TableHeader>
              <TableHeader>Company</TableHeader>
              <TableHeader>Status</TableHeader>
            </tr>
          </TableHead>
          <tbody>
            {rows.map((lead) => (
              <TableRow key={lead.id}>
                <TableCell className="font-medium">{lead.email}</TableCell>
                <TableCell>{[lead.firstName, lead.lastName].filter(Boolean).join(' ')}</TableCell>
                <TableCell>{lead.company}</TableCell>
                <TableCell className="capitalize">{lead.status.replaceAll('_', ' ')}</TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}

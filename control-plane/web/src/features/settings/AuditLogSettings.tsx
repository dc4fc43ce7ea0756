import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ScrollText } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan, useRole } from '@/features/auth/permissions';
import { apiKeysQuery, auditLogQuery, membersQuery, type AuditEntry } from './queries';
import { formatDateTime } from '@/lib/dates';
import { AdminOnly, SettingsSection } from './SettingsSection';

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** Each recorded action in words; an action this page does not know yet is shown by its code. */
const describers: Record<string, (data: Record<string, unknown>) => string> = {
  'organization.created': () => 'Created the organization',
  'organization.renamed': (data) => `Renamed the organization to “${text(data.name)}”`,
  'organization.lead_verification_changed': (data) =>
    data.verifyLeadsAtImport ? 'Made imports check the addresses of their leads' : 'Made imports leave addresses unchecked',
  'invitation.created': (data) => `Invited ${text(data.email)} as ${text(data.role)}`,
  'invitation.revoked': (data) => (data.email ? `Revoked the invitation for ${text(data.email)}` : 'Revoked an invitation'),
  'invitation.accepted': () => 'Accepted an invitation and joined',
  'api_key.created': (data) => `Created the API key “${text(data.name)}” (${text(data.role)})`,
  'api_key.revoked': () => 'Revoked an API key',
  'api_key.role_capped': (data) => `Limited an API key to ${text(data.to)}`,
  'member.role_changed': (data) => `Changed a member's role from ${text(data.from)} to ${text(data.to)}`,
  'member.removed': (data) => `Removed ${text(data.email)} from the organization`,
};

function describe(entry: AuditEntry): string {
  const fallback = entry.action.replace(/[._]/g, ' ');
  return describers[entry.action]?.(entry.data) ?? fallback.charAt(0).toUpperCase() + fallback.slice(1);
}

export function AuditLogSettings() {
  const mayRead = useCan('auditLog:read');
  const role = useRole();
  // Nothing is asked of the API before the role is known: a refused call is no way to find out.
  if (role === undefined) return <LoadingRows label="Loading the audit log" />;
  return mayRead ? <AuditLogTable /> : <AdminOnly what="the audit log" />;
}

function AuditLogTable() {
  const log = useInfiniteQuery(auditLogQuery);
  const members = useQuery(membersQuery);
  const keys = useQuery(apiKeysQuery);
  const actor = (entry: AuditEntry): string => {
    if (entry.actorUserId) return members.data?.find((member) => member.userId === entry.actorUserId)?.name ?? 'A former member';
    if (entry.actorApiKeyId) {
      const key = keys.data?.find((candidate) => candidate.id === entry.actorApiKeyId);
      return key ? `API key “${key.name}”` : 'A revoked API key';
    }
    return 'Ophir';
  };
  const entries = log.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <SettingsSection title="Audit log" description="Who changed what in this organization, newest first.">
      {log.isPending ? <LoadingRows label="Loading the audit log" /> : null}
      {log.isError ? <ErrorState title="The audit log could not be loaded" error={log.error} onRetry={() => void log.refetch()} /> : null}
      {log.isSuccess && entries.length === 0 ? (
        <EmptyState
          icon={<ScrollText className="size-5" aria-hidden="true" />}
          title="Nothing recorded yet"
          nextAction="Changes to the team, API keys and the organization appear here as they happen."
        />
      ) : null}
      {entries.length > 0 ? (
        <>
          <Table aria-label="Audit log">
            <TableHead>
              <tr>
                <TableHeader>When</TableHeader>
                <TableHeader>Who</TableHeader>
                <TableHeader>What</TableHeader>
              </tr>
            </TableHead>
            <tbody>
              {entries.map((entry) => (
                <TableRow key={entry.id}>
                  <TableCell className="whitespace-nowrap text-slate-600">{formatDateTime(entry.createdAt)}</TableCell>
                  <TableCell className="font-medium text-slate-900">{actor(entry)}</TableCell>
                  <TableCell>{describe(entry)}</TableCell>
                </TableRow>
              ))}
            </tbody>
          </Table>
          {log.hasNextPage ? (
            <div className="flex justify-center">
              <Button variant="secondary" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
                {log.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </SettingsSection>
  );
}

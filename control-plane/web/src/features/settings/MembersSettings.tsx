import { useQuery } from '@tanstack/react-query';
import { Users } from 'lucide-react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { Select } from '@/components/ui/select';
import { Table, TableCell, TableColumns, TableRow } from '@/components/ui/table';
import { meQuery } from '@/features/auth/queries';
import { can, roleLabels, useRole, type Role } from '@/features/auth/permissions';
import { ApiError } from '@/lib/api/problem';
import { InvitationsSection } from './InvitationsSection';
import { membersQuery, useChangeMemberRole, useRemoveMember, type Member } from './queries';
import { formatDate } from '@/lib/dates';
import { SettingsSection } from './SettingsSection';

const allRoles: Role[] = ['owner', 'admin', 'member', 'viewer'];

function refusal(error: unknown): string {
  return error instanceof ApiError ? error.problem.detail : 'The change could not be saved. Try again.';
}

/** Only owners touch owners (the server says the same, and refuses the last owner's demotion or removal). */
function mayManage(role: Role | undefined, member: Member): boolean {
  return can(role, 'members:manage') && (member.role !== 'owner' || can(role, 'owners:manage'));
}

export function MembersSettings() {
  const members = useQuery(membersQuery);
  const role = useRole();
  const myUserId = useQuery(meQuery).data?.user?.id;
  const changeRole = useChangeMemberRole();
  const remove = useRemoveMember();
  const showActions = can(role, 'members:manage');
  const grantable = allRoles.filter((candidate) => candidate !== 'owner' || can(role, 'owners:manage'));

  const onRoleChange = (member: Member, next: Role) => {
    changeRole.mutate(
      { membershipId: member.id, role: next },
      {
        onSuccess: () => toast.success(`${member.name} is now ${roleLabels[next].toLowerCase()}`),
        onError: (error) => toast.error(refusal(error)),
      },
    );
  };

  const onRemove = async (member: Member) => {
    try {
      await remove.mutateAsync(member.id);
      toast.success(`${member.name} was removed from the organization`);
    } catch (error) {
      toast.error(refusal(error));
    }
  };

  return (
    <div className="space-y-10">
      <SettingsSection title="Members" description="Who works in this organization and what each of them may do.">
        {members.isPending ? <LoadingRows label="Loading members" /> : null}
        {members.isError ? (
          <ErrorState title="Members could not be loaded" error={members.error} onRetry={() => void members.refetch()} />
        ) : null}
        {members.data?.length === 0 ? (
          <EmptyState icon={<Users className="size-5" aria-hidden="true" />} title="No members" nextAction="Invite your team below." />
        ) : null}
        {members.data && members.data.length > 0 ? (
          <Table aria-label="Members">
            <TableColumns names={['Member', 'Role', 'Joined']} actions={showActions} />
            <tbody>
              {members.data.map((member) => (
                <TableRow key={member.id}>
                  <TableCell>
                    <div className="font-medium text-slate-900">
                      {member.name}
                      {member.userId === myUserId ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
                    </div>
                    <div className="break-all text-xs text-slate-600">{member.email}</div>
                  </TableCell>
                  <TableCell>
                    {mayManage(role, member) ? (
                      <Select
                        aria-label={`Role of ${member.name}`}
                        className="w-32"
                        value={member.role}
                        disabled={changeRole.isPending}
                        onChange={(event) => onRoleChange(member, event.target.value as Role)}
                      >
                        {grantable.map((option) => (
                          <option key={option} value={option}>
                            {roleLabels[option]}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <Badge tone={member.role === 'owner' ? 'info' : 'neutral'}>{roleLabels[member.role]}</Badge>
                    )}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{formatDate(member.createdAt)}</TableCell>
                  {showActions ? (
                    <TableCell className="text-right">
                      {mayManage(role, member) ? (
                        <ConfirmDialog
                          trigger={
                            <Button variant="ghost" size="sm" aria-label={`Remove ${member.name}`}>
                              Remove
                            </Button>
                          }
                          title={`Remove ${member.name}?`}
                          description={`${member.email} loses access to this organization at once: their sessions end, and the API keys and invitations they created are revoked.`}
                          confirmLabel="Remove member"
                          onConfirm={() => onRemove(member)}
                        />
                      ) : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </tbody>
          </Table>
        ) : null}
      </SettingsSection>
      {can(role, 'members:manage') ? <InvitationsSection /> : null}
    </div>
  );
}

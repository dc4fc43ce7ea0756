import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogContent, DialogDoneFooter } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { roleLabels } from '@/features/auth/permissions';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { CopyableSecret } from './CopyableSecret';
import { GrantableRoleField } from './GrantableRoleField';
import { invitationLink, invitationsQuery, useInvite, useRevokeInvitation, type CreatedInvitation } from './queries';
import { formatDate } from '@/lib/dates';
import { SettingsSection } from './SettingsSection';

const inviteForm = z.object({
  email: z.email('Enter an email address'),
  role: z.enum(['admin', 'member', 'viewer']),
});
type InviteForm = z.infer<typeof inviteForm>;

export function InvitationsSection() {
  const invitations = useQuery(invitationsQuery);
  const revoke = useRevokeInvitation();
  const [sent, setSent] = useState<CreatedInvitation | null>(null);

  return (
    <SettingsSection title="Invitations" description="Invite a teammate by email; they choose their password when they open the link.">
      <InviteForm onSent={setSent} />
      <Dialog open={sent !== null} onOpenChange={(open) => (open ? undefined : setSent(null))}>
        {sent ? (
          <DialogContent
            title="Invitation created"
            description={`Send this link to ${sent.email}. It works once, until ${formatDate(sent.expiresAt)}, and you won't see it again.`}
          >
            <CopyableSecret label="Invitation link" value={invitationLink(sent.token)} />
            <DialogDoneFooter label="Done" />
          </DialogContent>
        ) : null}
      </Dialog>
      {invitations.isPending ? <LoadingRows label="Loading invitations" /> : null}
      {invitations.isError ? (
        <ErrorState title="Invitations could not be loaded" error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : null}
      {invitations.data?.length === 0 ? (
        <p className="text-sm text-slate-600">No pending invitations. Invite a teammate with the form above.</p>
      ) : null}
      {invitations.data && invitations.data.length > 0 ? (
        <>
          <h3 className="text-sm font-semibold text-slate-900">Pending invitations</h3>
          <Table aria-label="Pending invitations">
            <TableHead>
              <tr>
                <TableHeader>Email</TableHeader>
                <TableHeader>Role</TableHeader>
                <TableHeader>Expires</TableHeader>
                <TableHeader>
                  <span className="sr-only">Actions</span>
                </TableHeader>
              </tr>
            </TableHead>
            <tbody>
              {invitations.data.map((invitation) => (
                <TableRow key={invitation.id}>
                  <TableCell className="font-medium text-slate-900">{invitation.email}</TableCell>
                  <TableCell>{roleLabels[invitation.role]}</TableCell>
                  <TableCell className="whitespace-nowrap">{formatDate(invitation.expiresAt)}</TableCell>
                  <TableCell className="text-right">
                    <ConfirmDialog
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Revoke the invitation for ${invitation.email}`}>
                          Revoke
                        </Button>
                      }
                      title="Revoke this invitation?"
                      description={`The link sent to ${invitation.email} stops working. You can invite them again later.`}
                      confirmLabel="Revoke invitation"
                      onConfirm={async () => {
                        try {
                          await revoke.mutateAsync(invitation.id);
                          toast.success(`The invitation for ${invitation.email} was revoked`);
                        } catch (error) {
                          toast.error(error instanceof ApiError ? error.problem.detail : 'The invitation could not be revoked. Try again.');
                        }
                      }}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}
    </SettingsSection>
  );
}

function InviteForm({ onSent }: { onSent: (invitation: CreatedInvitation) => void }) {
  const invite = useInvite();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<InviteForm>({ resolver: zodResolver(inviteForm), defaultValues: { email: '', role: 'member' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      onSent(await invite.mutateAsync(values));
      form.reset({ email: '', role: values.role });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, ['email', 'role']));
    }
  });

  return (
    <Card className="p-5">
      <form className="space-y-3" onSubmit={onSubmit} noValidate aria-label="Invite a member">
        {formError ? <Alert>{formError}</Alert> : null}
        <div className="grid items-start gap-3 sm:grid-cols-[1fr_10rem_auto]">
          <FormField label="Email" type="email" autoComplete="off" error={errors.email?.message} {...form.register('email')} />
          <GrantableRoleField registration={form.register('role')} error={errors.role?.message} />
          <Button type="submit" className="sm:mt-6" disabled={isSubmitting}>
            {isSubmitting ? 'Inviting…' : 'Send invitation'}
          </Button>
        </div>
        <p className="text-xs text-slate-500">
          Viewers see everything and change nothing; members run campaigns and leads; admins also manage the team, API keys and mailboxes.
        </p>
      </form>
    </Card>
  );
}

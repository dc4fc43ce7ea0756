import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { FormField } from '@/components/ui/form-field';
import { LoadingRows } from '@/components/ui/page';
import { AuthLayout } from '@/features/auth/AuthLayout';
import { roleLabels } from '@/features/auth/permissions';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { invitationPreviewQuery, useAcceptInvitation, type InvitationPreview } from './queries';

// Field names are the API body's, so the server's issue paths land on them as they are.
const newAccountForm = z.object({
  name: z.string().trim().min(1, 'Enter your name'),
  password: z.string().min(10, 'Use at least 10 characters'),
});
const existingAccountForm = z.object({
  name: z.string(),
  password: z.string().min(1, 'Enter your password'),
});
type AcceptForm = z.infer<typeof newAccountForm>;

const signInFooter = (
  <>
    Not expecting an invitation?{' '}
    <Link to="/sign-in" className="font-medium text-indigo-700 hover:underline">
      Sign in
    </Link>
  </>
);

/** The public page an invitation link opens: it says whom the invitee joins, then a newcomer creates an account and an existing user signs in with theirs. */
export function AcceptInvitationPage() {
  const { token } = useParams({ from: '/invitations/$token' });
  const preview = useQuery(invitationPreviewQuery(token));
  if (preview.isPending) {
    return (
      <AuthLayout title="Join your team on Ophir" subtitle="Reading your invitation…" footer={signInFooter}>
        <LoadingRows label="Reading your invitation" />
      </AuthLayout>
    );
  }
  if (preview.isError) {
    if (preview.error instanceof ApiError && preview.error.problem.status === 404)
      return (
        <AuthLayout title="This invitation can't be used" subtitle="Invitations work once and expire after 7 days." footer={signInFooter}>
          <Alert>This link was already used, revoked or has expired. Ask whoever invited you to send a new invitation.</Alert>
        </AuthLayout>
      );
    return (
      <AuthLayout title="Join your team on Ophir" subtitle="Your invitation could not be read just now." footer={signInFooter}>
        <ErrorState title="Your invitation could not be read" error={preview.error} onRetry={() => void preview.refetch()} />
      </AuthLayout>
    );
  }
  return <AcceptForm token={token} invitation={preview.data} />;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const [hasAccount, setHasAccount] = useState(invitation.hasAccount);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AcceptForm>({
    resolver: zodResolver(hasAccount ? existingAccountForm : newAccountForm),
    defaultValues: { name: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await accept.mutateAsync({ token, password: values.password, ...(hasAccount ? {} : { name: values.name }) });
      await navigate({ to: '/dashboard' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, hasAccount ? ['password'] : ['name', 'password']));
    }
  });

  const switchMode = () => {
    setHasAccount(!hasAccount);
    setFormError(null);
    form.clearErrors();
  };

  return (
    <AuthLayout
      title={`Join ${invitation.organizationName}`}
      subtitle={
        hasAccount
          ? `You're invited as ${roleLabels[invitation.role].toLowerCase()}. Sign in with your Ophir password for ${invitation.email} to add this organization to your account.`
          : `You're invited as ${roleLabels[invitation.role].toLowerCase()}. Choose your name and a password for ${invitation.email}.`
      }
      footer={signInFooter}
    >
      <form className="space-y-4" onSubmit={onSubmit} noValidate>
        {formError ? <Alert>{formError}</Alert> : null}
        {hasAccount ? null : <FormField label="Name" autoComplete="name" error={errors.name?.message} {...form.register('name')} />}
        <FormField
          label="Password"
          type="password"
          autoComplete={hasAccount ? 'current-password' : 'new-password'}
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? 'Joining…' : hasAccount ? 'Sign in and join' : 'Accept invitation'}
        </Button>
        <button
          type="button"
          className="w-full text-center text-sm font-medium text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
          onClick={switchMode}
        >
          {hasAccount ? 'I am new to Ophir' : 'I already have an Ophir account'}
        </button>
      </form>
    </AuthLayout>
  );
}

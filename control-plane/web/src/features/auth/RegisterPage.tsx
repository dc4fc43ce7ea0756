import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { AuthLayout } from './AuthLayout';
import { useRegister } from './queries';

// Field names are the API body's, so the server's issue paths land on them as they are.
const registerForm = z.object({
  name: z.string().trim().min(1, 'Enter your name'),
  organizationName: z.string().trim().min(1, "Enter your organization's name"),
  email: z.email('Enter an email address'),
  password: z.string().min(10, 'Use at least 10 characters'),
});
type RegisterForm = z.infer<typeof registerForm>;

export function RegisterPage() {
  const navigate = useNavigate();
  const register = useRegister();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RegisterForm>({
    resolver: zodResolver(registerForm),
    defaultValues: { name: '', organizationName: '', email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await register.mutateAsync(values);
      await navigate({ to: '/dashboard' });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, ['name', 'organizationName', 'email', 'password']));
    }
  });

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Your organization is created with you as its owner."
      footer={
        <>
          Already have an account?{' '}
          <Link to="/sign-in" className="font-medium text-indigo-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <form className="space-y-4" onSubmit={onSubmit} noValidate>
        {formError ? <Alert>{formError}</Alert> : null}
        <FormField label="Name" autoComplete="name" error={errors.name?.message} {...form.register('name')} />
        <FormField
          label="Organization"
          autoComplete="organization"
          error={errors.organizationName?.message}
          {...form.register('organizationName')}
        />
        <FormField label="Email" type="email" autoComplete="email" error={errors.email?.message} {...form.register('email')} />
        <FormField
          label="Password"
          type="password"
          autoComplete="new-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? 'Creating account…' : 'Create account'}
        </Button>
      </form>
    </AuthLayout>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TimeZoneField } from '@/components/ui/time-zone-field';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { useUpdateOrganization } from './queries';

const timezoneForm = z.object({ timezone: z.string().trim().min(1, 'Enter a time zone, e.g. Europe/Berlin') });
type TimezoneForm = z.infer<typeof timezoneForm>;

/** The organization's zone: what new campaigns and mailboxes start in (each can be changed on its own page). */
export function OrganizationTimezoneForm({ current }: { current: string }) {
  const update = useUpdateOrganization();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TimezoneForm>({ resolver: zodResolver(timezoneForm), values: { timezone: current } });
  const { errors, isSubmitting, isDirty } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync(values);
      toast.success(`New campaigns and mailboxes start in ${values.timezone}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, ['timezone']));
    }
  });
  return (
    <form className="mt-6 max-w-md space-y-4 border-t border-slate-200 pt-6" onSubmit={onSubmit} noValidate>
      <TimeZoneField label="Time zone" error={errors.timezone?.message} {...form.register('timezone')} />
      <p className="text-xs text-slate-500">New campaigns and mailboxes start in this zone; each can keep its own.</p>
      {formError ? <Alert>{formError}</Alert> : null}
      <Button type="submit" disabled={isSubmitting || !isDirty}>
        Save time zone
      </Button>
    </form>
  );
}

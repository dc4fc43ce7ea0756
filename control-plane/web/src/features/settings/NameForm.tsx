import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';

/**
 * One name to edit (the organization's, your own). The field is the API body's `name`; its length limit
 * is the server's to say, so its field error shows on the field as it is.
 */
export function NameForm({
  label,
  autoComplete,
  current,
  emptyMessage,
  submitLabel,
  savedMessage,
  save,
  className,
}: {
  label: string;
  autoComplete: string;
  current: string;
  emptyMessage: string;
  submitLabel: string;
  savedMessage: string;
  save: (body: { name: string }) => Promise<unknown>;
  className?: string;
}) {
  const schema = useMemo(() => z.object({ name: z.string().trim().min(1, emptyMessage) }), [emptyMessage]);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ name: string }>({ resolver: zodResolver(schema), defaultValues: { name: current } });
  const { errors, isSubmitting, isDirty } = form.formState;

  useEffect(() => form.reset({ name: current }), [form, current]);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await save(values);
      toast.success(savedMessage);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, ['name']));
    }
  });

  return (
    <form className={className ?? 'space-y-4'} onSubmit={onSubmit} noValidate>
      {formError ? <Alert>{formError}</Alert> : null}
      <FormField label={label} autoComplete={autoComplete} error={errors.name?.message} {...form.register('name')} />
      <Button type="submit" disabled={isSubmitting || !isDirty}>
        {isSubmitting ? 'Saving…' : submitLabel}
      </Button>
    </form>
  );
}

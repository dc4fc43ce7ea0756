import { zodResolver } from '@hookform/resolvers/zod';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormField } from '@/components/ui/form-field';
import { useCan } from '@/features/auth/permissions';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { useCreateLabel, useDeleteLabel, type InboxCustomLabel } from './queries';

const newLabelSchema = z.object({ name: z.string().trim().min(1, 'Give the label a name').max(40, 'At most 40 characters') });
type NewLabel = z.infer<typeof newLabelSchema>;

/** The organization's own labels, beside the built-in ones: listed for everyone, added and deleted by members. */
export function LabelsManager({ labels }: { labels: InboxCustomLabel[] | undefined }) {
  const canEdit = useCan('inbox:reply');
  const create = useCreateLabel();
  const remove = useDeleteLabel();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<NewLabel>({ resolver: zodResolver(newLabelSchema), defaultValues: { name: '' } });

  const submit = form.handleSubmit(async ({ name }) => {
    setFormError(null);
    try {
      await create.mutateAsync(name);
      form.reset();
    } catch (error) {
      if (error instanceof ApiError) setFormError(applyProblemToForm(error.problem, form.setError, ['name']));
      else throw error;
    }
  });

  return (
    <section aria-labelledby="own-labels" className="border-t border-slate-200 pt-4">
      <h2 id="own-labels" className="text-xs font-semibold uppercase tracking-wide text-slate-600">
        Your labels
      </h2>
      {labels && labels.length > 0 ? (
        <ul className="mt-2 space-y-1">
          {labels.map((label) => (
            <li key={label.id} className="flex items-center justify-between gap-2 text-sm text-slate-800">
              <span className="truncate">
                {label.name} <span className="text-xs text-slate-500">({label.threads})</span>
              </span>
              {canEdit ? (
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost" size="sm" aria-label={`Delete label ${label.name}`}>
                      <Trash2 className="size-4" aria-hidden="true" />
                    </Button>
                  }
                  title={`Delete the label “${label.name}”?`}
                  description={`${label.threads === 1 ? 'One conversation has' : `${label.threads} conversations have`} this label; they will have no label.`}
                  confirmLabel="Delete label"
                  onConfirm={() => remove.mutateAsync(label.id)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-xs text-slate-600">Add labels of your own, such as “Follow up in Q1”, beside the built-in ones.</p>
      )}
      {canEdit ? (
        <form onSubmit={(event) => void submit(event)} className="mt-3 space-y-2" noValidate>
          <FormField label="New label" error={form.formState.errors.name?.message} {...form.register('name')} />
          {formError ? (
            <p role="alert" className="text-sm text-red-700">
              {formError}
            </p>
          ) : null}
          <Button type="submit" variant="secondary" size="sm" className="w-full" disabled={form.formState.isSubmitting}>
            Add label
          </Button>
        </form>
      ) : null}
    </section>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { useUpdateCampaign, type Campaign } from '../queries';

const nameForm = z.object({ name: z.string().trim().min(1, 'Give the campaign a name').max(200, 'Use at most 200 characters') });
type NameForm = z.infer<typeof nameForm>;

/** The campaign's name, saved on its own: the name only labels it for the team, leads never see it. */
export function NameForm({ campaign, canEdit }: { campaign: Campaign; canEdit: boolean }) {
  const update = useUpdateCampaign(campaign.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<NameForm>({ resolver: zodResolver(nameForm), values: { name: campaign.name } });
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async ({ name }) => {
    setFormError(null);
    try {
      await update.mutateAsync({ name });
      toast.success('Name saved');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, ['name']));
    }
  });

  return (
    <form className="flex flex-wrap items-end gap-3" onSubmit={onSubmit} noValidate>
      <fieldset disabled={!canEdit} className="flex min-w-72 flex-1 flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <FormField label="Campaign name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
        </div>
        <Button type="submit" variant="secondary" disabled={isSubmitting || !isDirty}>
          {isSubmitting ? 'Saving…' : 'Save name'}
        </Button>
      </fieldset>
      {formError ? <Alert className="w-full">{formError}</Alert> : null}
    </form>
  );
}

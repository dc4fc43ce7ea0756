import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { useCreateCampaign } from './queries';

const newCampaignForm = z.object({ name: z.string().trim().min(1, 'Give the campaign a name').max(200, 'Use at most 200 characters') });
type NewCampaignForm = z.infer<typeof newCampaignForm>;

/** Names a new draft, creates it and opens its builder: everything else can be set there, in any order. */
export function NewCampaignDialog() {
  const [open, setOpen] = useState(false);
  const create = useCreateCampaign();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<NewCampaignForm>({ resolver: zodResolver(newCampaignForm), defaultValues: { name: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ name }) => {
    setFormError(null);
    try {
      const campaign = await create.mutateAsync(name);
      setOpen(false);
      form.reset();
      await navigate({ to: '/campaigns/$campaignId/edit', params: { campaignId: campaign.id } });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, ['name']));
    }
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus className="size-4" aria-hidden="true" />
          New campaign
        </Button>
      </DialogTrigger>
      <DialogContent title="New campaign" description="It starts as a draft: nothing is sent until you start it from the builder.">
        <form className="space-y-4" onSubmit={onSubmit} noValidate>
          {formError ? <Alert>{formError}</Alert> : null}
          <FormField
            label="Campaign name"
            autoComplete="off"
            placeholder="Q1 founders outreach"
            error={errors.name?.message}
            {...form.register('name')}
          />
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? 'Creating…' : 'Create draft'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

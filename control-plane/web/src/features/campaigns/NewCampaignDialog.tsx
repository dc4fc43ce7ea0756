import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ApiForm, FormInput } from '@/components/ui/api-form';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { useCreateCampaign } from './queries';

const newCampaignForm = z.object({ name: z.string().trim().min(1, 'Give the campaign a name').max(200, 'Use at most 200 characters') });
type NewCampaignForm = z.infer<typeof newCampaignForm>;

/** Names a new draft, creates it and opens its builder: everything else can be set there, in any order. */
export function NewCampaignDialog() {
  const [open, setOpen] = useState(false);
  const create = useCreateCampaign();
  const navigate = useNavigate();
  const form = useForm<NewCampaignForm>({ resolver: zodResolver(newCampaignForm), defaultValues: { name: '' } });

  const createDraft = async ({ name }: NewCampaignForm) => {
    const campaign = await create.mutateAsync(name);
    setOpen(false);
    form.reset();
    await navigate({ to: '/campaigns/$campaignId/edit', params: { campaignId: campaign.id } });
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus className="size-4" aria-hidden="true" />
          New campaign
        </Button>
      </DialogTrigger>
      <DialogContent title="New campaign" description="It starts as a draft: nothing is sent until you start it from the builder.">
        <ApiForm form={form} onSubmit={createDraft} submitLabel="Create draft" pendingLabel="Creating…" inDialog>
          <FormInput form={form} name="name" label="Campaign name" autoComplete="off" placeholder="Q1 founders outreach" />
        </ApiForm>
      </DialogContent>
    </Dialog>
  );
}

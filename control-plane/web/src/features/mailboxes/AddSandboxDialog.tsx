import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { ApiForm, FormInput } from '@/components/ui/api-form';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { useCreateSandboxMailbox } from './queries';

// Field names are the API body's, so the server's issue paths land on them as they are.
const sandboxForm = z.object({
  email: z.email('Enter an email address'),
  displayName: z.string().trim().max(200, 'Use at most 200 characters'),
});
type SandboxForm = z.infer<typeof sandboxForm>;

export function AddSandboxDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const create = useCreateSandboxMailbox();
  const form = useForm<SandboxForm>({ resolver: zodResolver(sandboxForm), defaultValues: { email: '', displayName: '' } });

  const addMailbox = async ({ email, displayName }: SandboxForm) => {
    const mailbox = await create.mutateAsync({ email, ...(displayName ? { displayName } : {}) });
    toast.success(`Sandbox mailbox ${mailbox.email} added`);
    form.reset();
    onOpenChange(false);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Add a sandbox mailbox"
        description="It captures what campaigns send instead of delivering it, so you can try a campaign safely."
      >
        <ApiForm form={form} onSubmit={addMailbox} submitLabel="Add sandbox mailbox" pendingLabel="Adding…" inDialog>
          <FormInput form={form} name="email" label="Address" type="email" autoComplete="off" placeholder="outreach@example.com" />
          <FormInput form={form} name="displayName" label="Display name" autoComplete="off" placeholder="Outbound team" />
        </ApiForm>
      </DialogContent>
    </Dialog>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { useCreateSandboxMailbox } from './queries';

// Field names are the API body's, so the server's issue paths land on them as they are.
const sandboxForm = z.object({
  email: z.email('Enter an email address'),
  displayName: z.string().trim().max(200, 'Use at most 200 characters'),
});
type SandboxForm = z.infer<typeof sandboxForm>;

export function AddSandboxDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const create = useCreateSandboxMailbox();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SandboxForm>({ resolver: zodResolver(sandboxForm), defaultValues: { email: '', displayName: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email, displayName }) => {
    setFormError(null);
    try {
      const mailbox = await create.mutateAsync({ email, ...(displayName ? { displayName } : {}) });
      toast.success(`Sandbox mailbox ${mailbox.email} added`);
      form.reset();
      onOpenChange(false);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, ['email', 'displayName']));
    }
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Add a sandbox mailbox"
        description="It captures what campaigns send instead of delivering it, so you can try a campaign safely."
      >
        <form className="space-y-4" onSubmit={onSubmit} noValidate>
          {formError ? <Alert>{formError}</Alert> : null}
          <FormField
            label="Address"
            type="email"
            autoComplete="off"
            placeholder="outreach@example.com"
            error={errors.email?.message}
            {...form.register('email')}
          />
          <FormField
            label="Display name"
            autoComplete="off"
            placeholder="Outbound team"
            error={errors.displayName?.message}
            {...form.register('displayName')}
          />
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? 'Adding…' : 'Add sandbox mailbox'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

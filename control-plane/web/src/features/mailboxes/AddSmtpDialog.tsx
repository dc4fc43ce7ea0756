import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type Path, type UseFormReturn } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { CheckboxField, SelectField, tlsModeOptions } from './fields';
import { useCreateSmtpMailbox, type CreateSmtpMailbox } from './queries';

const port = z
  .number({ error: 'Enter a port number' })
  .int('Enter a whole number')
  .min(1, 'Use a port from 1 to 65535')
  .max(65535, 'Use a port from 1 to 65535');
const tlsMode = z.enum(['tls', 'starttls', 'none']);
const server = { host: z.string().trim(), port, tlsMode, username: z.string().trim(), password: z.string() };

// Field names are the API body's (smtp.host, imap.password...), so the server's issue paths land on them as they are.
const smtpForm = z
  .object({
    email: z.email('Enter an email address'),
    displayName: z.string().trim().max(200, 'Use at most 200 characters'),
    smtp: z.object({
      ...server,
      host: server.host.min(1, 'Enter the SMTP server'),
      password: server.password.min(1, 'Enter the password'),
    }),
    imapEnabled: z.boolean(),
    imap: z.object({ ...server, port: z.number().optional() }),
  })
  .superRefine((form, ctx) => {
    if (!form.imapEnabled) return;
    if (!form.imap.host) ctx.addIssue({ code: 'custom', path: ['imap', 'host'], message: 'Enter the IMAP server' });
    const imapPort = port.safeParse(form.imap.port);
    if (!imapPort.success)
      ctx.addIssue({ code: 'custom', path: ['imap', 'port'], message: imapPort.error.issues[0]?.message ?? 'Enter a port number' });
  });
type SmtpForm = z.infer<typeof smtpForm>;

const formFields: Path<SmtpForm>[] = [
  'email',
  'displayName',
  'smtp.host',
  'smtp.port',
  'smtp.tlsMode',
  'smtp.username',
  'smtp.password',
  'imap.host',
  'imap.port',
  'imap.tlsMode',
  'imap.username',
  'imap.password',
];

function toBody(form: SmtpForm): CreateSmtpMailbox {
  const { smtp, imap } = form;
  return {
    email: form.email,
    ...(form.displayName ? { displayName: form.displayName } : {}),
    smtp: {
      host: smtp.host,
      port: smtp.port,
      tlsMode: smtp.tlsMode,
      password: smtp.password,
      ...(smtp.username ? { username: smtp.username } : {}),
    },
    ...(form.imapEnabled && imap.port !== undefined
      ? {
          imap: {
            host: imap.host,
            port: imap.port,
            tlsMode: imap.tlsMode,
            ...(imap.username ? { username: imap.username } : {}),
            ...(imap.password ? { password: imap.password } : {}),
          },
        }
      : {}),
  };
}

/** Host, port, security, username and password of the SMTP or the IMAP server, named as the API body names them. */
function ServerFields({
  protocol,
  form,
  usernameHint,
  passwordHint,
}: {
  protocol: 'smtp' | 'imap';
  form: UseFormReturn<SmtpForm>;
  usernameHint: string;
  passwordHint: string;
}) {
  const errors = form.formState.errors[protocol];
  const name = protocol.toUpperCase();
  return (
    <>
      <div className="grid grid-cols-[1fr_8rem] gap-4">
        <FormField
          label={`${name} host`}
          autoComplete="off"
          placeholder={`${protocol}.example.com`}
          error={errors?.host?.message}
          {...form.register(`${protocol}.host`)}
        />
        <FormField
          label={`${name} port`}
          type="number"
          inputMode="numeric"
          error={errors?.port?.message}
          {...form.register(`${protocol}.port`, { valueAsNumber: true })}
        />
      </div>
      <SelectField label={`${name} security`} error={errors?.tlsMode?.message} {...form.register(`${protocol}.tlsMode`)}>
        {tlsModeOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <div className="grid grid-cols-2 gap-4">
        <FormField
          label={`${name} username`}
          autoComplete="off"
          placeholder={usernameHint}
          error={errors?.username?.message}
          {...form.register(`${protocol}.username`)}
        />
        <FormField
          label={`${name} password`}
          type="password"
          autoComplete="new-password"
          placeholder={passwordHint || undefined}
          error={errors?.password?.message}
          {...form.register(`${protocol}.password`)}
        />
      </div>
    </>
  );
}

export function AddSmtpDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const create = useCreateSmtpMailbox();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SmtpForm>({
    resolver: zodResolver(smtpForm),
    defaultValues: {
      email: '',
      displayName: '',
      smtp: { host: '', port: 587, tlsMode: 'starttls', username: '', password: '' },
      imapEnabled: false,
      imap: { host: '', port: 993, tlsMode: 'tls', username: '', password: '' },
    },
  });
  const { errors, isSubmitting } = form.formState;
  const imapEnabled = form.watch('imapEnabled');

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const mailbox = await create.mutateAsync(toBody(values));
      toast.success(`SMTP mailbox ${mailbox.email} added: the server accepted the login`);
      form.reset();
      onOpenChange(false);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, formFields));
    }
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Add an SMTP mailbox"
        description="Any provider that offers SMTP. We log in once to check the settings before saving them; the password is stored encrypted."
        className="max-w-2xl"
      >
        <form className="space-y-5" onSubmit={onSubmit} noValidate>
          {formError ? <Alert>{formError}</Alert> : null}
          <div className="grid grid-cols-2 gap-4">
            <FormField
              label="Address"
              type="email"
              autoComplete="off"
              placeholder="sales@example.com"
              error={errors.email?.message}
              {...form.register('email')}
            />
            <FormField
              label="Display name"
              autoComplete="off"
              placeholder="Acme Sales"
              error={errors.displayName?.message}
              {...form.register('displayName')}
            />
          </div>
          <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold text-slate-900">Sending (SMTP)</legend>
            <ServerFields protocol="smtp" form={form} usernameHint="The address, if empty" passwordHint="" />
          </fieldset>
          <CheckboxField
            label="Read replies and bounces over IMAP"
            hint="Without IMAP, replies to this mailbox do not stop sequences."
            {...form.register('imapEnabled')}
          />
          {imapEnabled ? (
            <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
              <legend className="px-1 text-sm font-semibold text-slate-900">Receiving (IMAP)</legend>
              <ServerFields
                protocol="imap"
                form={form}
                usernameHint="The SMTP username, if empty"
                passwordHint="The SMTP password, if empty"
              />
            </fieldset>
          ) : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? 'Checking the login…' : 'Check and add mailbox'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { ApiForm, FormInput } from '@/components/ui/api-form';
import { Dialog, DialogContent } from '@/components/ui/dialog';
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
  const name = protocol.toUpperCase();
  return (
    <>
      <div className="grid grid-cols-[1fr_8rem] gap-4">
        <FormInput
          form={form}
          name={`${protocol}.host`}
          label={`${name} host`}
          autoComplete="off"
          placeholder={`${protocol}.example.com`}
        />
        <FormInput
          form={form}
          name={`${protocol}.port`}
          options={{ valueAsNumber: true }}
          label={`${name} port`}
          type="number"
          inputMode="numeric"
        />
      </div>
      <SelectField
        label={`${name} security`}
        error={form.getFieldState(`${protocol}.tlsMode`, form.formState).error?.message}
        {...form.register(`${protocol}.tlsMode`)}
      >
        {tlsModeOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <div className="grid grid-cols-2 gap-4">
        <FormInput form={form} name={`${protocol}.username`} label={`${name} username`} autoComplete="off" placeholder={usernameHint} />
        <FormInput
          form={form}
          name={`${protocol}.password`}
          label={`${name} password`}
          type="password"
          autoComplete="new-password"
          placeholder={passwordHint || undefined}
        />
      </div>
    </>
  );
}

export function AddSmtpDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const create = useCreateSmtpMailbox();
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
  const imapEnabled = form.watch('imapEnabled');

  const addMailbox = async (values: SmtpForm) => {
    const mailbox = await create.mutateAsync(toBody(values));
    toast.success(`SMTP mailbox ${mailbox.email} added: the server accepted the login`);
    form.reset();
    onOpenChange(false);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Add an SMTP mailbox"
        description="Any provider that offers SMTP. We log in once to check the settings before saving them; the password is stored encrypted."
        className="max-w-2xl"
      >
        <ApiForm
          form={form}
          onSubmit={addMailbox}
          submitLabel="Check and add mailbox"
          pendingLabel="Checking the login…"
          inDialog
          className="space-y-5"
        >
          <div className="grid grid-cols-2 gap-4">
            <FormInput form={form} name="email" label="Address" type="email" autoComplete="off" placeholder="sales@example.com" />
            <FormInput form={form} name="displayName" label="Display name" autoComplete="off" placeholder="Acme Sales" />
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
        </ApiForm>
      </DialogContent>
    </Dialog>
  );
}

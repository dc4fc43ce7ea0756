import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { ApiForm, FormInput } from '@/components/ui/api-form';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogContent, DialogDoneFooter } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { Table, TableCell, TableColumns, TableRow } from '@/components/ui/table';
import { roleLabels, useCan, useRole } from '@/features/auth/permissions';
import { ApiError } from '@/lib/api/problem';
import { CopyableSecret } from './CopyableSecret';
import { GrantableRoleField } from './GrantableRoleField';
import { apiKeysQuery, useCreateApiKey, useRevokeApiKey, type CreatedApiKey } from './queries';
import { formatDate, formatDateTime } from '@/lib/dates';
import { AdminOnly, SettingsSection } from './SettingsSection';

const apiKeyForm = z.object({
  name: z.string().trim().min(1, 'Name the key after what will use it'),
  role: z.enum(['admin', 'member', 'viewer']),
});
type ApiKeyForm = z.infer<typeof apiKeyForm>;

export function ApiKeysSettings() {
  const mayManage = useCan('apiKeys:manage');
  const role = useRole();
  // Nothing is asked of the API before the role is known: a refused call is no way to find out.
  if (role === undefined) return <LoadingRows label="Loading API keys" />;
  return mayManage ? <ApiKeysList /> : <AdminOnly what="API keys" />;
}

function ApiKeysList() {
  const keys = useQuery(apiKeysQuery);
  const revoke = useRevokeApiKey();
  return (
    <SettingsSection
      title="API keys"
      description="Keys let your own tools and scripts call the Ophir API as this organization."
      actions={<CreateApiKeyDialog />}
    >
      {keys.isPending ? <LoadingRows label="Loading API keys" /> : null}
      {keys.isError ? <ErrorState title="API keys could not be loaded" error={keys.error} onRetry={() => void keys.refetch()} /> : null}
      {keys.data?.length === 0 ? (
        <EmptyState
          icon={<KeyRound className="size-5" aria-hidden="true" />}
          title="No API keys yet"
          nextAction="Create a key for each tool that calls the API, so you can revoke one without breaking the others."
        />
      ) : null}
      {keys.data && keys.data.length > 0 ? (
        <Table aria-label="API keys">
          <TableColumns names={['Name', 'Key', 'Role', 'Last used', 'Created']} actions />
          <tbody>
            {keys.data.map((key) => (
              <TableRow key={key.id}>
                <TableCell className="font-medium text-slate-900">{key.name}</TableCell>
                <TableCell>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{key.prefix}…</code>
                </TableCell>
                <TableCell>{roleLabels[key.role]}</TableCell>
                <TableCell>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</TableCell>
                <TableCell>{formatDate(key.createdAt)}</TableCell>
                <TableCell className="text-right">
                  <ConfirmDialog
                    trigger={
                      <Button variant="ghost" size="sm" aria-label={`Revoke ${key.name}`}>
                        Revoke
                      </Button>
                    }
                    title={`Revoke “${key.name}”?`}
                    description="Anything still using this key is refused from now on. This cannot be undone."
                    confirmLabel="Revoke key"
                    onConfirm={async () => {
                      try {
                        await revoke.mutateAsync(key.id);
                        toast.success(`“${key.name}” was revoked`);
                      } catch (error) {
                        toast.error(error instanceof ApiError ? error.problem.detail : 'The key could not be revoked. Try again.');
                      }
                    }}
                  />
                </TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
    </SettingsSection>
  );
}

/** Create a key, then show it once: the API keeps only its hash. */
function CreateApiKeyDialog() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) setCreated(null);
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <Button onClick={() => setOpen(true)}>
        <KeyRound className="size-4" aria-hidden="true" />
        Create API key
      </Button>
      {open ? (
        created ? (
          <DialogContent
            title="Your new API key"
            description={
              <>
                Copy it now and store it somewhere safe: <strong className="font-semibold text-slate-900">you won't see it again.</strong>
              </>
            }
          >
            <CopyableSecret label="API key" value={created.key} />
            <p className="mt-3 text-xs text-slate-500">
              Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. It acts as{' '}
              {roleLabels[created.role].toLowerCase()} in this organization.
            </p>
            <DialogDoneFooter label="I've stored it" />
          </DialogContent>
        ) : (
          <DialogContent title="Create API key" description="Name it after the tool or script that will use it.">
            <CreateApiKeyForm onCreated={setCreated} />
          </DialogContent>
        )
      ) : null}
    </Dialog>
  );
}

function CreateApiKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const create = useCreateApiKey();
  const form = useForm<ApiKeyForm>({ resolver: zodResolver(apiKeyForm), defaultValues: { name: '', role: 'member' } });

  return (
    <ApiForm
      form={form}
      onSubmit={async (values) => onCreated(await create.mutateAsync(values))}
      submitLabel="Create key"
      pendingLabel="Creating…"
      inDialog
    >
      <FormInput form={form} name="name" label="Key name" autoComplete="off" placeholder="e.g. CRM sync" />
      <GrantableRoleField
        registration={form.register('role')}
        error={form.formState.errors.role?.message}
        hint="Give a key the least it needs: a reporting script only needs Viewer."
      />
    </ApiForm>
  );
}

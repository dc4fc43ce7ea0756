import { zodResolver } from '@hookform/resolvers/zod';
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Ban, FileUp, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Label } from '@/components/ui/label';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows, PageHeader } from '@/components/ui/page';
import { Select } from '@/components/ui/select';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan } from '@/features/auth/permissions';
import { ApiError, applyProblemToForm } from '@/lib/api/problem';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';
import { uploadCsv } from '@/lib/api/upload';
import { LeadsTabs } from '../LeadsTabs';
import { SearchBox } from '../SearchBox';
import { ShowMore } from '../ShowMore';
import { suppressionSourceLabel } from './suppressionSources';
import { addSuppression, removeSuppression, suppressionsQuery, type Suppression, type SuppressionsPage } from './queries';
import { formatDate } from '@/lib/dates';

const route = getRouteApi('/app/leads/suppressions');

const kindLabels: Record<Suppression['kind'], string> = { email: 'Address', domain: 'Domain', email_hash: 'Erased person' };
// The reason says why nobody there is mailed and the source how the entry came in, so a reason never names a
// way of adding: `manual` is the organization's own decision, whether typed in, sent by the API or imported.
const reasonLabels: Record<Suppression['reason'], string> = {
  unsubscribed: 'Unsubscribed',
  bounced: 'Bounced',
  complained: 'Complained',
  manual: 'Your choice',
  erased: 'Erased',
};
const reasonTones = { unsubscribed: 'warn', bounced: 'bad', complained: 'bad', manual: 'neutral', erased: 'neutral' } as const;

const addableReasons = ['manual', 'unsubscribed', 'bounced', 'complained'] as const;

// Field names are the API body's (kind, value, reason), so the server's issue paths land on them.
const addForm = z.object({
  kind: z.enum(['email', 'domain']),
  value: z.string().trim().min(1, 'Enter an address or a domain').max(254, 'At most 254 characters'),
  reason: z.enum(addableReasons),
});
type AddForm = z.infer<typeof addForm>;

function AddSuppressionDialog() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const kindId = useId();
  const reasonId = useId();
  const form = useForm<AddForm>({ resolver: zodResolver(addForm), defaultValues: { kind: 'email', value: '', reason: 'manual' } });
  const { errors, isSubmitting } = form.formState;
  const kind = form.watch('kind');
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { suppression, created } = await addSuppression(values);
      await queryClient.invalidateQueries({ queryKey: queryKeys.suppressions.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
      if (created) toast.success(`${suppression.value} will never be mailed`);
      else toast.info(`${suppression.value} was already suppressed`);
      setOpen(false);
      form.reset();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFormError(applyProblemToForm(error.problem, form.setError, ['kind', 'value', 'reason']));
    }
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          form.reset();
          setFormError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <Ban className="size-4" aria-hidden="true" />
          Add suppression
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Add a suppression"
        description="Nobody at a suppressed address or domain is mailed again; their running sequences stop now."
      >
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          {formError ? <Alert>{formError}</Alert> : null}
          <div className="space-y-1.5">
            <Label htmlFor={kindId}>Suppress</Label>
            <Select id={kindId} {...form.register('kind')}>
              <option value="email">One address</option>
              <option value="domain">A whole domain</option>
            </Select>
          </div>
          <FormField
            label={kind === 'domain' ? 'Domain' : 'Email address'}
            placeholder={kind === 'domain' ? 'example.com' : 'name@example.com'}
            autoComplete="off"
            error={errors.value?.message}
            {...form.register('value')}
          />
          <div className="space-y-1.5">
            <Label htmlFor={reasonId}>Reason</Label>
            <Select id={reasonId} {...form.register('reason')}>
              {addableReasons.map((reason) => (
                <option key={reason} value={reason}>
                  {reasonLabels[reason]}
                </option>
              ))}
            </Select>
            {errors.reason?.message ? <p className="text-sm text-red-700">{errors.reason.message}</p> : null}
          </div>
          <DialogFooter>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? 'Adding…' : 'Suppress'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

type ImportResult = components['schemas']['SuppressionImportResult'];

function ImportSuppressionsDialog() {
  const queryClient = useQueryClient();
  const fileId = useId();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reset = () => {
    setFile(null);
    setPercent(null);
    setResult(null);
    setError(null);
  };
  const upload = async () => {
    if (!file) return setError('Choose a CSV file first');
    setError(null);
    setPercent(0);
    try {
      const answer = await uploadCsv('/api/suppressions/import', file, {
        onProgress: ({ loaded, total }) => setPercent(total > 0 ? Math.round((loaded / total) * 100) : 0),
      });
      setResult(answer);
      await queryClient.invalidateQueries({ queryKey: queryKeys.suppressions.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.problem.detail : 'The file could not be uploaded. Try again.');
    } finally {
      setPercent(null);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <FileUp className="size-4" aria-hidden="true" />
          Import CSV
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Import suppressions"
        description="A CSV with a column of addresses or domains (email, domain or value); optional reason and source columns. An @example.com value suppresses the domain."
      >
        {result ? (
          <div className="space-y-3 text-sm">
            <p className="text-slate-800" role="status">
              {result.rowsRead} rows read: {result.added} added, {result.alreadyPresent} already suppressed, {result.rejected} rejected.
            </p>
            {result.issues.length > 0 ? (
              <ul className="max-h-48 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-3 text-slate-700">
                {result.issues.map((issue) => (
                  <li key={issue.line}>
                    <span className="font-medium">Line {issue.line}:</span> {issue.message}
                  </li>
                ))}
              </ul>
            ) : null}
            <DialogFooter>
              <Button onClick={() => setOpen(false)}>Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <div className="space-y-4">
            {error ? <Alert>{error}</Alert> : null}
            <div className="space-y-1.5">
              <Label htmlFor={fileId}>Suppression CSV file</Label>
              <input
                id={fileId}
                type="file"
                accept=".csv,.tsv,.txt,text/csv,text/plain"
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
                className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50 focus-visible:rounded-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
              />
            </div>
            {percent !== null ? (
              <div
                role="progressbar"
                aria-label="Upload progress"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                className="h-2 overflow-hidden rounded-full bg-slate-100"
              >
                <div className="h-full rounded-full bg-indigo-600" style={{ width: `${percent}%` }} />
              </div>
            ) : null}
            <DialogFooter>
              <Button onClick={() => void upload()} disabled={percent !== null}>
                {percent !== null ? 'Importing…' : 'Import suppressions'}
              </Button>
            </DialogFooter>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

function RemoveSuppressionButton({ suppression }: { suppression: Suppression }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => removeSuppression(suppression.id),
    onSuccess: () => {
      toast.success(`${suppression.value} may be mailed again`);
      // Out of every cached page at once, so no other search shows it while it refetches.
      queryClient.setQueriesData<InfiniteData<SuppressionsPage>>({ queryKey: queryKeys.suppressions.all }, (data) =>
        data
          ? { ...data, pages: data.pages.map((page) => ({ ...page, data: page.data.filter((row) => row.id !== suppression.id) })) }
          : data,
      );
      return queryClient.invalidateQueries({ queryKey: queryKeys.suppressions.all });
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Remove suppression of ${suppression.value}`}>
          <Trash2 className="size-4" aria-hidden="true" />
          Remove
        </Button>
      }
      title={`Remove the suppression of ${suppression.value}?`}
      description={
        suppression.kind === 'domain'
          ? `Campaigns may mail everyone at ${suppression.value} again. Leads that unsubscribed, bounced or complained keep that status.`
          : `Campaigns may mail ${suppression.value} again. If this person unsubscribed or complained, mailing them again breaks the law in many countries.`
      }
      confirmLabel="Remove suppression"
      onConfirm={() => remove.mutateAsync().catch(() => undefined)}
    />
  );
}

export function SuppressionsPage() {
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const suppressions = useInfiniteQuery(suppressionsQuery(filters));
  const rows = suppressions.data?.pages.flatMap((page) => page.data);
  const filtered = Boolean(filters.search || filters.kind);
  const kindFilterId = useId();
  const canAdd = useCan('suppressions:write');
  const canRemove = useCan('suppressions:delete');
  return (
    <>
      <LeadsTabs current="suppressions" />
      <PageHeader
        title="Suppressions"
        description="Addresses and domains your organization never mails: unsubscribes, bounces, complaints and the ones you add."
        actions={
          canAdd ? (
            <div className="flex shrink-0 gap-2">
              <ImportSuppressionsDialog />
              <AddSuppressionDialog />
            </div>
          ) : undefined
        }
      />
      <div className="flex flex-wrap items-start gap-3">
        <SearchBox
          label="Search suppressions"
          value={filters.search ?? ''}
          onSearch={(search) => void navigate({ search: (current) => ({ ...current, search: search || undefined }), replace: true })}
        />
        <div className="w-44">
          <Label htmlFor={kindFilterId} className="sr-only">
            Kind
          </Label>
          <Select
            id={kindFilterId}
            value={filters.kind ?? ''}
            onChange={(event) =>
              void navigate({
                search: (current) => ({ ...current, kind: (event.target.value || undefined) as Suppression['kind'] | undefined }),
                replace: true,
              })
            }
          >
            <option value="">All kinds</option>
            <option value="email">Addresses</option>
            <option value="domain">Domains</option>
            <option value="email_hash">Erased people</option>
          </Select>
        </div>
      </div>
      {suppressions.isPending ? <LoadingRows label="Loading suppressions" /> : null}
      {suppressions.isError ? (
        <ErrorState
          title="The suppression list could not be loaded"
          error={suppressions.error}
          onRetry={() => void suppressions.refetch()}
        />
      ) : null}
      {rows?.length === 0 ? (
        filtered ? (
          <p className="py-8 text-center text-sm text-slate-600">No suppression matches this search.</p>
        ) : (
          <EmptyState
            icon={<Ban className="size-5" aria-hidden="true" />}
            title="Nothing suppressed yet"
            nextAction="Unsubscribes, bounces and complaints land here by themselves. Add an address or a domain you must never mail, or import your existing blocklist as a CSV."
          />
        )
      ) : null}
      {rows && rows.length > 0 ? (
        <Table>
          <caption className="sr-only">Suppressions</caption>
          <TableHead>
            <tr>
              <TableHeader>Address or domain</TableHeader>
              <TableHeader>Reason</TableHeader>
              <TableHeader>Source</TableHeader>
              <TableHeader>Added</TableHeader>
              <TableHeader>
                <span className="sr-only">Actions</span>
              </TableHeader>
            </tr>
          </TableHead>
          <tbody>
            {rows.map((suppression) => (
              <TableRow key={suppression.id}>
                {/* The kind sits under the value and a source wraps, so the table keeps its Remove button within 1024 px. */}
                <TableCell className="max-w-72">
                  <p className="truncate font-medium" title={suppression.value}>
                    {suppression.kind === 'email_hash' ? (
                      <span className="font-mono text-xs text-slate-500">{suppression.value.slice(0, 16)}…</span>
                    ) : (
                      suppression.value
                    )}
                  </p>
                  <p className="mt-0.5 text-xs text-slate-500">{kindLabels[suppression.kind]}</p>
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <Badge tone={reasonTones[suppression.reason]}>{reasonLabels[suppression.reason]}</Badge>
                </TableCell>
                <TableCell className="max-w-40 break-words text-slate-600">{suppressionSourceLabel(suppression.source)}</TableCell>
                <TableCell className="whitespace-nowrap">{formatDate(suppression.createdAt)}</TableCell>
                <TableCell className="text-right">
                  {/* An erased person stays suppressed for good: the API refuses to lift it. */}
                  {suppression.kind === 'email_hash' || !canRemove ? null : <RemoveSuppressionButton suppression={suppression} />}
                </TableCell>
              </TableRow>
            ))}
          </tbody>
        </Table>
      ) : null}
      <ShowMore query={suppressions} />
    </>
  );
}

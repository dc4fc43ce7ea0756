import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Check, FileUp } from 'lucide-react';
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page';
import { Select } from '@/components/ui/select';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ApiError } from '@/lib/api/problem';
import { queryKeys } from '@/lib/api/queryKeys';
import { uploadCsv, type UploadProgress } from '@/lib/api/upload';
import { cn } from '@/lib/cn';
import { LeadsTabs } from '../LeadsTabs';
import { organizationQuery } from '@/features/settings/queries';
import { leadListsQuery } from '../queries';
import { ImportProgress } from './ImportProgress';
import { isUsable, mappingProblems, serverMappingProblems, type ColumnMapping, type MappingProblems } from './mapping';
import { MappingEditor } from './MappingEditor';
import { cancelImport, commitImport, type LeadImportPreview } from './queries';
import { formatDecimal, formatNumber } from '@/lib/dates';

const route = getRouteApi('/app/leads/import');

const steps = ['Upload', 'Map columns', 'Options', 'Import'] as const;
type Step = (typeof steps)[number];

function StepList({ current }: { current: Step }) {
  const currentIndex = steps.indexOf(current);
  return (
    <ol aria-label="Import steps" className="mb-6 flex flex-wrap items-center gap-2 text-sm">
      {steps.map((step, index) => (
        <li key={step} aria-current={step === current ? 'step' : undefined} className="flex items-center gap-2">
          <span
            className={cn(
              'flex size-6 items-center justify-center rounded-full text-xs font-semibold',
              index < currentIndex
                ? 'bg-indigo-600 text-white'
                : index === currentIndex
                  ? 'bg-indigo-100 text-indigo-800 ring-2 ring-indigo-600'
                  : 'bg-slate-200 text-slate-600',
            )}
            aria-hidden="true"
          >
            {index < currentIndex ? <Check className="size-3.5" /> : index + 1}
          </span>
          <span className={cn(index === currentIndex ? 'font-semibold text-slate-900' : 'text-slate-600')}>{step}</span>
          {index < steps.length - 1 ? <span className="mx-1 h-px w-8 bg-slate-300" aria-hidden="true" /> : null}
        </li>
      ))}
    </ol>
  );
}

const kilobyte = 1024;
function formatBytes(bytes: number): string {
  if (bytes < kilobyte) return `${formatNumber(bytes)} B`;
  if (bytes < kilobyte * kilobyte) return `${formatDecimal(bytes / kilobyte)} kB`;
  return `${formatDecimal(bytes / kilobyte / kilobyte)} MB`;
}

function UploadStep({ onUploaded }: { onUploaded: (preview: LeadImportPreview) => void }) {
  const [progress, setProgress] = useState<(UploadProgress & { fileName: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setProgress({ loaded: 0, total: file.size, fileName: file.name });
    try {
      onUploaded(await uploadCsv('/api/lead-imports', file, { onProgress: (next) => setProgress({ ...next, fileName: file.name }) }));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.problem.detail : 'The file could not be uploaded. Try again.');
      setProgress(null);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files[0]);
  };
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  return (
    <Card className="p-6">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          'flex flex-col items-center rounded-xl border-2 border-dashed px-6 py-12 text-center transition-colors',
          dragging ? 'border-indigo-500 bg-indigo-50' : 'border-slate-300 bg-slate-50',
        )}
      >
        <span className="flex size-11 items-center justify-center rounded-full bg-indigo-100 text-indigo-700">
          <FileUp className="size-5" aria-hidden="true" />
        </span>
        <p className="mt-4 text-base font-semibold text-slate-900">Drop a CSV file here, or choose one</p>
        <p className="mt-1 max-w-md text-sm text-slate-600">
          Exports from spreadsheets and CRMs work as they are: any encoding, commas, semicolons or tabs. One column must hold email
          addresses.
        </p>
        <div className="mt-5 space-y-1.5 text-left">
          <Label htmlFor="csv-file">CSV file</Label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            disabled={progress !== null}
            onChange={(event) => void upload(event.target.files?.[0])}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-600 file:px-4 file:py-2 file:text-sm file:font-medium file:text-white hover:file:bg-indigo-700 focus-visible:rounded-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2"
          />
        </div>
      </div>
      {progress ? (
        <div className="mt-5 space-y-1.5">
          <div className="flex justify-between text-sm text-slate-700">
            <span>Uploading {progress.fileName}…</span>
            <span className="tabular-nums">
              {formatBytes(progress.loaded)} of {formatBytes(progress.total)}
            </span>
          </div>
          <div
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-2 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-full rounded-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
        </div>
      ) : null}
      {error ? <Alert className="mt-5">{error}</Alert> : null}
    </Card>
  );
}

const delimiterNames: Record<string, string> = { ',': 'Comma', ';': 'Semicolon', '\t': 'Tab', '|': 'Pipe' };
const encodingNames: Record<string, string> = {
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western)',
  shift_jis: 'Shift_JIS (Japanese)',
  gb18030: 'GB18030 (Chinese)',
  big5: 'Big5 (Chinese)',
  'euc-kr': 'EUC-KR (Korean)',
};
const encodingName = (encoding: string) => encodingNames[encoding] ?? encoding.toUpperCase();

function FileFacts({ preview }: { preview: LeadImportPreview }) {
  const { format } = preview;
  const facts = [
    ['File', preview.fileName ?? 'Uploaded file'],
    ['Encoding', `${encodingName(format.encoding)}${format.bom ? ' (with BOM)' : ''}`],
    ['Delimiter', delimiterNames[format.delimiter] ?? format.delimiter],
    ['Header row', format.hasHeaderRow ? `Line ${format.headerLine}` : 'None: the first line is data'],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt className="text-slate-500">{term}</dt>
          <dd className="truncate font-medium text-slate-900" title={value}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function PreviewRows({ preview }: { preview: LeadImportPreview }) {
  const headers = preview.format.headers;
  return (
    <Table className="text-xs">
      <caption className="sr-only">First rows of the file</caption>
      <TableHead>
        <tr>
          {headers.map((header, column) => (
            <TableHeader key={column} className="whitespace-nowrap normal-case">
              {header || `Column ${column + 1}`}
            </TableHeader>
          ))}
        </tr>
      </TableHead>
      <tbody>
        {preview.preview.rows.slice(0, 5).map((row, index) => (
          <TableRow key={index}>
            {headers.map((_, column) => (
              <TableCell key={column} className="max-w-48 truncate whitespace-nowrap py-2">
                {row[column] ?? ''}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </tbody>
    </Table>
  );
}

function MappingStep({
  preview,
  mapping,
  serverProblems,
  onChange,
  onBack,
  onContinue,
}: {
  preview: LeadImportPreview;
  mapping: ColumnMapping[];
  serverProblems: MappingProblems | null;
  onChange: (mapping: ColumnMapping[]) => void;
  onBack: () => void;
  onContinue: () => void;
}) {
  const problems = useMemo(() => {
    const local = mappingProblems(mapping);
    return serverProblems && isUsable(local) ? serverProblems : local;
  }, [mapping, serverProblems]);
  const [triedToContinue, setTriedToContinue] = useState(false);
  return (
    <div className="space-y-6">
      <Card className="p-5">
        <FileFacts preview={preview} />
      </Card>
      {preview.previousImportId ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This very file was imported before. Importing it again creates no duplicates: its leads count as existing leads.
        </p>
      ) : null}
      <section aria-labelledby="preview-heading" className="space-y-2">
        <h2 id="preview-heading" className="text-base font-semibold text-slate-900">
          First rows
        </h2>
        <PreviewRows preview={preview} />
      </section>
      <section aria-labelledby="mapping-heading" className="space-y-2">
        <h2 id="mapping-heading" className="text-base font-semibold text-slate-900">
          What each column becomes
        </h2>
        <p className="text-sm text-slate-600">
          We matched your columns to lead fields; check them. A column you don’t map to a field is kept as a custom field you can use in
          templates.
        </p>
        {problems.overall.length > 0 && triedToContinue ? <Alert>{problems.overall.join(' ')}</Alert> : null}
        <MappingEditor mapping={mapping} rows={preview.preview.rows} problems={problems} onChange={onChange} />
      </section>
      <div className="flex justify-between">
        <Button variant="secondary" onClick={onBack}>
          Upload another file
        </Button>
        <Button
          onClick={() => {
            setTriedToContinue(true);
            if (isUsable(problems)) onContinue();
          }}
        >
          Continue
        </Button>
      </div>
    </div>
  );
}

interface ImportOptions {
  onExisting: 'skip' | 'update';
  listId: string;
  warnActiveCampaigns: boolean;
  verifyAddresses: boolean;
}

function OptionsStep({
  preview,
  mapping,
  onBack,
  onStart,
}: {
  preview: LeadImportPreview;
  mapping: ColumnMapping[];
  onBack: () => void;
  onStart: (options: ImportOptions) => Promise<string | null>;
}) {
  const lists = useQuery(leadListsQuery);
  const organization = useQuery(organizationQuery);
  const [options, setOptions] = useState<ImportOptions>({
    onExisting: preview.onExisting,
    listId: preview.listId ?? '',
    warnActiveCampaigns: false,
    verifyAddresses: organization.data?.verifyLeadsAtImport ?? true,
  });
  // The organization's default, once known, unless the box was already changed.
  const [verifyTouched, setVerifyTouched] = useState(false);
  const verifyByDefault = organization.data?.verifyLeadsAtImport;
  useEffect(() => {
    if (verifyByDefault !== undefined && !verifyTouched) setOptions((current) => ({ ...current, verifyAddresses: verifyByDefault }));
  }, [verifyByDefault, verifyTouched]);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const imported = mapping.filter((entry) => entry.target !== 'ignore').length;
  return (
    <div className="space-y-6">
      <Card className="space-y-6 p-6">
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold text-slate-900">Leads already in Ophir</legend>
          {(
            [
              ['skip', 'Skip them', 'Keep what Ophir has; the file’s row is counted as skipped.'],
              [
                'update',
                'Update them',
                'Fill in the file’s non-empty values; custom fields and tags are merged. An empty cell never erases.',
              ],
            ] as const
          ).map(([value, label, hint]) => (
            <label
              key={value}
              className="flex items-start gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50/50"
            >
              <input
                type="radio"
                name="onExisting"
                value={value}
                checked={options.onExisting === value}
                onChange={() => setOptions({ ...options, onExisting: value })}
                className="mt-0.5 size-4 accent-indigo-600"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{label}</span>
                <span className="block text-sm text-slate-600">{hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="max-w-sm space-y-1.5">
          <Label htmlFor="import-list">Add every lead of the file to a list</Label>
          <Select id="import-list" value={options.listId} onChange={(event) => setOptions({ ...options, listId: event.target.value })}>
            <option value="">No list</option>
            {lists.data?.map((list) => (
              <option key={list.id} value={list.id}>
                {list.name}
              </option>
            ))}
          </Select>
          {lists.isError ? (
            <ErrorState title="Lead lists could not be loaded" error={lists.error} onRetry={() => void lists.refetch()} />
          ) : null}
          <p className="text-xs text-slate-500">
            Lists are made on the{' '}
            <Link to="/leads/lists" className="font-medium text-indigo-700 hover:underline">
              Lists
            </Link>{' '}
            page.
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <Checkbox
            checked={options.warnActiveCampaigns}
            onChange={(event) => setOptions({ ...options, warnActiveCampaigns: event.target.checked })}
          />
          Count the leads already in an active campaign
        </label>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <Checkbox
            className="mt-0.5"
            checked={options.verifyAddresses}
            onChange={(event) => {
              setVerifyTouched(true);
              setOptions({ ...options, verifyAddresses: event.target.checked });
            }}
          />
          <span>
            <span className="block">Verify addresses</span>
            <span className="block text-slate-600">
              Once imported, check that each domain receives email and flag throwaway domains and shared inboxes (info@, sales@…). Invalid
              addresses are left out of campaigns.
            </span>
          </span>
        </label>
      </Card>
      <p className="text-sm text-slate-600">
        {imported} of {mapping.length} columns will be imported from {preview.fileName ?? 'the file'}.
      </p>
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex justify-between">
        <Button variant="secondary" onClick={onBack} disabled={starting}>
          Back to the mapping
        </Button>
        <Button
          disabled={starting}
          onClick={async () => {
            setStarting(true);
            setError(null);
            const failure = await onStart(options);
            if (failure !== null) {
              setError(failure);
              setStarting(false);
            }
          }}
        >
          {starting ? 'Starting…' : 'Start import'}
        </Button>
      </div>
    </div>
  );
}

/**
 * The CSV import: upload (with its progress), the preview and the column mapping, the options, then
 * the import's live progress and the rows it could not take. The started import's id goes in the URL,
 * so a reload or a link from the history shows its progress.
 */
export function ImportWizardPage() {
  const { importId } = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<LeadImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping[]>([]);
  const [serverProblems, setServerProblems] = useState<MappingProblems | null>(null);
  const [step, setStep] = useState<Step>('Upload');
  const current: Step = importId ? 'Import' : step;

  const start = async (options: ImportOptions): Promise<string | null> => {
    if (!preview) return null;
    try {
      const started = await commitImport(preview.id, {
        mapping,
        onExisting: options.onExisting,
        listId: options.listId || null,
        warnActiveCampaigns: options.warnActiveCampaigns,
        verifyAddresses: options.verifyAddresses,
      });
      queryClient.setQueryData(queryKeys.leadImports.one(started.id), started);
      void queryClient.invalidateQueries({ queryKey: queryKeys.leadImports.history });
      await navigate({ search: { importId: started.id } });
      return null;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const problems = serverMappingProblems(error.problem.issues ?? []);
      if (problems.byColumn.size > 0 || problems.overall.length > 0) {
        setServerProblems(problems);
        setStep('Map columns');
        return null;
      }
      return error.problem.issues?.length ? error.problem.issues.map((issue) => issue.message).join('; ') : error.problem.detail;
    }
  };

  return (
    <>
      <LeadsTabs current="imports" />
      <PageHeader
        title="Import leads from a CSV file"
        description="Upload a file, check how its columns become lead fields, and follow the import as it runs."
        actions={
          current === 'Import' ? (
            <Button
              variant="secondary"
              onClick={() => {
                setPreview(null);
                setStep('Upload');
                void navigate({ search: {} });
              }}
            >
              Import another file
            </Button>
          ) : null
        }
      />
      <StepList current={current} />
      {current === 'Upload' ? (
        <UploadStep
          onUploaded={(uploaded) => {
            setPreview(uploaded);
            setMapping(uploaded.mapping);
            setServerProblems(null);
            setStep('Map columns');
          }}
        />
      ) : null}
      {current === 'Map columns' && preview ? (
        <MappingStep
          preview={preview}
          mapping={mapping}
          serverProblems={serverProblems}
          onChange={(next) => {
            setMapping(next);
            setServerProblems(null);
          }}
          onBack={() => {
            // The abandoned upload is cancelled now (its file deleted) rather than left to expire in a day.
            void cancelImport(preview.id)
              .catch(() => undefined)
              .finally(() => void queryClient.invalidateQueries({ queryKey: queryKeys.leadImports.history }));
            setPreview(null);
            setStep('Upload');
          }}
          onContinue={() => setStep('Options')}
        />
      ) : null}
      {current === 'Options' && preview ? (
        <OptionsStep preview={preview} mapping={mapping} onBack={() => setStep('Map columns')} onStart={start} />
      ) : null}
      {current === 'Import' && importId ? <ImportProgress importId={importId} /> : null}
    </>
  );
}

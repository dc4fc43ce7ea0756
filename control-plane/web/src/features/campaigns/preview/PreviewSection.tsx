import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Eye, Send } from 'lucide-react';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState, LoadingRows } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';
import { SelectField } from '@/features/mailboxes/fields';
import { mailboxesQuery } from '@/features/mailboxes/queries';
import { ApiError } from '@/lib/api/problem';
import { useSettledInput } from '@/lib/useSettledInput';
import { sequenceQuery, type Sequence } from '../sequence/queries';
import { previewLeadsQuery, previewQuery, useTestSend, type PreviewedStep, type TestSend } from './queries';

/** The HTML is the marketer's own, rendered only in a frame sandboxed with no permissions, never in this page. */
const frameDocument = (html: string) =>
  `<meta charset="utf-8"><style>body{font:14px/1.5 system-ui,sans-serif;color:#0f172a;margin:12px}</style>${html}`;

function RenderedMessage({ to, step }: { to: string; step: PreviewedStep }) {
  return (
    <article aria-label={`Step ${step.step} for ${to}`} className="space-y-3">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-medium text-slate-700">To</dt>
        <dd className="text-slate-900">{to}</dd>
        <dt className="font-medium text-slate-700">Subject</dt>
        <dd className="font-semibold text-slate-900">{step.subject || '(no subject)'}</dd>
        <dt className="font-medium text-slate-700">Variant</dt>
        <dd className="text-slate-900">{step.variantLabel}</dd>
      </dl>
      <details className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-xs" open>
        <summary className="cursor-pointer text-sm font-medium text-slate-800">Headers</summary>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
          {step.headers.map((header) => (
            <div key={header.name} className="contents">
              <dt className="font-medium text-slate-700">{header.name}</dt>
              <dd className="break-all font-mono text-slate-800">{header.value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-slate-600">
          From, Date and Message-ID are set by the mailbox that sends it; follow-ups also carry the thread's In-Reply-To.
        </p>
      </details>
      <div>
        <p className="text-sm font-medium text-slate-700">Text</p>
        <pre className="mt-1 whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-3 font-sans text-sm text-slate-900">
          {step.bodyText}
        </pre>
      </div>
      {step.bodyHtml ? (
        <iframe
          title="HTML version"
          sandbox=""
          srcDoc={frameDocument(step.bodyHtml)}
          className="h-64 w-full rounded-lg border border-slate-200 bg-white"
        />
      ) : null}
      {step.sendId ? null : (
        <p className="text-xs text-slate-600">
          This lead's message is not queued yet, so its unsubscribe link is a placeholder; the real one is made when the step is queued.
        </p>
      )}
    </article>
  );
}

function TestSendForm({
  campaignId,
  leadId,
  step,
  variantLabel,
}: {
  campaignId: string;
  leadId: string;
  step: number;
  variantLabel: string;
}) {
  const mailboxes = useQuery(mailboxesQuery);
  const sandboxes = (mailboxes.data ?? []).filter((mailbox) => mailbox.provider === 'sandbox');
  const [mailboxId, setMailboxId] = useState('');
  const chosen = mailboxId || sandboxes[0]?.id || '';
  const testSend = useTestSend(campaignId);
  const [sent, setSent] = useState<TestSend | null>(null);

  if (mailboxes.isPending) return <LoadingRows label="Loading mailboxes" />;
  if (sandboxes.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        Add a sandbox mailbox on the{' '}
        <Link to="/mailboxes" className="font-medium text-indigo-700 underline">
          Mailboxes
        </Link>{' '}
        page to send tests to: it keeps messages instead of delivering them.
      </p>
    );
  }
  const send = () => {
    setSent(null);
    testSend.mutate({ leadId, step, mailboxId: chosen, ...(variantLabel ? { variantLabel } : {}) }, { onSuccess: setSent });
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64">
          <SelectField label="Sandbox mailbox" value={chosen} onChange={(event) => setMailboxId(event.target.value)}>
            {sandboxes.map((mailbox) => (
              <option key={mailbox.id} value={mailbox.id}>
                {mailbox.email}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="button" variant="secondary" onClick={send} disabled={testSend.isPending}>
          <Send className="size-4" aria-hidden /> {testSend.isPending ? 'Sending test…' : 'Send test'}
        </Button>
      </div>
      {testSend.error ? <Alert>{testSend.error instanceof ApiError ? testSend.error.problem.detail : testSend.error.message}</Alert> : null}
      {sent ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Test of step {sent.step} (“{sent.subject || '(no subject)'}”) kept by the sandbox mailbox.{' '}
          <Link to="/mailboxes/$mailboxId" params={{ mailboxId: sent.mailboxId }} hash="sandbox-heading" className="font-medium underline">
            Open it in the sandbox mailbox
          </Link>
        </p>
      ) : (
        <p className="text-xs text-slate-600">
          A test is rendered like this preview and is not a send of the campaign: no lead, stat or thread changes.
        </p>
      )}
    </div>
  );
}

function PreviewPicker({ campaignId, sequence }: { campaignId: string; sequence: Sequence }) {
  const canSendTests = useCan('campaigns:write');
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useSettledInput(search, setSearch);
  const leads = useQuery(previewLeadsQuery(search));
  const [leadId, setLeadId] = useState('');
  const [stepNumber, setStepNumber] = useState(1);
  const [variantLabel, setVariantLabel] = useState('');
  const chosenLead = leadId || leads.data?.[0]?.id || '';
  const step = sequence.steps.find((s) => s.step === stepNumber) ?? sequence.steps[0]!;
  const preview = useQuery({
    ...previewQuery(campaignId, { leadId: chosenLead, step: step.step, variantLabel: variantLabel || undefined }),
    enabled: chosenLead !== '',
  });

  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField
          label="Find a lead"
          type="search"
          placeholder="Email, name or company"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <SelectField label="Lead" value={chosenLead} onChange={(event) => setLeadId(event.target.value)} disabled={!leads.data?.length}>
          {leads.data?.length ? (
            leads.data.map((lead) => (
              <option key={lead.id} value={lead.id}>
                {[lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email} — {lead.email}
              </option>
            ))
          ) : (
            <option value="">{leads.isPending ? 'Loading leads…' : 'No lead matches'}</option>
          )}
        </SelectField>
        <SelectField
          label="Step"
          value={step.step}
          onChange={(event) => {
            setStepNumber(Number(event.target.value));
            setVariantLabel('');
          }}
        >
          {sequence.steps.map((s) => (
            <option key={s.id} value={s.step}>
              Step {s.step}
            </option>
          ))}
        </SelectField>
        <SelectField label="Variant" value={variantLabel} onChange={(event) => setVariantLabel(event.target.value)}>
          <option value="">The one this lead gets</option>
          {step.variants.map((variant) => (
            <option key={variant.id} value={variant.label}>
              Variant {variant.label}
            </option>
          ))}
        </SelectField>
      </div>
      {chosenLead === '' ? (
        <p className="text-sm text-slate-600">Import or add a lead to preview the sequence with real values.</p>
      ) : preview.isPending ? (
        <LoadingRows label="Rendering the preview" />
      ) : preview.isError ? (
        <ErrorState title="The preview could not be loaded" error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <>
          <RenderedMessage to={preview.data.to} step={preview.data.step} />
          {canSendTests ? (
            <div className="border-t border-slate-200 pt-4">
              <h3 className="text-sm font-semibold text-slate-900">Send a test</h3>
              <TestSendForm campaignId={campaignId} leadId={chosenLead} step={step.step} variantLabel={variantLabel} />
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

/** A step rendered for a real lead exactly as it will be sent (subject, body, headers), and a test send to a sandbox mailbox. */
export function PreviewSection({ campaignId }: { campaignId: string }) {
  const sequence = useQuery(sequenceQuery(campaignId));
  return (
    <Card className="p-5">
      <section aria-labelledby="preview-heading" className="space-y-4">
        <div>
          <h2 id="preview-heading" className="text-base font-semibold text-slate-900">
            Preview
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Pick a lead to see a saved step exactly as it will be sent: the same variant, the same pick among alternative wordings,
            fallbacks and unsubscribe link.
          </p>
        </div>
        {sequence.isPending ? (
          <LoadingRows label="Loading the sequence" />
        ) : sequence.isError ? (
          <ErrorState title="The sequence could not be loaded" error={sequence.error} onRetry={() => void sequence.refetch()} />
        ) : sequence.data.steps.length === 0 ? (
          <EmptyState
            icon={<Eye className="size-5" aria-hidden />}
            title="Nothing to preview yet"
            nextAction="Save a sequence with at least one step, then preview it here."
          />
        ) : (
          <PreviewPicker key={campaignId} campaignId={campaignId} sequence={sequence.data} />
        )}
      </section>
    </Card>
  );
}

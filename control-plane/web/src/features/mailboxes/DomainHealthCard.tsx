import { useQuery } from '@tanstack/react-query';
import { CheckCircle2, CircleAlert, RefreshCw, XCircle } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { useCan } from '@/features/auth/permissions';
import { ApiError } from '@/lib/api/problem';
import { domainCheckQuery, useCheckDomainNow, type DomainFinding, type SendingDomainReport } from './domainCheckQueries';
import { formatDateTime } from '@/lib/dates';

/** Each check's name, and what it is about in a marketer's words. */
const checkNames: Record<DomainFinding['check'], { name: string; about: (domain: string) => string }> = {
  spf: { name: 'SPF', about: (domain) => `Which servers may send email as ${domain}` },
  dkim: { name: 'DKIM', about: (domain) => `The signature that proves a message really comes from ${domain}` },
  dmarc: { name: 'DMARC', about: () => 'What inboxes do with mail that fails SPF and DKIM, and where they send reports' },
  mx: { name: 'MX', about: (domain) => `Where replies and bounces to ${domain} are delivered` },
  blocklist: { name: 'Blocklist', about: (domain) => `Whether a spam blocklist lists ${domain}` },
};

const tones: Record<SendingDomainReport['status'], 'good' | 'warn' | 'bad' | 'neutral'> = {
  pass: 'good',
  warn: 'warn',
  fail: 'bad',
  unchecked: 'neutral',
};

/** The report in a few words: how many checks fail or are worth fixing. */
function overallLabel(report: SendingDomainReport): string {
  if (report.status === 'unchecked') return 'Not checked yet';
  if (report.status === 'pass') return 'All checks pass';
  const count = report.findings.filter((finding) => finding.status === report.status).length;
  if (report.status === 'fail') return count === 1 ? '1 check fails' : `${count} checks fail`;
  return count === 1 ? '1 check worth fixing' : `${count} checks worth fixing`;
}

const findingStatus: Record<DomainFinding['status'], { label: string; className: string; row: string }> = {
  pass: { label: 'Passes', className: 'text-emerald-800', row: '' },
  warn: { label: 'Worth fixing', className: 'text-amber-900', row: 'bg-amber-50' },
  fail: { label: 'Fails', className: 'text-red-800', row: 'bg-red-50' },
};

function StatusIcon({ status }: { status: DomainFinding['status'] }) {
  if (status === 'pass') return <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-hidden="true" />;
  if (status === 'warn') return <CircleAlert className="mt-0.5 size-5 shrink-0 text-amber-600" aria-hidden="true" />;
  return <XCircle className="mt-0.5 size-5 shrink-0 text-red-600" aria-hidden="true" />;
}

function Finding({ finding, domain }: { finding: DomainFinding; domain: string }) {
  const names = checkNames[finding.check];
  const status = findingStatus[finding.status];
  return (
    <li className={`-mx-2 flex gap-3 rounded-md px-2 py-3 ${status.row}`} aria-label={`${names.name}: ${status.label}`}>
      <StatusIcon status={finding.status} />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="text-sm">
          <span className="font-semibold text-slate-900">{names.name}</span>
          <span className={`ml-2 font-medium ${status.className}`}>{status.label}</span>
          <span className="ml-2 text-slate-600">{names.about(domain)}</span>
        </p>
        <p className="text-sm text-slate-700">{finding.summary}</p>
        {finding.status !== 'pass' ? (
          <p className="text-sm text-slate-900">
            <span className="font-medium">What to change: </span>
            {finding.advice}
          </p>
        ) : null}
        {finding.record ? (
          <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700">
            {finding.record}
          </pre>
        ) : null}
      </div>
    </li>
  );
}

function CheckAgain({ report }: { report: SendingDomainReport }) {
  const check = useCheckDomainNow(report.mailboxId);
  const [selector, setSelector] = useState(report.dkimSelector ?? '');
  const [error, setError] = useState<string | undefined>();
  const selectorId = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const named = selector.trim() || null;
    check.mutate(named === report.dkimSelector ? {} : { dkimSelector: named }, {
      onSuccess: (next) => toast.success(`${next.domain} checked: ${overallLabel(next).toLowerCase()}`),
      onError: (failure) => {
        const issue = failure instanceof ApiError ? failure.problem.issues?.find((entry) => entry.path === 'dkimSelector') : undefined;
        if (issue) setError(issue.message);
        else toast.error(failure instanceof ApiError ? failure.problem.detail : 'The check did not run. Try again in a moment.');
      },
    });
  };
  return (
    <form onSubmit={onSubmit} className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
      <div className="space-y-1.5">
        <Label htmlFor={selectorId}>DKIM selector (optional)</Label>
        <Input
          id={selectorId}
          value={selector}
          onChange={(event) => setSelector(event.target.value)}
          placeholder="e.g. s1"
          className="w-48"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${selectorId}-help`}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={check.isPending}>
        <RefreshCw className={`size-4 ${check.isPending ? 'animate-spin' : ''}`} aria-hidden="true" />
        {check.isPending ? 'Checking…' : 'Check again'}
      </Button>
      <p id={`${selectorId}-help`} className={`basis-full text-xs ${error ? 'text-red-700' : 'text-slate-600'}`}>
        {error ?? "The name before ._domainkey in your provider's DKIM record. Google's and Microsoft 365's are tried without it."}
      </p>
    </form>
  );
}

/** The sending domain's SPF, DKIM, DMARC, MX and blocklist checks: each one's status, the record as published and what to change. */
export function DomainHealthCard({ mailboxId }: { mailboxId: string }) {
  const report = useQuery(domainCheckQuery(mailboxId));
  const canCheck = useCan('mailboxes:write');
  return (
    <Card className="p-5 xl:col-span-2">
      <section aria-labelledby="domain-health-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="domain-health-heading" className="text-base font-semibold text-slate-900">
            Sending domain{report.data ? `: ${report.data.domain}` : ''}
          </h2>
          {report.data ? <Badge tone={tones[report.data.status]}>{overallLabel(report.data)}</Badge> : null}
        </div>
        {report.isPending ? <LoadingRows label="Loading the domain check" /> : null}
        {report.isError ? (
          <ErrorState title="The domain checks could not be loaded" error={report.error} onRetry={() => void report.refetch()} />
        ) : null}
        {report.data ? (
          <>
            <p className="mt-1 text-sm text-slate-600">
              {report.data.checkedAt
                ? `Checked ${formatDateTime(report.data.checkedAt)}. Checked again every day.`
                : 'Not checked yet: it is checked within the hour, or now with Check again.'}
              {report.data.status === 'fail'
                ? ' A failing check stops campaigns from this mailbox from starting, unless you start them anyway with a reason.'
                : ''}
            </p>
            {report.data.findings.length > 0 ? (
              <ul className="mt-2 divide-y divide-slate-100">
                {report.data.findings.map((finding, index) => (
                  <Finding key={`${finding.check}-${index}`} finding={finding} domain={report.data.domain} />
                ))}
              </ul>
            ) : null}
            {canCheck ? <CheckAgain key={report.data.dkimSelector ?? ''} report={report.data} /> : null}
          </>
        ) : null}
      </section>
    </Card>
  );
}

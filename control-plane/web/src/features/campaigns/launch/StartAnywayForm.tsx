import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { ApiError } from '@/lib/api/problem';
import { useStartDespiteDomain, type CampaignReadiness } from '../queries';

/**
 * When the only thing stopping a start is a sending domain that fails its checks, a person may start
 * anyway by saying why; the reason goes into the audit log with the failing checks.
 */
export function StartAnywayForm({ campaignId, readiness }: { campaignId: string; readiness: CampaignReadiness }) {
  const start = useStartDespiteDomain(campaignId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const reasonId = useId();
  const blocking = readiness.checks.filter((check) => check.blocking && !check.passed);
  if (blocking.length === 0 || !blocking.every((check) => check.overridable)) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    // Awaited rather than per-call callbacks: the started campaign replaces this form before they would run.
    try {
      await start.mutateAsync(reason.trim());
      toast.success('Campaign started despite the failing domain check; your reason is in the audit log');
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      setError(failure.problem.issues?.[0]?.message ?? failure.problem.detail);
    }
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-4">
      <Label htmlFor={reasonId}>Start anyway? Say why</Label>
      <p id={`${reasonId}-help`} className="text-sm text-amber-950">
        Mail from a domain that fails these checks is likely to land in spam or be refused. If you go ahead, your reason is recorded in the
        audit log.
      </p>
      <Textarea
        id={reasonId}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        rows={2}
        maxLength={500}
        placeholder="e.g. IT publishes the DMARC record today; the first step goes to 20 warm leads"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${reasonId}-help${error ? ` ${reasonId}-error` : ''}`}
      />
      {error ? (
        <p id={`${reasonId}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="danger" disabled={reason.trim().length < 3 || start.isPending}>
        {start.isPending ? 'Starting…' : 'Start anyway'}
      </Button>
    </form>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MailCheck } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from '@/components/ui/dialog';
import { queryKeys } from '@/lib/api/queryKeys';
import type { LeadFilters } from '../leadSearch';
import { useStartVerification, verificationRunQuery } from './queries';
import { VerificationSummary } from './VerificationSummary';

function RunProgress({ verificationId }: { verificationId: string }) {
  const queryClient = useQueryClient();
  const run = useQuery(verificationRunQuery(verificationId));
  const finished = run.data?.status === 'completed' || run.data?.status === 'failed';
  // The table's badges change once the run ends.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: queryKeys.leads.all });
  }, [finished, queryClient]);
  return run.data ? <VerificationSummary run={run.data} /> : <p className="text-sm text-slate-700">Starting…</p>;
}

/**
 * Checks the addresses of the chosen leads (or of every lead the filters match): whether each domain
 * receives email, throwaway domains, shared inboxes and your own domains. Shows the run until it ends.
 */
export function VerifyAddressesDialog({
  selection,
  what,
  size = 'sm',
}: {
  selection: { leadIds: string[] } | { filters: LeadFilters };
  /** "3 selected leads", "the filtered leads"… */
  what: string;
  size?: 'sm' | 'md';
}) {
  const [open, setOpen] = useState(false);
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const start = useStartVerification();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setVerificationId(null);
          start.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" size={size}>
          <MailCheck className="size-4" aria-hidden="true" />
          Verify addresses
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Verify addresses"
        description={`Check ${what}: that each domain receives email, and flag throwaway domains, shared inboxes (info@, sales@…) and your own domains. Invalid addresses are left out of campaigns.`}
      >
        {start.error ? <Alert>{start.error.message}</Alert> : null}
        {verificationId ? <RunProgress verificationId={verificationId} /> : null}
        <DialogFooter>
          {verificationId ? (
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Done
            </Button>
          ) : (
            <Button
              disabled={start.isPending}
              onClick={async () => {
                const run = await start.mutateAsync(selection).catch(() => null);
                if (run) setVerificationId(run.id);
              }}
            >
              {start.isPending ? 'Starting…' : 'Check addresses'}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

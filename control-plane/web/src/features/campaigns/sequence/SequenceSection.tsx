import { useQuery } from '@tanstack/react-query';
import { Card } from '@/components/ui/card';
import { ErrorState, LoadingRows } from '@/components/ui/page';
import { sequenceQuery } from './queries';

/** The campaign's steps, their delays and wording, with A/B variants. */
export function SequenceSection({ campaignId }: { campaignId: string }) {
  const sequence = useQuery(sequenceQuery(campaignId));
  if (sequence.isPending) return <LoadingRows label="Loading the sequence" />;
  if (sequence.isError) return <ErrorState error={sequence.error} />;
  return (
    <Card className="p-5">
      <section aria-labelledby="sequence-heading">
        <h2 id="sequence-heading" className="text-base font-semibold text-slate-900">
          Sequence
        </h2>
        <p className="mt-1 text-sm text-slate-600">{sequence.data.steps.length} steps</p>
      </section>
    </Card>
  );
}

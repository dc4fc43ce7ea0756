import { Card } from '@/components/ui/card';

/** A step rendered for a real lead exactly as it will be sent, and a test send to a sandbox mailbox. */
export function PreviewSection({ campaignId }: { campaignId: string }) {
  return (
    <Card className="p-5" data-campaign-id={campaignId}>
      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading" className="text-base font-semibold text-slate-900">
          Preview
        </h2>
        <p className="mt-1 text-sm text-slate-600">Pick a lead to see each step exactly as it will be sent.</p>
      </section>
    </Card>
  );
}

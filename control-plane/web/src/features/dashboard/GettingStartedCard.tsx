import { Link } from '@tanstack/react-router';
import { CheckCircle2, Circle } from 'lucide-react';
import { Card } from '@/components/ui/card';
import type { GettingStarted } from './queries';

const steps: Array<{ key: keyof GettingStarted; title: string; hint: string; to: '/mailboxes' | '/leads/import' | '/campaigns' }> = [
  {
    key: 'mailboxConnected',
    title: 'Connect a mailbox',
    hint: 'Gmail, Outlook, SMTP, or a sandbox to try things safely',
    to: '/mailboxes',
  },
  { key: 'leadsImported', title: 'Import leads', hint: 'Upload a CSV and map its columns', to: '/leads/import' },
  { key: 'campaignCreated', title: 'Create a campaign', hint: 'Write the steps of your sequence', to: '/campaigns' },
  { key: 'campaignStarted', title: 'Start it', hint: 'Enrol your leads and press Start campaign', to: '/campaigns' },
];

/** A new organization's first four steps, each ticked from what exists. */
export function GettingStartedCard({ progress }: { progress: GettingStarted }) {
  const done = steps.filter((step) => progress[step.key]).length;
  return (
    <Card className="p-5">
      <section aria-labelledby="getting-started-heading">
        <h2 id="getting-started-heading" className="text-base font-semibold text-slate-900">
          Getting started
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {done} of {steps.length} done: replies and sends show up here once your first campaign runs.
        </p>
        <ol className="mt-4 space-y-2">
          {steps.map((step) => {
            const ticked = progress[step.key];
            return (
              <li key={step.key} className="flex items-start gap-3 rounded-lg border border-slate-200 px-3 py-2.5">
                {ticked ? (
                  <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-hidden="true" />
                ) : (
                  <Circle className="mt-0.5 size-5 shrink-0 text-slate-400" aria-hidden="true" />
                )}
                <div className="min-w-0 flex-1">
                  <Link to={step.to} className="text-sm font-medium text-indigo-700 hover:underline">
                    {step.title}
                  </Link>
                  <span className="sr-only">{ticked ? ' (done)' : ' (to do)'}</span>
                  <p className="text-xs text-slate-600">{step.hint}</p>
                </div>
              </li>
            );
          })}
        </ol>
      </section>
    </Card>
  );
}

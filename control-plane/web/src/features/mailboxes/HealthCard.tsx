import { useQuery } from '@tanstack/react-query';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingRows } from '@/components/ui/page';
import { healthTone, warmingDays, warmingLabel } from './mailboxFormat';
import { mailboxHealthQuery, type MailboxHealth } from './queries';
import { formatPercent } from '@/lib/dates';

const partNames: Record<string, string> = {
  hard_bounces: 'Hard bounces',
  failures: 'Failed sends',
  replies: 'Replies',
  authentication: 'Connection',
  sending_domain: 'Sending domain',
  age: 'Age',
  inbox_placement: 'Inbox placement (warm-up)',
};

/** With the placement part the parts add up to more than 100: say how the score is scaled. */
function ScaleNote({ parts }: { parts: MailboxHealth['parts'] }) {
  const available = parts.reduce((sum, part) => sum + part.maxPoints, 0);
  if (available === 100) return null;
  const earned = Math.round(parts.reduce((sum, part) => sum + part.points, 0) * 10) / 10;
  return (
    <>
      The score is {earned} of {available} points, scaled to 100.{' '}
    </>
  );
}

/** The score from its explained parts (docs/mailboxes.md, "Health"; the inbox placement part: docs/warmup.md). */
export function HealthCard({ mailboxId }: { mailboxId: string }) {
  const health = useQuery(mailboxHealthQuery(mailboxId));
  return (
    <Card className="p-5">
      <section aria-labelledby="health-heading">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="health-heading" className="text-base font-semibold text-slate-900">
            Health
          </h2>
          {health.data ? (
            <div className="flex items-baseline gap-2">
              {health.data.warmingDay === null ? null : <Badge tone="info">{warmingLabel(health.data.warmingDay)}</Badge>}
              <Badge tone={healthTone(health.data.score)} className="text-sm tabular-nums">
                {Math.round(health.data.score)} / 100
              </Badge>
            </div>
          ) : null}
        </div>
        {health.isPending ? <LoadingRows label="Loading health" /> : null}
        {health.isError ? (
          <ErrorState title="Health could not be loaded" error={health.error} onRetry={() => void health.refetch()} />
        ) : null}
        {health.data ? (
          <>
            <ul className="mt-4 space-y-3">
              {health.data.parts.map((part) => (
                <li key={part.name}>
                  <div className="flex justify-between text-sm">
                    <span className="font-medium text-slate-800">{partNames[part.name] ?? part.name}</span>
                    <span className="tabular-nums text-slate-700">
                      {Math.round(part.points * 10) / 10} of {part.maxPoints}
                    </span>
                  </div>
                  <div className="mt-1 h-1.5 rounded-full bg-slate-100" aria-hidden="true">
                    <div
                      className="h-1.5 rounded-full bg-indigo-500"
                      style={{ width: `${part.maxPoints > 0 ? (part.points / part.maxPoints) * 100 : 0}%` }}
                    />
                  </div>
                  <p className="mt-1 text-xs text-slate-600">{part.explanation}</p>
                </li>
              ))}
            </ul>
            {health.data.warmingDay === null ? null : (
              <p className="mt-4 text-sm text-slate-700">
                This mailbox is in its first {warmingDays} days of warm-up: its reputation is still building, so campaigns from it get a
                warning.
              </p>
            )}
            <p className="mt-4 border-t border-slate-100 pt-3 text-xs text-slate-600">
              <ScaleNote parts={health.data.parts} />
              Over the last {health.data.window.attempts} attempts: {health.data.window.sent} sent,{' '}
              {formatPercent(health.data.window.hardBounceRate)} hard bounces, {formatPercent(health.data.window.replyRate)} replies.
              Sending pauses by itself at {formatPercent(health.data.autoPause.bounceRateThreshold)} hard bounces once{' '}
              {health.data.autoPause.minSends} sends are counted.
            </p>
          </>
        ) : null}
      </section>
    </Card>
  );
}

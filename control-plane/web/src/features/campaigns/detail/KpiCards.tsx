import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { cn } from '@/lib/cn';
import { formatNumber, formatPercent } from '@/lib/dates';
import type { Campaign } from '../queries';
import type { CampaignStats } from './queries';

function Kpi({ id, label, value, detail, emphasis }: { id: string; label: string; value: string; detail: ReactNode; emphasis?: boolean }) {
  return (
    <Card
      role="group"
      aria-labelledby={`kpi-${id}`}
      className={cn('p-4', emphasis && 'border-indigo-200 bg-indigo-50/60 sm:col-span-2 lg:col-span-1')}
    >
      <p id={`kpi-${id}`} className={cn('text-sm font-medium', emphasis ? 'text-indigo-900' : 'text-slate-600')}>
        {label}
      </p>
      <p
        data-testid={`kpi-${id}-value`}
        className={cn('mt-1 font-semibold tabular-nums tracking-tight', emphasis ? 'text-4xl text-indigo-700' : 'text-3xl text-slate-900')}
      >
        {value}
      </p>
      <p className="mt-1 text-xs text-slate-600">{detail}</p>
    </Card>
  );
}

function Engagement(props: { label: string; tracked: boolean; rate: number; people: number; machines: number; machineName: string }) {
  if (!props.tracked)
    return (
      <p className="rounded-lg border border-slate-200 bg-white px-4 py-2.5">
        <span className="font-medium text-slate-900">{props.label} not tracked</span> (off in the campaign&apos;s settings)
      </p>
    );
  return (
    <p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5">
      <span className="font-medium text-slate-900">
        {props.label} {formatPercent(props.rate)}
      </span>{' '}
      ({formatNumber(props.people)} by people, {formatNumber(props.machines)} by {props.machineName}){' '}
      <span className="text-amber-900">— unreliable</span>
    </p>
  );
}

/** The campaign's headline numbers, exactly as the API counts them; the reply rate comes first. */
export function KpiCards({ stats, tracking }: { stats: CampaignStats; tracking: Pick<Campaign, 'trackOpens' | 'trackClicks'> }) {
  const { totals, enrolled } = stats;
  return (
    <section aria-label="Results" className="space-y-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Kpi
          id="reply-rate"
          label="Reply rate"
          value={formatPercent(totals.rates.reply)}
          detail="Leads who replied, of the emails sent"
          emphasis
        />
        <Kpi
          id="sent"
          label="Sent"
          value={formatNumber(totals.sent)}
          detail={`${formatNumber(totals.failed)} failed, ${formatNumber(totals.cancelled)} cancelled`}
        />
        <Kpi
          id="replies"
          label="Replies"
          value={formatNumber(totals.replied)}
          detail={`plus ${formatNumber(totals.autoReplied)} auto-replies`}
        />
        <Kpi
          id="bounces"
          label="Bounces"
          value={formatNumber(totals.bounced)}
          detail={`${formatPercent(totals.rates.bounce)} of sent; ${formatNumber(totals.softBounced)} soft`}
        />
        <Kpi
          id="unsubscribes"
          label="Unsubscribes"
          value={formatNumber(totals.unsubscribed)}
          detail={`${formatPercent(totals.rates.unsubscribe)} of sent; ${formatNumber(totals.complained)} complaints`}
        />
      </div>
      <div className="grid grid-cols-1 gap-3 text-sm text-slate-700 md:grid-cols-3">
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-2.5">
          <span className="font-medium text-slate-900">Enrolled {formatNumber(enrolled.total)}</span>: {formatNumber(enrolled.active)}{' '}
          active, {formatNumber(enrolled.paused)} paused, {formatNumber(enrolled.completed)} completed, {formatNumber(enrolled.stopped)}{' '}
          stopped
        </p>
        <Engagement
          label="Opens"
          tracked={tracking.trackOpens}
          rate={totals.rates.open}
          people={totals.opened.uniqueHuman}
          machines={totals.opened.machine}
          machineName="machines"
        />
        <Engagement
          label="Clicks"
          tracked={tracking.trackClicks}
          rate={totals.rates.click}
          people={totals.clicked.uniqueHuman}
          machines={totals.clicked.machine}
          machineName="link scanners"
        />
      </div>
      {tracking.trackOpens || tracking.trackClicks ? (
        <p className="text-xs text-slate-600">
          Opens and clicks are unreliable: mail apps block tracking images and security scanners open links. Machine requests are counted
          apart; judge the campaign by replies.
        </p>
      ) : null}
    </section>
  );
}

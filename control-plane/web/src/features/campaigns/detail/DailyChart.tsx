import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyStats } from './queries';
import { chartDayLabel } from '@/lib/dates';

/** Sends per day as bars, replies, bounces and unsubscribes as lines, in the campaign's time zone. Never animated. */
export function DailyChart({ daily }: { daily: DailyStats }) {
  return (
    <div
      className="h-64 w-full"
      role="img"
      aria-label={`Emails sent, replies, bounces and unsubscribes per day from ${chartDayLabel(daily.from)} to ${chartDayLabel(daily.to)} (${daily.timezone})`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={daily.days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="date"
            tickFormatter={chartDayLabel}
            tick={{ fontSize: 11, fill: '#475569' }}
            interval="preserveStartEnd"
            minTickGap={24}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#475569' }} />
          <Tooltip labelFormatter={(value) => chartDayLabel(String(value))} isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="sent" name="Sent" fill="#a5b4fc" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Line dataKey="replied" name="Replies" stroke="#047857" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line dataKey="bounced" name="Bounces" stroke="#b91c1c" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line dataKey="unsubscribed" name="Unsubscribes" stroke="#b45309" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

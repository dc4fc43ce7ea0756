import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OrganizationStats } from './queries';
import { chartDayLabel } from '@/lib/dates';

/** Sends as bars and replies as a line, one point a day; `summary` says the same in words for screen readers. */
export function ActivityChart({ days, summary }: { days: OrganizationStats['days']; summary: string }) {
  return (
    <div className="h-64 w-full" role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
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
          <Bar dataKey="sent" name="Sent" fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Line dataKey="replied" name="Replies" stroke="#059669" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

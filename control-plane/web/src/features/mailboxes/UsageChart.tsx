import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartDayLabel } from '@/lib/dates';

/** Sends per day with the daily cap as a line; `summary` says the same in words for screen readers. */
export function UsageChart({
  days,
  dailyCap,
  summary,
}: {
  days: Array<{ date: string; sent: number }>;
  dailyCap: number;
  summary: string;
}) {
  const peak = Math.max(dailyCap, ...days.map((day) => day.sent));
  return (
    <div className="h-56 w-full" role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="date"
            tickFormatter={chartDayLabel}
            tick={{ fontSize: 11, fill: '#475569' }}
            interval="preserveStartEnd"
            minTickGap={24}
          />
          <YAxis allowDecimals={false} domain={[0, peak]} tick={{ fontSize: 11, fill: '#475569' }} />
          <Tooltip
            labelFormatter={(value) => chartDayLabel(String(value))}
            formatter={(value) => [value, 'Sent']}
            isAnimationActive={false}
          />
          <ReferenceLine
            y={dailyCap}
            stroke="#d97706"
            strokeDasharray="4 4"
            label={{ value: `cap ${dailyCap}`, position: 'insideTopRight', fontSize: 11, fill: '#92400e' }}
          />
          <Bar dataKey="sent" fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

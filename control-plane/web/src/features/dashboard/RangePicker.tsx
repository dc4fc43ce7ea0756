import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { DashboardSearch } from './search';

export const rangeNames = { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', custom: 'Custom range' } as const;

/** A preset range, or a custom one by its first and last day; `shown` is the range the figures on screen cover. */
export function RangePicker({
  search,
  shown,
  onChange,
}: {
  search: DashboardSearch;
  shown: { from: string; to: string } | undefined;
  onChange: (next: DashboardSearch) => void;
}) {
  const range = search.range ?? '30d';
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="w-40 space-y-1.5">
        <Label htmlFor="dashboard-range">Date range</Label>
        <Select
          id="dashboard-range"
          value={range}
          onChange={(event) => {
            const next = event.target.value as keyof typeof rangeNames;
            onChange(next === 'custom' ? { range: next, from: shown?.from, to: shown?.to } : { range: next });
          }}
        >
          {Object.entries(rangeNames).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </Select>
      </div>
      {range === 'custom' ? (
        <>
          <div className="space-y-1.5">
            <Label htmlFor="dashboard-from">From</Label>
            <Input
              id="dashboard-from"
              type="date"
              value={search.from ?? ''}
              onChange={(event) => onChange({ ...search, from: event.target.value || undefined })}
            />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="dashboard-to">To</Label>
            <Input
              id="dashboard-to"
              type="date"
              value={search.to ?? ''}
              onChange={(event) => onChange({ ...search, to: event.target.value || undefined })}
            />
          </div>
        </>
      ) : null}
    </div>
  );
}

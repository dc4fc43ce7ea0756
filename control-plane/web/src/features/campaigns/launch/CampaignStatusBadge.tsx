import { Badge } from '@/components/ui/badge';
import type { CampaignStatus } from '../queries';

const statuses: Record<CampaignStatus, { label: string; tone: 'neutral' | 'good' | 'warn' | 'info' }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  active: { label: 'Sending', tone: 'good' },
  paused: { label: 'Paused', tone: 'warn' },
  completed: { label: 'Completed', tone: 'info' },
  archived: { label: 'Archived', tone: 'neutral' },
};

export const campaignStatusLabels = Object.fromEntries(Object.entries(statuses).map(([status, { label }]) => [status, label])) as Record<
  CampaignStatus,
  string
>;

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <Badge tone={statuses[status].tone}>{statuses[status].label}</Badge>;
}

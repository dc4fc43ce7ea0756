import { PageHeader } from '@/components/ui/page';

export function CampaignDetailPage() {
  return <PageHeader title="Campaign" description="Live results of this campaign." />;
}

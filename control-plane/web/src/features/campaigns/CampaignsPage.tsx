import { PageHeader } from '@/components/ui/page';

export function CampaignsPage() {
  return <PageHeader title="Campaigns" description="Your sequences, their audience and how they are doing." />;
}

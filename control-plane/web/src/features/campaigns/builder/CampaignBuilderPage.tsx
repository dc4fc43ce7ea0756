import { PageHeader } from '@/components/ui/page';

export function CampaignBuilderPage() {
  return <PageHeader title="Edit campaign" description="Sequence, audience, sending and launch." />;
}

import { PageHeader } from '@/components/ui/page';

export function DashboardPage() {
  return <PageHeader title="Dashboard" description="Replies, sends and what needs your attention across campaigns." />;
}

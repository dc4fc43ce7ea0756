import { PageHeader } from '@/components/ui/page';

export function DeploymentsPage() {
  return <PageHeader title="Deployments" description="The n8n workflows Ophir manages, and whether anyone changed them." />;
}

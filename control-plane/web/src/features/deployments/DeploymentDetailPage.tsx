import { PageHeader } from '@/components/ui/page';

export function DeploymentDetailPage() {
  return <PageHeader title="Deployment" description="The workflow in n8n and its template." />;
}

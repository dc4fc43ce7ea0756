import { Badge } from '@/components/ui/badge';
import type { Deployment } from './queries';

const statusNames: Record<Deployment['status'], string> = {
  pending: 'Waiting to deploy',
  deploying: 'Deploying',
  active: 'Running',
  paused: 'Stopped',
  drifted: 'Edited in n8n',
  error: 'Error',
  archived: 'Removed',
};
const statusTones: Record<Deployment['status'], 'good' | 'warn' | 'bad' | 'neutral' | 'info'> = {
  pending: 'info',
  deploying: 'info',
  active: 'good',
  paused: 'neutral',
  drifted: 'warn',
  error: 'bad',
  archived: 'neutral',
};

export function DeploymentStatus({ status }: { status: Deployment['status'] }) {
  return <Badge tone={statusTones[status]}>{statusNames[status]}</Badge>;
}

/** Whether n8n still holds what Ophir set up: edited in the editor and awaiting a decision, a kept edit, or unchanged. */
export function DriftState({ deployment }: { deployment: Pick<Deployment, 'status' | 'hasOverride' | 'n8nWorkflowId'> }) {
  if (deployment.status === 'drifted') return <Badge tone="warn">Edited: choose a version</Badge>;
  if (!deployment.n8nWorkflowId) return <span className="text-sm text-slate-600">Not in n8n yet</span>;
  if (deployment.hasOverride) return <Badge tone="info">Edited, n8n version kept</Badge>;
  return <Badge tone="good">None: matches the template</Badge>;
}

/** What the workflow does, in words: a campaign's sender, or the organization's inbox watcher. */
export function deploymentTitle(deployment: Pick<Deployment, 'campaignId' | 'campaignName'>): string {
  if (deployment.campaignId) return `Campaign: ${deployment.campaignName ?? 'deleted campaign'}`;
  return 'Inbox watcher';
}

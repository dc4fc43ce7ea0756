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

// n8n's own words for a run's outcome and what started it; one it adds later shows as n8n wrote it.
const executionResults: Record<string, string> = {
  success: 'Succeeded',
  error: 'Failed',
  crashed: 'Failed',
  canceled: 'Cancelled',
  running: 'Running',
  waiting: 'Waiting',
  new: 'Queued',
};
const executionStarts: Record<string, string> = {
  trigger: 'Its schedule',
  webhook: 'A call from Ophir',
  manual: 'Someone in n8n',
  retry: 'A retry',
};

/** A run's outcome in words: "Succeeded", "Failed". */
export const executionResult = (status: string) => executionResults[status] ?? status;

/** What started a run, in words: its schedule, a call from Ophir, someone in the n8n editor. */
export const executionStart = (mode: string) => executionStarts[mode] ?? mode;

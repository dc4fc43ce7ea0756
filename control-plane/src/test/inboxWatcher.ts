import { setTimeout as sleep } from 'node:timers/promises';
import type { N8nClient } from '../lib/n8n/n8nClient.js';
import type { N8nExecution } from '../lib/n8n/n8nWorkflow.js';
import type { TestApp } from './testApp.js';

/** Starts a deployed workflow with `tick` (its tick webhook) and waits for the n8n execution it started to finish. */
export async function runWorkflowOnce(n8nApi: N8nClient, workflowId: string, tick: () => Promise<void>): Promise<N8nExecution> {
  const [before] = await n8nApi.listExecutions({ workflowId, limit: 1 });
  await tick();
  for (;;) {
    const [latest] = await n8nApi.listExecutions({ workflowId, limit: 1 });
    if (latest && latest.id !== before?.id && latest.stoppedAt) return latest;
    await sleep(20);
  }
}

/** Ticks the organization's deployed inbox watcher (one watch) and waits for the n8n execution it started to finish. */
export async function watchInboxesOnce(t: TestApp, n8nApi: N8nClient, organizationId: string): Promise<N8nExecution> {
  const watcher = await t.prisma.workflowDeployment.findFirstOrThrow({
    where: { organizationId, templateName: 'inbox-watcher', status: 'active' },
  });
  return runWorkflowOnce(n8nApi, watcher.n8nWorkflowId!, () => t.app.deployments.tickInboxWatcher(organizationId));
}

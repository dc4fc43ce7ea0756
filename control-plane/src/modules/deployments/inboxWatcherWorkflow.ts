import type { N8nWorkflowBody } from '../../lib/n8n/n8nWorkflow.js';
import type { CredentialRef } from './n8nConnection.js';
import { loadTemplate, type WorkflowTemplate } from './templates/templateCatalog.js';
import { renderTemplate } from './templates/renderTemplate.js';
import { stableUuid } from './workflowIdentity.js';

export const inboxWatcherTemplateName = 'inbox-watcher';

export function inboxWatcherTickPath(organizationId: string): string {
  return `ophir/organizations/${organizationId}/inbox-watch/tick`;
}

let cachedTemplate: WorkflowTemplate | undefined;

export function inboxWatcherTemplate(): WorkflowTemplate {
  cachedTemplate ??= loadTemplate(inboxWatcherTemplateName);
  return cachedTemplate;
}

/** One workflow per organization watches all its mailboxes (the template's description says why). */
export function renderInboxWatcherWorkflow(options: {
  organization: { id: string; name: string };
  credential: CredentialRef;
  pollMinutes: number;
}): N8nWorkflowBody {
  const { organization } = options;
  return renderTemplate(inboxWatcherTemplate(), {
    workflowName: `Ophir · Inbox watcher · ${organization.name} [${organization.id}]`,
    organizationId: organization.id,
    tickWebhookPath: inboxWatcherTickPath(organization.id),
    tickWebhookId: stableUuid(`ophir-inbox-tick:${organization.id}`),
    pollMinutes: options.pollMinutes,
    credentialId: options.credential.id,
    credentialName: options.credential.name,
  });
}

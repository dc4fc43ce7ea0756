import type { N8nWorkflowBody } from '../../lib/n8n/n8nWorkflow.js';
import type { CredentialRef } from './n8nConnection.js';
import { loadTemplate, type WorkflowTemplate } from './templates/templateCatalog.js';
import { renderTemplate } from './templates/renderTemplate.js';
import { stableUuid } from './workflowIdentity.js';

/** A template deployed once per organization (the inbox watcher, warm-up): its name, tick path and rendering. */
export interface OrganizationWorkflow {
  templateName: string;
  tickPath(organizationId: string): string;
  template(): WorkflowTemplate;
  render(options: { organization: { id: string; name: string }; credential: CredentialRef; pollMinutes: number }): N8nWorkflowBody;
}

/** `tickWebhookSeed` fixes the tick webhook's id per organization: it must never change for a deployed template. */
export function organizationWorkflow(
  templateName: string,
  names: { tickSegment: string; label: string; tickWebhookSeed: string },
): OrganizationWorkflow {
  let cached: WorkflowTemplate | undefined;
  const tickPath = (organizationId: string) => `ophir/organizations/${organizationId}/${names.tickSegment}/tick`;
  const template = () => (cached ??= loadTemplate(templateName));
  return {
    templateName,
    tickPath,
    template,
    render: ({ organization, credential, pollMinutes }) =>
      renderTemplate(template(), {
        workflowName: `Ophir · ${names.label} · ${organization.name} [${organization.id}]`,
        organizationId: organization.id,
        tickWebhookPath: tickPath(organization.id),
        tickWebhookId: stableUuid(`${names.tickWebhookSeed}:${organization.id}`),
        pollMinutes,
        credentialId: credential.id,
        credentialName: credential.name,
      }),
  };
}

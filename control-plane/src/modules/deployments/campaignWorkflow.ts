import type { RotationStrategy } from '../../generated/prisma/enums.js';
import type { N8nWorkflowBody } from '../../lib/n8n/n8nWorkflow.js';
import { loadTemplate, type WorkflowTemplate } from './templates/templateCatalog.js';
import { renderTemplate } from './templates/renderTemplate.js';
import type { CredentialRef } from './n8nConnection.js';
import { stableUuid } from './workflowIdentity.js';

export const campaignTemplateName = 'campaign-sender';

const rotationStrategies: Record<RotationStrategy, string> = {
  round_robin: 'roundRobin',
  random: 'random',
  sequential: 'sequential',
  weighted: 'weighted',
};

export function tickWebhookPath(campaignId: string): string {
  return `ophir/campaigns/${campaignId}/tick`;
}

let cachedTemplate: WorkflowTemplate | undefined;

export function campaignTemplate(): WorkflowTemplate {
  cachedTemplate ??= loadTemplate(campaignTemplateName);
  return cachedTemplate;
}

export function renderCampaignWorkflow(options: {
  campaign: { id: string; name: string; rotationStrategy: RotationStrategy };
  credential: CredentialRef;
  pollMinutes: number;
  batchSize: number;
}): N8nWorkflowBody {
  const { campaign } = options;
  return renderTemplate(campaignTemplate(), {
    workflowName: `Ophir · ${campaign.name} [${campaign.id}]`,
    campaignId: campaign.id,
    tickWebhookPath: tickWebhookPath(campaign.id),
    tickWebhookId: stableUuid(`ophir-tick:${campaign.id}`),
    pollMinutes: options.pollMinutes,
    batchSize: options.batchSize,
    rotationStrategy: rotationStrategies[campaign.rotationStrategy],
    credentialId: options.credential.id,
    credentialName: options.credential.name,
  });
}

import { describe, expect, it } from 'vitest';
import { renderCampaignWorkflow, tickWebhookPath } from '../campaignWorkflow.js';
import { listTemplateNames, loadTemplate, type WorkflowTemplate } from './templateCatalog.js';
import { renderTemplate, TemplateRenderError, type TemplateParameters } from './renderTemplate.js';
import { validateWorkflow, withNodeTypePrefix } from './validateWorkflow.js';

function sampleParameters(template: WorkflowTemplate): TemplateParameters {
  return Object.fromEntries(
    Object.entries(template.manifest.parameters).map(([name, spec]) => [
      name,
      spec.type === 'number'
        ? 5
        : spec.type === 'boolean'
          ? true
          : name === 'tickWebhookId'
            ? '6f1c1e0e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'
            : `value-of-${name}`,
    ]),
  );
}

describe('workflow templates', () => {
  it('ships the three templates', () => {
    expect(listTemplateNames()).toEqual(['campaign-sender', 'inbox-watcher', 'warmup']);
  });

  for (const name of ['campaign-sender', 'inbox-watcher', 'warmup']) {
    it(`${name} renders to a workflow that validates`, () => {
      const template = loadTemplate(name);
      const rendered = renderTemplate(template, sampleParameters(template));
      expect(validateWorkflow(rendered)).toEqual([]);
      expect(JSON.stringify(rendered)).not.toContain('{{ophir.');
    });
  }

  it('keeps typed values typed and strings inside strings', () => {
    const template = loadTemplate('campaign-sender');
    const rendered = renderTemplate(template, { ...sampleParameters(template), pollMinutes: 3, workflowName: 'Ophir · "Q4" campaign' });
    const trigger = rendered.nodes.find((node) => node.name === 'Every Few Minutes')!;
    expect(trigger.parameters).toEqual({ rule: { interval: [{ field: 'minutes', minutesInterval: 3 }] } });
    expect(rendered.name).toBe('Ophir · "Q4" campaign');
  });

  // The README's first campaign is sent within a minute because run-now does not wait for the poll (every
  // N8N_POLL_MINUTES, 5 by default): it posts the tick, and the tick starts, at once, the run the schedule would.
  // That run claims the first step of leads enrolled the same instant (campaignReadiness.test.ts, its clock frozen).
  it("starts a campaign's scheduled run on the control plane's tick too, answering the tick at once", () => {
    const campaign = { id: '0b6f3c1e-2d4a-4e5f-9a8b-7c6d5e4f3a2b', name: 'First', rotationStrategy: 'round_robin' as const };
    const rendered = renderCampaignWorkflow({ campaign, credential: { id: 'c-1', name: 'Ophir' }, pollMinutes: 5, batchSize: 50 });
    const trigger = (type: string) => rendered.nodes.filter((node) => node.type === type);
    const [schedule] = trigger('n8n-nodes-base.scheduleTrigger');
    const [tick, ...otherTicks] = trigger('n8n-nodes-base.webhook');
    expect(otherTicks).toEqual([]);
    // The path run-now posts to (DeploymentService.tick), as campaignReadiness.test.ts's stand-in for n8n answers it.
    expect(tick!.parameters).toMatchObject({ httpMethod: 'POST', path: `ophir/campaigns/${campaign.id}/tick`, responseMode: 'onReceived' });
    expect(tickWebhookPath(campaign.id)).toBe(tick!.parameters.path);
    const next = (name: string) => rendered.connections[name]!.main!.flat().map((connection) => connection.node);
    expect(next(tick!.name)).toEqual(next(schedule!.name));
    expect(next(tick!.name).map((name) => rendered.nodes.find((node) => node.name === name)!.type)).toEqual(['CUSTOM.claimDueSends']);
  });

  it("leaves n8n's own expressions alone", () => {
    const template: WorkflowTemplate = {
      manifest: { name: 't', version: '1.0.0', description: '', parameters: { campaignId: { type: 'string', description: '' } } },
      workflow: {
        name: 'x',
        nodes: [
          {
            name: 'N',
            type: 'n8n-nodes-base.noOp',
            typeVersion: 1,
            position: [0, 0],
            parameters: { text: '={{ $json.email }} for {{ophir.campaignId}}' },
          },
        ],
        connections: {},
        settings: {},
      },
    };
    expect(renderTemplate(template, { campaignId: 'c-1' }).nodes[0]!.parameters.text).toBe('={{ $json.email }} for c-1');
  });

  it('refuses missing, mistyped and undeclared parameters with every problem listed', () => {
    const template = loadTemplate('campaign-sender');
    const { campaignId: _missing, ...rest } = sampleParameters(template);
    try {
      renderTemplate(template, { ...rest, pollMinutes: 'five', surprise: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateRenderError);
      const problems = (error as TemplateRenderError).problems.join('\n');
      expect(problems).toContain('"campaignId" is required');
      expect(problems).toContain('"pollMinutes" must be a number');
      expect(problems).toContain('"surprise" is not declared');
    }
  });
});

describe('validateWorkflow', () => {
  const base = () => renderTemplate(loadTemplate('campaign-sender'), sampleParameters(loadTemplate('campaign-sender')));

  it('catches unknown node types, dangling connections, leftovers and webhook path clashes', () => {
    const workflow = base();
    workflow.nodes.push({
      name: 'Mystery',
      type: 'n8n-nodes-base.doesNotExist',
      typeVersion: 1,
      position: [0, 0],
      parameters: { note: '{{ophir.forgotten}}' },
    });
    workflow.connections['Send Email']!.main![0]!.push({ node: 'Ghost', type: 'main', index: 0 });
    const problems = validateWorkflow(workflow, { otherWebhookPaths: new Set(['value-of-tickWebhookPath']) });
    expect(problems).toEqual(
      expect.arrayContaining([
        'node "Mystery" has the unknown type n8n-nodes-base.doesNotExist',
        '"Send Email" connects to the missing node "Ghost"',
        'unrendered placeholders remain: {{ophir.forgotten}}',
        'webhook path "value-of-tickWebhookPath" is already used',
      ]),
    );
  });
});

describe('node type prefix', () => {
  it('names our nodes as an installed community package does, and still validates', () => {
    const template = loadTemplate('campaign-sender');
    const rendered = withNodeTypePrefix(renderTemplate(template, sampleParameters(template)), 'n8n-nodes-ophir');
    const types = rendered.nodes.map((node) => node.type);
    expect(types).toEqual(
      expect.arrayContaining(['n8n-nodes-ophir.claimDueSends', 'n8n-nodes-ophir.ophirSendEmail', 'n8n-nodes-base.webhook']),
    );
    expect(types.some((type) => type.startsWith('CUSTOM.'))).toBe(false);
    expect(validateWorkflow(rendered, { nodeTypePrefix: 'n8n-nodes-ophir' })).toEqual([]);
    expect(validateWorkflow(rendered)).toContain('node "Claim Due Sends" has the unknown type n8n-nodes-ophir.claimDueSends');
  });
});

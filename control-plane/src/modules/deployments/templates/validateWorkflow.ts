import type { N8nWorkflowBody } from '../../../lib/n8n/n8nWorkflow.js';

/**
 * Node types (and versions) the pinned n8n (2.41.1) with our custom nodes loaded is known to run.
 * The deployment integration test activates a workflow using each of them in the real n8n.
 */
export const knownNodeTypes: Record<string, number[]> = {
  'n8n-nodes-base.scheduleTrigger': [1.2],
  'n8n-nodes-base.webhook': [2, 2.1],
  'n8n-nodes-base.respondToWebhook': [1.5],
  'n8n-nodes-base.noOp': [1],
  'n8n-nodes-base.stickyNote': [1],
  'CUSTOM.claimDueSends': [1],
  'CUSTOM.businessHoursGate': [1],
  'CUSTOM.mailboxRotation': [1],
  'CUSTOM.ophirSendEmail': [1],
  'CUSTOM.reportToControlPlane': [1],
  // Run in the real n8n by custom-nodes/test/realN8n/realN8n.test.ts (not yet deployed by the control plane).
  'CUSTOM.inboxWatch': [1],
};

/** Our nodes' types in templates; n8n names them after how the package was loaded (see ourNodeTypes). */
export const templateNodePrefix = 'CUSTOM';

/**
 * n8n names our nodes `CUSTOM.<node>` when they are loaded as custom extensions (how `npm start` and
 * docker-compose load them) and `n8n-nodes-ophir.<node>` when the package is installed as a community
 * package; templates use the first, and rendering rewrites it for the second.
 */
export function withNodeTypePrefix(workflow: N8nWorkflowBody, prefix: string): N8nWorkflowBody {
  if (prefix === templateNodePrefix) return workflow;
  return {
    ...workflow,
    nodes: workflow.nodes.map((node) =>
      node.type.startsWith(`${templateNodePrefix}.`)
        ? { ...node, type: `${prefix}.${node.type.slice(templateNodePrefix.length + 1)}` }
        : node,
    ),
  };
}

/** What must hold before a rendered workflow goes anywhere near n8n. Returns the problems found. */
export function validateWorkflow(
  workflow: N8nWorkflowBody,
  options: { otherWebhookPaths?: Set<string>; nodeTypePrefix?: string } = {},
): string[] {
  const prefix = options.nodeTypePrefix ?? templateNodePrefix;
  const problems: string[] = [];
  const names = new Set<string>();
  for (const node of workflow.nodes) {
    if (names.has(node.name)) problems.push(`two nodes are named "${node.name}"`);
    names.add(node.name);
    const knownAs = node.type.startsWith(`${prefix}.`) ? `${templateNodePrefix}.${node.type.slice(prefix.length + 1)}` : node.type;
    const versions = knownNodeTypes[knownAs];
    if (!versions) problems.push(`node "${node.name}" has the unknown type ${node.type}`);
    else if (!versions.includes(node.typeVersion))
      problems.push(`node "${node.name}" uses ${node.type} version ${node.typeVersion}, known: ${versions.join(', ')}`);
  }
  for (const [source, outputs] of Object.entries(workflow.connections)) {
    if (!names.has(source)) problems.push(`a connection starts at the missing node "${source}"`);
    for (const branches of Object.values(outputs)) {
      for (const branch of branches) {
        for (const target of branch ?? []) {
          if (!names.has(target.node)) problems.push(`"${source}" connects to the missing node "${target.node}"`);
        }
      }
    }
  }
  const leftover = JSON.stringify(workflow).match(/\{\{\s*ophir\.\w+\s*\}\}/g);
  if (leftover) problems.push(`unrendered placeholders remain: ${[...new Set(leftover)].join(', ')}`);
  const paths = new Set<string>();
  for (const node of workflow.nodes) {
    if (node.type !== 'n8n-nodes-base.webhook') continue;
    const webhookPath = String(node.parameters.path ?? '');
    if (!node.webhookId) problems.push(`webhook node "${node.name}" has no webhookId`);
    if (paths.has(webhookPath) || options.otherWebhookPaths?.has(webhookPath))
      problems.push(`webhook path "${webhookPath}" is already used`);
    paths.add(webhookPath);
  }
  return problems;
}

export function webhookPaths(workflow: N8nWorkflowBody): string[] {
  return workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook').map((node) => String(node.parameters.path ?? ''));
}

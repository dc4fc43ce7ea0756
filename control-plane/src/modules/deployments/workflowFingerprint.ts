import { createHash } from 'node:crypto';
import type { N8nWorkflowBody } from '../../lib/n8n/n8nWorkflow.js';

/**
 * What counts as the workflow's behaviour: nodes (type, version, parameters, credentials, disabled),
 * connections and settings. Positions and ids are left out, so moving a node in the editor is not drift.
 */
export function semanticWorkflow(workflow: Pick<N8nWorkflowBody, 'nodes' | 'connections' | 'settings'>) {
  return {
    nodes: [...workflow.nodes]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((node) => ({
        name: node.name,
        type: node.type,
        typeVersion: node.typeVersion,
        parameters: node.parameters ?? {},
        credentials: Object.fromEntries(Object.entries(node.credentials ?? {}).map(([type, ref]) => [type, ref.id])),
        disabled: node.disabled === true,
      })),
    connections: workflow.connections ?? {},
    settings: workflow.settings ?? {},
  };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function workflowHash(workflow: Pick<N8nWorkflowBody, 'nodes' | 'connections' | 'settings'>): string {
  return createHash('sha256')
    .update(canonicalJson(semanticWorkflow(workflow)))
    .digest('hex');
}

/**
 * The workflow's behaviour as indented JSON with keys sorted and nodes ordered by name, so two
 * versions can be compared line by line (the drift diff shows one beside the other).
 */
export function normalisedWorkflowJson(workflow: Pick<N8nWorkflowBody, 'nodes' | 'connections' | 'settings'>): string {
  return JSON.stringify(JSON.parse(canonicalJson(semanticWorkflow(workflow))), null, 2);
}

export interface WorkflowChange {
  kind: 'node_added' | 'node_removed' | 'node_changed' | 'parameter_changed' | 'connections_changed' | 'settings_changed';
  node?: string;
  path?: string;
  before?: unknown;
  after?: unknown;
}

// An empty object inside the parameters is a value of its own; the parameters themselves being empty is not.
function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
  if (value && typeof value === 'object' && !Array.isArray(value) && (Object.keys(value).length > 0 || prefix === '')) {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
}

/** A readable list of what differs between two workflows, node by node and parameter by parameter. */
export function diffWorkflows(
  before: Pick<N8nWorkflowBody, 'nodes' | 'connections' | 'settings'>,
  after: Pick<N8nWorkflowBody, 'nodes' | 'connections' | 'settings'>,
): WorkflowChange[] {
  const left = semanticWorkflow(before);
  const right = semanticWorkflow(after);
  const changes: WorkflowChange[] = [];
  const rightNodes = new Map(right.nodes.map((node) => [node.name, node]));
  const leftNodes = new Map(left.nodes.map((node) => [node.name, node]));
  for (const node of left.nodes) {
    const other = rightNodes.get(node.name);
    if (!other) {
      changes.push({ kind: 'node_removed', node: node.name });
      continue;
    }
    for (const field of ['type', 'typeVersion', 'disabled'] as const) {
      if (node[field] !== other[field])
        changes.push({ kind: 'node_changed', node: node.name, path: field, before: node[field], after: other[field] });
    }
    if (canonicalJson(node.credentials) !== canonicalJson(other.credentials)) {
      changes.push({ kind: 'node_changed', node: node.name, path: 'credentials', before: node.credentials, after: other.credentials });
    }
    const beforeParams = new Map<string, unknown>();
    const afterParams = new Map<string, unknown>();
    flatten(node.parameters, '', beforeParams);
    flatten(other.parameters, '', afterParams);
    for (const path of new Set([...beforeParams.keys(), ...afterParams.keys()])) {
      if (canonicalJson(beforeParams.get(path)) !== canonicalJson(afterParams.get(path))) {
        changes.push({
          kind: 'parameter_changed',
          node: node.name,
          path: path || '(parameters)',
          before: beforeParams.get(path),
          after: afterParams.get(path),
        });
      }
    }
  }
  for (const node of right.nodes)
    if (!leftNodes.has(node.name)) changes.push({ kind: 'node_added', node: node.name, after: { type: node.type } });
  if (canonicalJson(left.connections) !== canonicalJson(right.connections)) {
    changes.push({ kind: 'connections_changed', before: left.connections, after: right.connections });
  }
  if (canonicalJson(left.settings) !== canonicalJson(right.settings)) {
    changes.push({ kind: 'settings_changed', before: left.settings, after: right.settings });
  }
  return changes;
}

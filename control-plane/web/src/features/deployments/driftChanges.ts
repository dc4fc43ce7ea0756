import type { Drift } from './queries';

type WorkflowChange = Drift['changes'][number];

function shown(value: unknown): string {
  if (value === undefined) return '(not set)';
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One edit in words an operator reads at a glance: which node, which setting, from what to what. */
export function describeChange(change: WorkflowChange): string {
  const node = change.node ?? 'the workflow';
  switch (change.kind) {
    case 'node_added':
      return `Node "${node}" was added`;
    case 'node_removed':
      return `Node "${node}" was removed`;
    case 'node_changed':
    case 'parameter_changed':
      return `"${node}", ${change.path ?? 'its settings'}: ${shown(change.before)} → ${shown(change.after)}`;
    case 'connections_changed':
      return 'The connections between nodes changed';
    case 'settings_changed':
      return "The workflow's settings changed";
  }
}

import { describe, expect, it } from 'vitest';
import type { N8nWorkflowBody } from '../../lib/n8n/n8nWorkflow.js';
import { diffWorkflows, normalisedWorkflowJson, workflowHash } from './workflowFingerprint.js';

const workflow = (): N8nWorkflowBody => ({
  name: 'w',
  nodes: [
    { name: 'A', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: { x: 1, nested: { y: 'a' } } },
    { name: 'B', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
  ],
  connections: { A: { main: [[{ node: 'B', type: 'main', index: 0 }]] } },
  settings: { executionOrder: 'v1' },
});

describe('workflow fingerprint', () => {
  it('ignores positions, ids, node order and key order', () => {
    const moved = workflow();
    moved.nodes.reverse();
    moved.nodes[0]!.position = [999, 999];
    moved.nodes[1]!.id = 'n8n-assigned';
    moved.nodes[1]!.parameters = { nested: { y: 'a' }, x: 1 };
    expect(workflowHash(moved)).toBe(workflowHash(workflow()));
  });

  it('changes with parameters, connections and settings, and explains how', () => {
    const edited = workflow();
    edited.nodes[0]!.parameters = { x: 2, nested: { y: 'a' } };
    edited.nodes.push({ name: 'C', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} });
    edited.connections = {};
    expect(workflowHash(edited)).not.toBe(workflowHash(workflow()));
    const changes = diffWorkflows(workflow(), edited);
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'parameter_changed', node: 'A', path: 'x', before: 1, after: 2 },
        { kind: 'node_added', node: 'C', after: { type: 'n8n-nodes-base.noOp' } },
        expect.objectContaining({ kind: 'connections_changed' }),
      ]),
    );
    expect(diffWorkflows(workflow(), workflow())).toEqual([]);
  });

  it('reports a parameter set on a node that had none as that parameter alone', () => {
    const edited = workflow();
    edited.nodes[1]!.parameters = { start: '10:00' };
    expect(diffWorkflows(workflow(), edited)).toEqual([
      { kind: 'parameter_changed', node: 'B', path: 'start', before: undefined, after: '10:00' },
    ]);
  });

  it('normalises a workflow to indented JSON that only an edit to its behaviour changes', () => {
    const moved = workflow();
    moved.nodes.reverse();
    moved.nodes[0]!.position = [999, 999];
    moved.nodes[1]!.parameters = { nested: { y: 'a' }, x: 1 };
    expect(normalisedWorkflowJson(moved)).toBe(normalisedWorkflowJson(workflow()));
    const text = normalisedWorkflowJson(workflow());
    expect(text.indexOf('"name": "A"')).toBeLessThan(text.indexOf('"name": "B"'));
    expect(text).toContain('\n      "parameters": {\n        "nested": {\n          "y": "a"\n        },\n        "x": 1\n      },');
    expect(text).not.toContain('position');
    const edited = workflow();
    edited.nodes[0]!.parameters = { x: 2, nested: { y: 'a' } };
    expect(normalisedWorkflowJson(edited)).toContain('"x": 2');
  });
});

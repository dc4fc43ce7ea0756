import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkflowDiff } from './WorkflowDiff';

afterEach(cleanup);

const nodes = (start: string) =>
  Array.from({ length: 12 }, (_, index) => `    { "name": "Node ${index}", "type": "noOp" },`).join('\n') +
  `\n    { "name": "Business Hours Gate", "parameters": { "start": "${start}" } }`;
const workflowJson = (start: string) => `{\n  "nodes": [\n${nodes(start)}\n  ]\n}`;

const lineWith = (editor: HTMLElement, text: string) =>
  Array.from(editor.querySelectorAll('.cm-line')).find((line) => line.textContent?.includes(text));

describe('the side-by-side workflow diff', () => {
  it('shows what Ophir deployed beside what n8n holds now, marks the edited line on both sides and folds what did not change', () => {
    render(<WorkflowDiff deployed={workflowJson('09:00')} n8n={workflowJson('10:00')} />);

    const deployed = screen.getByRole('textbox', { name: 'As Ophir deployed it' });
    const current = screen.getByRole('textbox', { name: 'As it is now in n8n' });
    expect(screen.getByText('As Ophir deployed it (template)')).toBeTruthy();
    expect(screen.getByText('As it is now in n8n (edited)')).toBeTruthy();

    expect(lineWith(deployed, '"09:00"')?.classList.contains('cm-changedLine')).toBe(true);
    expect(lineWith(current, '"10:00"')?.classList.contains('cm-changedLine')).toBe(true);
    expect(lineWith(current, 'Node 11')?.classList.contains('cm-changedLine')).toBe(false);
    expect(lineWith(current, 'Node 1"')).toBeUndefined();
    expect(screen.getByTestId('workflow-diff').querySelectorAll('.cm-collapsedLines').length).toBe(2);
    expect(current.getAttribute('contenteditable')).toBe('false');
  });

  it('marks nothing when both versions are the same', () => {
    render(<WorkflowDiff deployed={workflowJson('09:00')} n8n={workflowJson('09:00')} />);
    expect(screen.getByTestId('workflow-diff').querySelectorAll('.cm-changedLine, .cm-deletedLine')).toHaveLength(0);
  });
});

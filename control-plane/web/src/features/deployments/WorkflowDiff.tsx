import { json } from '@codemirror/lang-json';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';

const readOnlyJson = (label: string) => [
  EditorState.readOnly.of(true),
  EditorView.editable.of(false),
  EditorView.contentAttributes.of({ 'aria-label': label }),
  EditorView.lineWrapping,
  json(),
  syntaxHighlighting(defaultHighlightStyle),
  // The folded stretch's own marks (⦚) are missing from many system fonts and show as boxes.
  EditorView.theme({ '.cm-collapsedLines:before, .cm-collapsedLines:after': { content: '"···"' } }),
];

/**
 * Both versions of a workflow side by side, changes highlighted and long unchanged stretches folded.
 * CodeMirror is large: this file is only ever loaded lazily, so it stays out of the initial JS.
 */
export function WorkflowDiff({ deployed, n8n }: { deployed: string; n8n: string }) {
  const parent = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!parent.current) return;
    const view = new MergeView({
      a: { doc: deployed, extensions: readOnlyJson('As Ophir deployed it') },
      b: { doc: n8n, extensions: readOnlyJson('As it is now in n8n') },
      parent: parent.current,
      gutter: true,
      highlightChanges: true,
      collapseUnchanged: { margin: 3, minSize: 6 },
    });
    return () => view.destroy();
  }, [deployed, n8n]);
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200">
      <div className="grid grid-cols-2 border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
        <p className="px-3 py-2">As Ophir deployed it (template)</p>
        <p className="border-l border-slate-200 px-3 py-2">As it is now in n8n (edited)</p>
      </div>
      <div ref={parent} data-testid="workflow-diff" className="max-h-[32rem] overflow-auto text-xs" />
    </div>
  );
}

/**
 * A CodeMirror view owned by a React component. The document is the editor's own while the user
 * types; `onCommit` fires on blur (and on the keys the caller binds), so one edit is one undo step.
 * External changes to `value` (undo, another panel) replace the text when the editor is not focused.
 */
import { useEffect, useRef } from 'react';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

export interface CodeMirrorOptions {
  value: string;
  onCommit(value: string): void;
  extensions: Extension[];
}

export function useCodeMirror({ value, onCommit, extensions }: CodeMirrorOptions) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const commitRef = useRef(onCommit);
  const valueRef = useRef(value);

  useEffect(() => {
    commitRef.current = onCommit;
    valueRef.current = value;
  });

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: valueRef.current,
        extensions: [
          ...extensions,
          EditorView.domEventHandlers({
            blur: (_e, ev) => {
              const text = ev.state.doc.toString();
              if (text !== valueRef.current) commitRef.current(text);
              return false;
            },
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once per mount; changing extensions go through compartments.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || v.hasFocus) return;
    const current = v.state.doc.toString();
    if (current !== value) v.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  /** Commits the current text now (for Enter / Mod-Enter bindings). */
  const commitNow = () => {
    const v = view.current;
    if (!v) return;
    const text = v.state.doc.toString();
    if (text !== valueRef.current) commitRef.current(text);
  };

  return { host, view, commitNow };
}

/**
 * A CodeMirror view owned by a React component. The document is the editor's own while the user
 * types; `onCommit` fires on blur and on `commitKeys`, so one edit is one undo step. External
 * changes to `value` (undo, another panel) replace the text when the editor is not focused.
 * `dynamic` (lint/completion bound to the current model) is swapped in through a compartment.
 */
import { useEffect, useRef } from 'react';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';

export interface CodeMirrorOptions {
  value: string;
  onCommit(value: string): void;
  /** Created once, at mount. */
  extensions: Extension[];
  /** Reconfigured whenever it changes (memoise it). */
  dynamic: Extension;
  /** Keys that commit (`Enter` for one-line editors, `Mod-Enter` for code). */
  commitKeys: string[];
  /** Commit when the editor loses focus (default true; a draft editor with an Apply button says false). */
  commitOnBlur?: boolean;
  /** The text shown at mount when it is not `value` (an unapplied draft); commits still compare with `value`. */
  initialDoc?: string;
  /** Every change of the text, committed or not. */
  onChange?(value: string): void;
}

export function useCodeMirror({ value, onCommit, extensions, dynamic, commitKeys, commitOnBlur = true, onChange, initialDoc }: CodeMirrorOptions) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const commitRef = useRef(onCommit);
  const changeRef = useRef(onChange);
  const valueRef = useRef(value);
  const initial = useRef({ extensions, dynamic, commitKeys, commitOnBlur, initialDoc });
  const compartment = useRef(new Compartment());

  useEffect(() => {
    commitRef.current = onCommit;
    changeRef.current = onChange;
    valueRef.current = value;
  });

  useEffect(() => {
    if (!host.current) return;
    const commit = (v: EditorView) => {
      const text = v.state.doc.toString();
      if (text !== valueRef.current) commitRef.current(text);
    };
    const { extensions: ext, dynamic: dyn, commitKeys: keys, commitOnBlur: blurCommits, initialDoc: doc } = initial.current;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: doc ?? valueRef.current,
        extensions: [
          ...ext,
          compartment.current.of(dyn),
          Prec.high(keymap.of(keys.map((key) => ({ key, run: (target: EditorView) => { commit(target); return true; } })))),
          EditorView.domEventHandlers({
            blur: (_e, target) => {
              if (blurCommits) commit(target);
              return false;
            },
          }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changeRef.current?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: compartment.current.reconfigure(dynamic) });
  }, [dynamic]);

  // Only a change of `value` after mount replaces the text (the text at mount may be a draft: initialDoc).
  const syncedValue = useRef(value);
  useEffect(() => {
    if (value === syncedValue.current) return;
    syncedValue.current = value;
    const v = view.current;
    if (!v || v.hasFocus) return;
    const current = v.state.doc.toString();
    if (current !== value) v.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  return { host, view };
}

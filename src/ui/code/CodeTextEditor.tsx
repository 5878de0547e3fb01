/**
 * The code panel's CodeMirror: a controlled editor (the text is the panel's draft), with its own
 * undo history, Elixir or TypeScript highlighting, Mod-Enter to apply and line diagnostics pushed in
 * from outside (parse problems of the draft, or the model's diagnostics on the printed text).
 */
import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { Annotation, Compartment, EditorState, Prec, Transaction } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { codeSetup } from '../editors/setup';
import type { CodeLanguage, LineNote } from './code-sync';
import { elixirLanguage } from './elixir-language';

interface Props {
  label: string;
  value: string;
  language: CodeLanguage;
  notes: readonly LineNote[];
  onChange(text: string): void;
  /** Mod-Enter, with the editor's current text. */
  onApply(text: string): void;
}

/** Marks text set from outside (reload, apply, undo), which is not the user's edit. */
const external = Annotation.define<boolean>();

const languageOf = (l: CodeLanguage) => (l === 'elixir' ? elixirLanguage : javascript({ typescript: true }));

function toCm(view: EditorView, notes: readonly LineNote[]): CmDiagnostic[] {
  const doc = view.state.doc;
  return notes.map((n) => {
    const line = doc.line(Math.min(Math.max(1, n.line), doc.lines));
    const indent = /^\s*/.exec(line.text)?.[0].length ?? 0;
    return { from: line.from + Math.min(indent, line.length), to: line.to, severity: n.severity, message: n.message };
  });
}

export function CodeTextEditor({ label, value, language, notes, onChange, onApply }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onApply });
  const initial = useRef({ value, language, label });
  const langCompartment = useRef(new Compartment());

  useEffect(() => {
    callbacks.current = { onChange, onApply };
  });

  useEffect(() => {
    if (!host.current) return;
    const { value: doc, language: lang, label: aria } = initial.current;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc,
        extensions: [
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run: (v) => { callbacks.current.onApply(v.state.doc.toString()); return true; } }])),
          ...codeSetup,
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          langCompartment.current.of(languageOf(lang)),
          lintGutter(),
          EditorView.contentAttributes.of({ 'aria-label': aria }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(external))) callbacks.current.onChange(u.state.doc.toString());
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
    view.current?.dispatch({ effects: langCompartment.current.reconfigure(languageOf(language)) });
  }, [language]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    if (current !== value) {
      v.dispatch({ changes: { from: 0, to: current.length, insert: value }, annotations: [external.of(true), Transaction.addToHistory.of(false)] });
    }
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, toCm(v, notes)));
  }, [notes, value]);

  return <div ref={host} className={`cm-host cm-code code-editor-host${notes.some((n) => n.severity === 'error') ? ' has-problems' : ''}`} />;
}

import { useEffect, useMemo, useState } from 'react';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { linter, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorView, keymap } from '@codemirror/view';
import type { Text } from '@codemirror/state';
import './editors.css';
import { checkManualModuleStatic } from '../../core/index';
import { codeSetup } from './setup';
import { useCodeMirror } from './useCodeMirror';

interface Props {
  label: string;
  value: string;
  onCommit(value: string): void;
  /** Commit on blur (default true); the wide editor applies only on its Apply button or Mod-Enter. */
  commitOnBlur?: boolean;
  /** Every change of the text, applied or not. */
  onChange?(value: string): void;
  /** Text shown at mount instead of `value` (an unapplied draft). */
  initialDoc?: string;
  /** Focus the editor when it mounts. */
  autoFocus?: boolean;
  className?: string;
}

export interface CodeProblem {
  line?: number;
  column?: number;
  message: string;
}

function offsetOf(doc: Text, line?: number, column?: number): number {
  if (!line || line < 1 || line > doc.lines) return 0;
  const l = doc.line(line);
  return Math.min(l.to, l.from + Math.max(0, (column ?? 1) - 1));
}

function toProblem(source: string): CodeProblem | null {
  const check = checkManualModuleStatic(source);
  if (check.ok) return null;
  return { message: check.message ?? 'Invalid module', ...(check.line ? { line: check.line } : {}), ...(check.column ? { column: check.column } : {}) };
}

/** A JavaScript editor for manual relationship code: syntax and contract errors marked by line/column; its own undo. */
export function CodeEditor({ label, value, onCommit, commitOnBlur, onChange, initialDoc, autoFocus, className }: Props) {
  const [problem, setProblem] = useState<CodeProblem | null>(() => toProblem(initialDoc ?? value));
  const dynamic = useMemo(() => linter((v): CmDiagnostic[] => {
    const p = toProblem(v.state.doc.toString());
    setProblem(p);
    if (!p) return [];
    const from = offsetOf(v.state.doc, p.line, p.column);
    const to = p.line ? Math.min(v.state.doc.length, from + 1) : Math.min(v.state.doc.length, 1);
    return [{ from, to: Math.max(from, to), severity: 'error', message: p.message }];
  }, { delay: 250 }), []);
  const extensions = useMemo(() => [
    ...codeSetup,
    // The editor's own undo and the usual editing keys (Tab indents; Escape closes the editor's dialog).
    history(),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    javascript(),
    lintGutter(),
    EditorView.contentAttributes.of({ 'aria-label': label }),
  ], [label]);
  const { host, view } = useCodeMirror({ value, onCommit, extensions, dynamic, commitKeys: ['Mod-Enter'], commitOnBlur, onChange, initialDoc });
  useEffect(() => {
    if (!autoFocus) return;
    // After the enclosing modal's showModal(), which focuses its first button.
    const t = setTimeout(() => view.current?.focus(), 0);
    return () => clearTimeout(t);
  }, [autoFocus, view]);

  return (
    <div className={`code-editor${className ? ` ${className}` : ''}`}>
      <div ref={host} className={`cm-host cm-code${problem ? ' has-problems' : ''}`} />
      {problem && (
        <p className="editor-problems" role="status">
          {problem.line ? <span className="editor-problem-pos">Line {problem.line}{problem.column ? `:${problem.column}` : ''}</span> : null} {problem.message}
        </p>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { javascript } from '@codemirror/lang-javascript';
import { linter, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { basicSetup } from 'codemirror';
import { EditorView, keymap } from '@codemirror/view';
import { Prec, type Text } from '@codemirror/state';
import './editors.css';
import { checkManualModuleStatic } from '../../core/index';
import { useCodeMirror } from './useCodeMirror';

interface Props {
  label: string;
  value: string;
  onCommit(value: string): void;
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

/** A JavaScript editor for manual relationship code: syntax and contract errors marked by line/column. */
export function CodeEditor({ label, value, onCommit }: Props) {
  const [problem, setProblem] = useState<CodeProblem | null>(null);
  const commitRef = useRef<() => void>(() => {});
  const { host, commitNow } = useCodeMirror({
    value,
    onCommit,
    extensions: [
      basicSetup,
      javascript(),
      lintGutter(),
      EditorView.contentAttributes.of({ 'aria-label': label }),
      Prec.high(keymap.of([{ key: 'Mod-Enter', run: () => { commitRef.current(); return true; } }])),
      linter((v): CmDiagnostic[] => {
        const check = checkManualModuleStatic(v.state.doc.toString());
        if (check.ok) {
          setProblem(null);
          return [];
        }
        const message = check.message ?? 'Invalid module';
        setProblem({ message, ...(check.line ? { line: check.line } : {}), ...(check.column ? { column: check.column } : {}) });
        const from = offsetOf(v.state.doc, check.line, check.column);
        const to = check.line ? Math.min(v.state.doc.length, from + 1) : 0;
        return [{ from, to: Math.max(from, to), severity: 'error', message }];
      }, { delay: 300 }),
    ],
  });
  useEffect(() => {
    commitRef.current = commitNow;
  });

  return (
    <div className="code-editor">
      <div ref={host} className={`cm-host cm-code${problem ? ' has-problems' : ''}`} />
      {problem && (
        <p className="editor-problems" role="status">
          {problem.line ? <span className="editor-problem-pos">Line {problem.line}{problem.column ? `:${problem.column}` : ''}</span> : null} {problem.message}
        </p>
      )}
    </div>
  );
}

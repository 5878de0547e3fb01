import { useEffect, useRef, useState } from 'react';
import { autocompletion, type CompletionContext } from '@codemirror/autocomplete';
import { linter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { minimalSetup } from 'codemirror';
import { EditorView, keymap, placeholder as cmPlaceholder } from '@codemirror/view';
import { Prec } from '@codemirror/state';
import './editors.css';
import { expressionCompletions, expressionProblems, type ExpressionProblem, type ExpressionScope } from './expression-language';
import { useCodeMirror } from './useCodeMirror';

interface Props {
  label: string;
  value: string;
  scope: ExpressionScope;
  placeholder?: string;
  onCommit(value: string): void;
}

/** A one-line CodeMirror editor for an expression: live diagnostics, completion, commit on blur/Enter. */
export function ExpressionEditor({ label, value, scope, placeholder, onCommit }: Props) {
  const scopeRef = useRef(scope);
  const [problems, setProblems] = useState<ExpressionProblem[]>(() => expressionProblems(value, scope));
  useEffect(() => {
    scopeRef.current = scope;
  });
  const commitRef = useRef<() => void>(() => {});

  const { host, view, commitNow } = useCodeMirror({
    value,
    onCommit,
    extensions: [
      minimalSetup,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'false' }),
      cmPlaceholder(placeholder ?? ''),
      Prec.high(keymap.of([{ key: 'Enter', run: () => { commitRef.current(); return true; } }])),
      autocompletion({
        activateOnTyping: true,
        override: [
          (ctx: CompletionContext) => {
            const text = ctx.state.doc.toString();
            const result = expressionCompletions(text, ctx.pos, scopeRef.current);
            if (!result || (result.from === ctx.pos && !ctx.explicit && !/[.(]$/.test(text.slice(0, ctx.pos)))) return null;
            return { from: result.from, options: result.items, validFor: /^\w*$/ };
          },
        ],
      }),
      linter((v): CmDiagnostic[] => {
        const found = expressionProblems(v.state.doc.toString(), scopeRef.current);
        setProblems(found);
        return found.map((p) => ({ from: p.from, to: Math.max(p.to, p.from), severity: p.severity, message: p.message }));
      }, { delay: 200 }),
    ],
  });
  useEffect(() => {
    commitRef.current = commitNow;
  });

  // The model changed (a renamed attribute): re-check the text against it.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const t = window.setTimeout(() => setProblems(expressionProblems(v.state.doc.toString(), scope)), 0);
    return () => window.clearTimeout(t);
  }, [scope, view]);

  return (
    <div className="expr-editor">
      <div ref={host} className={`cm-host${problems.length ? ' has-problems' : ''}`} />
      {problems.length > 0 && (
        <ul className="editor-problems" aria-live="polite">
          {problems.map((p, i) => (
            <li key={i}><span className="editor-problem-pos">{p.from}–{p.to}</span> {p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

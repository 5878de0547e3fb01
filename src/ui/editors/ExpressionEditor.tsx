import { useEffect, useMemo, useState } from 'react';
import { autocompletion, type CompletionContext } from '@codemirror/autocomplete';
import { linter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorView, placeholder as cmPlaceholder } from '@codemirror/view';
import './editors.css';
import { expressionCompletions, expressionProblems, type ExpressionProblem, type ExpressionScope } from './expression-language';
import { lineSetup } from './setup';
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
  const [problems, setProblems] = useState<ExpressionProblem[]>(() => expressionProblems(value, scope));

  const dynamic = useMemo(() => [
    autocompletion({
      activateOnTyping: true,
      override: [
        (ctx: CompletionContext) => {
          const text = ctx.state.doc.toString();
          const result = expressionCompletions(text, ctx.pos, scope);
          if (!result || (result.from === ctx.pos && !ctx.explicit && !/[.(]$/.test(text.slice(0, ctx.pos)))) return null;
          return { from: result.from, options: result.items, validFor: /^\w*$/ };
        },
      ],
    }),
    linter((v): CmDiagnostic[] => {
      const found = expressionProblems(v.state.doc.toString(), scope);
      setProblems(found);
      return found.map((p) => ({ from: p.from, to: Math.max(p.to, p.from), severity: p.severity, message: p.message }));
    }, { delay: 150 }),
  ], [scope]);

  const extensions = useMemo(() => [
    ...lineSetup,
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': label }),
    cmPlaceholder(placeholder ?? ''),
  ], [label, placeholder]);

  const { host } = useCodeMirror({ value, onCommit, extensions, dynamic, commitKeys: ['Enter'] });

  // Shown below the editor even before the linter first runs (opening a relationship with a bad filter).
  useEffect(() => {
    const t = window.setTimeout(() => setProblems(expressionProblems(value, scope)), 0);
    return () => window.clearTimeout(t);
  }, [value, scope]);

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

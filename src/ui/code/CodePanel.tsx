/**
 * The inspector's Code tab: the selected resource (or the whole model) as an Ash resource module or
 * as TypeScript. The text is a draft: Apply (or Mod-Enter) reads it with the importers' readers and
 * applies the difference as one undoable step; text that does not parse is never applied. Canvas
 * edits reload the text unless the draft has unapplied changes, in which case it is marked stale.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { useDocument } from '../state/document-store';
import { CodeTextEditor } from './CodeTextEditor';
import { carriedNotes, diagnosticLines, planApply, printCode, type Change, type CodeLanguage, type CodeScope, type LineNote } from './code-sync';
import { useCodeUi } from './code-ui-store';
import './code-panel.css';

const LANGUAGE_NAMES: Record<CodeLanguage, string> = { elixir: 'Ash (Elixir)', typescript: 'TypeScript' };
const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
const SIGNS: Record<Change['kind'], string> = { added: '+', removed: '−', changed: '~', renamed: '→', moved: '↕' };

export function CodePanel() {
  const selection = useDocument((s) => s.selection);
  const resources = useDocument((s) => s.document.model.resources);
  const { language, scope: preferred, setLanguage, setScope } = useCodeUi();
  const selected = selection && resources.some((r) => r.name === selection.resource) ? selection.resource : null;
  // Resource names are identifiers, so `*` cannot clash with one.
  const scopeKey = preferred === 'resource' && selected ? selected : '*';
  const scope = useMemo<CodeScope>(() => (scopeKey === '*' ? { kind: 'model' } : { kind: 'resource', name: scopeKey }), [scopeKey]);

  return (
    <div className="code-panel">
      <div className="code-switches">
        <div className="code-segmented" role="group" aria-label="Code language">
          {(['elixir', 'typescript'] as const).map((l) => (
            <button key={l} type="button" aria-pressed={language === l} onClick={() => setLanguage(l)}>{LANGUAGE_NAMES[l]}</button>
          ))}
        </div>
        <div className="code-segmented" role="group" aria-label="Code scope">
          <button type="button" aria-pressed={scope.kind === 'resource'} disabled={!selected} onClick={() => setScope('resource')} title={selected ? undefined : 'Select a resource first'}>
            {selected ?? 'Resource'}
          </button>
          <button type="button" aria-pressed={scope.kind === 'model'} onClick={() => setScope('model')}>Whole model</button>
        </div>
      </div>
      <CodeSession key={`${language}:${scopeKey}`} scope={scope} language={language} />
    </div>
  );
}

type Message = { kind: 'ok' | 'info' | 'error'; text: string } | null;

function CodeSession({ scope, language }: { scope: CodeScope; language: CodeLanguage }) {
  const document = useDocument((s) => s.document);
  const diagnostics = useDocument((s) => s.diagnostics);
  const model = document.model;
  const printed = useMemo(() => printCode(model, scope, language), [model, scope, language]);
  const [base, setBase] = useState(printed);
  const [draft, setDraft] = useState(printed);
  const [message, setMessage] = useState<Message>(null);
  const dirty = draft !== base;
  // A canvas edit (or undo) while the text is clean: show the new text. With unapplied edits the
  // draft is kept and marked out of date instead.
  if (!dirty && printed !== base) {
    setBase(printed);
    setDraft(printed);
  }
  const stale = dirty && printed !== base;
  const deferred = useDeferredValue(draft);
  const plan = useMemo(() => (deferred !== base ? planApply(deferred, document, scope, language) : null), [deferred, base, document, scope, language]);
  const notes = useMemo<LineNote[]>(() => {
    if (dirty) {
      if (!plan) return [];
      return plan.ok ? plan.warnings.map((w) => ({ line: w.line, severity: 'warning', message: w.message })) : plan.problems.map((p) => ({ line: p.line, severity: 'error', message: p.message }));
    }
    return diagnosticLines(printed, model, language, diagnostics, scope);
  }, [dirty, plan, printed, model, language, diagnostics, scope]);
  const carried = useMemo(() => carriedNotes(model, scope, language), [model, scope, language]);
  const what = scope.kind === 'model' ? `the ${model.name} model` : scope.name;

  function reload() {
    setBase(printed);
    setDraft(printed);
    setMessage(null);
  }

  function apply(text: string) {
    const state = useDocument.getState();
    const p = planApply(text, state.document, scope, language);
    if (!p.ok) {
      setMessage({ kind: 'error', text: `Not applied: the text has ${p.problems.length === 1 ? 'a problem' : `${p.problems.length} problems`} (marked at ${p.problems.length === 1 ? 'its line' : 'their lines'}). The model is unchanged.` });
      return;
    }
    const after = () => useDocument.getState().document.model;
    if (p.diff.ops.length === 0) {
      const text2 = printCode(after(), scope, language);
      setBase(text2);
      setDraft(text2);
      setMessage({ kind: 'info', text: 'Nothing to apply: the text describes the model as it is.' });
      return;
    }
    const result = state.dispatch(p.diff.ops, `Edit ${scope.kind === 'model' ? 'model' : scope.name} as ${LANGUAGE_NAMES[language]}`);
    if (!result.ok) {
      setMessage({ kind: 'error', text: `Not applied: ${result.error.message} The model is unchanged.` });
      return;
    }
    const rename = p.diff.ops.find((o) => o.kind === 'renameResource');
    if (scope.kind === 'resource' && rename?.kind === 'renameResource' && rename.from === scope.name) {
      state.select({ kind: 'resource', resource: rename.to }); // a new session opens on the new name
      return;
    }
    const text2 = printCode(after(), scope, language);
    setBase(text2);
    setDraft(text2);
    const n = p.diff.changes.length;
    setMessage({ kind: 'ok', text: `Applied ${n === 1 ? '1 change' : `${n} changes`} as one step (Undo reverts it).` });
  }

  return (
    <div className="code-session">
      {stale && (
        <div className="code-stale" role="alert">
          <p>The model changed since you started editing this text, so it is out of date. Reload it from the model (your edits are lost) or apply it as it is.</p>
          <div className="code-buttons">
            <button type="button" onClick={reload}>Reload from model</button>
            <button type="button" onClick={() => apply(draft)}>Apply my text</button>
          </div>
        </div>
      )}
      <CodeTextEditor
        label={`${LANGUAGE_NAMES[language]} code of ${what}`}
        value={draft}
        language={language}
        notes={notes}
        onChange={(t) => {
          setDraft(t);
          setMessage(null);
        }}
        onApply={apply}
      />
      <div className="code-buttons">
        <button type="button" className="primary" disabled={!dirty} onClick={() => apply(draft)} title={`Apply (${MOD}Enter)`}>Apply</button>
        <button type="button" disabled={!dirty} onClick={reload}>Discard edits</button>
        <span className="code-hint">{dirty ? `${MOD}Enter applies` : 'Edit the text, then apply'}</span>
      </div>
      {message && <p className={`code-message is-${message.kind}`} role="status">{message.text}</p>}
      {dirty && plan && !plan.ok && (
        <section className="code-problems" aria-label="Problems in the text">
          <h3>Cannot apply: fix {plan.problems.length === 1 ? 'this problem' : 'these problems'}</h3>
          <ul>{plan.problems.map((p, i) => <li key={i}><span className="code-line">Line {p.line}</span> {p.message}</li>)}</ul>
        </section>
      )}
      {dirty && plan?.ok && (
        <section className="code-changes" aria-label="Changes to apply">
          <h3>{plan.diff.changes.length === 0 ? 'No change to the model' : 'Apply will change'}</h3>
          {plan.diff.changes.length > 0 && (
            <ul>{plan.diff.changes.map((c, i) => <li key={i} className={`is-${c.kind}`}><span className="code-sign" aria-hidden="true">{SIGNS[c.kind]}</span> {c.kind} {c.text}</li>)}</ul>
          )}
          {plan.warnings.length > 0 && (
            <ul className="code-warnings">{plan.warnings.map((w, i) => <li key={i}><span className="code-line">Line {w.line}</span> {w.message}</li>)}</ul>
          )}
        </section>
      )}
      {carried.length > 0 && (
        <section className="code-carried" aria-label="Kept outside this text">
          <h3>Kept outside this text</h3>
          <ul>{carried.map((c, i) => <li key={i}>{c}</li>)}</ul>
        </section>
      )}
    </div>
  );
}

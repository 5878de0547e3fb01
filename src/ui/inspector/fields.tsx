/**
 * Inspector fields. Text fields keep a draft while typing and commit on blur or Enter (Escape
 * reverts), so each commit is one meaningful undo step; checkboxes and selects commit on change.
 */
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { Diagnostic } from '../../core/index';
import { useSections } from './section-store';

interface TextFieldProps {
  label: string;
  value: string;
  placeholder?: string;
  mono?: boolean;
  disabled?: boolean;
  hint?: ReactNode;
  /** Returns an error message to refuse the value (shown under the field). */
  validate?(value: string): string | null;
  onCommit(value: string): void;
}

export function TextField({ label, value, placeholder, mono, disabled, hint, validate, onCommit }: TextFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const commit = () => {
    if (draft === null) return;
    if (draft !== value) {
      const problem = validate?.(draft) ?? null;
      if (problem) {
        setError(problem);
        return;
      }
      onCommit(draft);
    }
    setError(null);
    setDraft(null);
  };
  return (
    <div className="ins-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={`${mono ? 'mono' : ''}${error ? ' is-invalid' : ''}`}
        value={draft ?? value}
        placeholder={placeholder}
        disabled={disabled}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            setDraft(null);
            setError(null);
          }
        }}
      />
      {error && <p className="ins-error" role="alert">{error}</p>}
      {hint && !error && <p className="ins-hint">{hint}</p>}
    </div>
  );
}

export function CheckField({ label, checked, disabled, hint, onChange }: { label: string; checked: boolean; disabled?: boolean; hint?: ReactNode; onChange(v: boolean): void }) {
  return (
    <label className="ins-check">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
      {hint && <span className="ins-check-hint">{hint}</span>}
    </label>
  );
}

export function SelectField({ label, value, options, disabled, onChange }: {
  label: string;
  value: string;
  options: ReadonlyArray<string | { value: string; label: string }>;
  disabled?: boolean;
  onChange(v: string): void;
}) {
  const id = useId();
  return (
    <div className="ins-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => {
          const opt = typeof o === 'string' ? { value: o, label: o } : o;
          return <option key={opt.value} value={opt.value}>{opt.label}</option>;
        })}
      </select>
    </div>
  );
}

export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="ins-section" aria-label={title}>
      <header className="ins-section-header">
        <h3>{title}</h3>
        {actions}
      </header>
      {children}
    </section>
  );
}

/**
 * A section whose header folds it (open by default; the choice is kept per `id` across selections).
 * `summary` says in one line what the folded section holds.
 */
export function CollapsibleSection({ id, title, summary, children }: { id: string; title: string; summary?: ReactNode; children: ReactNode }) {
  const open = useSections((s) => !s.closed[id]);
  const toggle = useSections((s) => s.toggle);
  const bodyId = useId();
  return (
    <section className={`ins-section is-collapsible${open ? '' : ' is-closed'}`} aria-label={title}>
      <header className="ins-section-header">
        <h3>
          <button type="button" className="ins-fold" aria-expanded={open} aria-controls={bodyId} onClick={() => toggle(id)}>
            <span className="ins-fold-mark" aria-hidden="true">{open ? '▾' : '▸'}</span>{title}
          </button>
        </h3>
        {summary !== undefined && <span className="ins-fold-summary">{summary}</span>}
      </header>
      <div id={bodyId} className="ins-section-body" hidden={!open}>{open && children}</div>
    </section>
  );
}

export function DiagnosticList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <ul className="ins-diagnostics" aria-label="Problems">
      {diagnostics.map((d, i) => (
        <li key={i} className={`ins-diagnostic is-${d.severity}`}>
          <span className="ins-diagnostic-code">{d.code}</span>
          <span>{d.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** JSON literal if it parses, else the text itself as a string (`5` → 5, `open` → "open"). */
export function parseLiteral(text: string): string | number | boolean | null {
  const t = text.trim();
  try {
    const v: unknown = JSON.parse(t);
    if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  } catch {
    // plain text
  }
  return t;
}

export function printLiteral(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export const SNAKE = /^[a-z_][a-z0-9_]*$/;
export const PASCAL = /^[A-Z][A-Za-z0-9]*$/;

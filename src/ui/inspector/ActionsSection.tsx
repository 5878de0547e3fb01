import { useId, useState } from 'react';
import { ACTION_TYPES } from '../../core/index';
import type { ActionDef, ActionEntry, ActionType, Resource } from '../../core/index';
import { useDocument } from '../state/document-store';
import { parseAccept, parseArguments, parseChanges, printAccept, printArguments, printChanges } from './action-text';
import { CheckField, SNAKE, Section, SelectField, TextField } from './fields';

/** What a resource without an `actions` key has (docs/actions-and-aggregates.md §1). */
const DEFAULT_ENTRIES: ActionEntry[] = ['read', 'destroy', 'create', 'update'];

const entryName = (e: ActionEntry): string => (typeof e === 'string' ? e : e.name ?? e.type);

/**
 * The "Actions" section of a resource: default actions and named ones, each with its type, accept
 * list, arguments and changes. Every edit replaces the resource's `actions` list (one undo step).
 */
export function ActionsSection({ raw }: { raw: Resource }) {
  const name = raw.name;
  const dispatch = useDocument((s) => s.dispatch);
  const diagnostics = useDocument((s) => s.diagnostics);
  const entries = raw.actions ?? DEFAULT_ENTRIES;
  const explicit = raw.actions !== undefined;
  const problems = diagnostics.filter((d) => d.resource === name && d.path.includes('actions'));

  const commit = (next: ActionEntry[] | undefined, label: string) => dispatch([{ kind: 'updateResource', name, patch: { actions: next } }], label);
  const replaceAt = (i: number, entry: ActionEntry, label: string) => commit(entries.map((e, k) => (k === i ? entry : e)), label);
  const addAction = () => {
    let n = 1;
    while (entries.some((e) => entryName(e) === `action_${n}`)) n++;
    commit([...entries, { type: 'update', name: `action_${n}`, accept: [] }], `Add action to ${name}`);
  };
  const missingDefaults = ACTION_TYPES.filter((t) => !entries.some((e) => entryName(e) === t));

  return (
    <Section
      title="Actions"
      actions={<button type="button" className="ins-add" onClick={addAction}>Add action</button>}
    >
      {!explicit && <p className="ins-hint">No actions key: the four default actions. Editing writes the list.</p>}
      {problems.length > 0 && (
        <ul className="ins-diagnostics" aria-label="Action problems">
          {problems.map((d, i) => (
            <li key={i} className={`ins-diagnostic is-${d.severity}`}><span className="ins-diagnostic-code">{d.code}</span><span>{d.message}</span></li>
          ))}
        </ul>
      )}
      <ul className="ins-list ins-actions">
        {entries.map((e, i) => (
          <li key={i} className="ins-item ins-action">
            {typeof e === 'string' ? (
              <div className="ins-action-head">
                <span className="ins-item-name">{e}</span>
                <span className="ins-item-meta">default {e}</span>
                <button type="button" className="ins-icon" aria-label={`Customize action ${e}`} title="Turn into an action you can edit" onClick={() => replaceAt(i, { type: e, name: e }, `Customize ${name}.${e}`)}>✎</button>
                <button type="button" className="ins-icon danger-quiet" aria-label={`Remove action ${e}`} onClick={() => commit(entries.filter((_, k) => k !== i), `Remove ${name}.${e}`)}>×</button>
              </div>
            ) : (
              <ActionEditor
                resource={name}
                action={e}
                others={entries.filter((_, k) => k !== i).map(entryName)}
                onChange={(next, label) => replaceAt(i, next, label)}
                onRemove={() => commit(entries.filter((_, k) => k !== i), `Remove ${name}.${entryName(e)}`)}
              />
            )}
          </li>
        ))}
      </ul>
      <div className="ins-row">
        {missingDefaults.length > 0 && (
          <select
            aria-label={`Add default action to ${name}`}
            value=""
            onChange={(ev) => ev.target.value && commit([...entries, ev.target.value as ActionType], `Add default ${ev.target.value} to ${name}`)}
          >
            <option value="">Add default action…</option>
            {missingDefaults.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        )}
        {explicit && <button type="button" className="ins-add" onClick={() => commit(undefined, `Default actions for ${name}`)}>Use the four defaults</button>}
      </div>
    </Section>
  );
}

function ActionEditor({ resource, action, others, onChange, onRemove }: {
  resource: string;
  action: ActionDef;
  others: string[];
  onChange(next: ActionDef, label: string): void;
  onRemove(): void;
}) {
  const name = action.name ?? action.type;
  const where = `${resource}.${name}`;
  const set = (patch: Partial<ActionDef>, label: string) => {
    const next: ActionDef = { ...action, ...patch };
    for (const k of Object.keys(patch) as (keyof ActionDef)[]) if (patch[k] === undefined) delete next[k];
    onChange(next, label);
  };
  const writes = action.type === 'create' || action.type === 'update';
  return (
    <details className="ins-action-body" aria-label={`Action ${name}`}>
      <summary>
        <span className="ins-item-name">{name}</span> <span className="ins-item-meta">{action.type}{action.primary ? ' · primary' : ''}</span>
        <button type="button" className="ins-icon danger-quiet" aria-label={`Remove action ${name}`} onClick={(e) => { e.preventDefault(); onRemove(); }}>×</button>
      </summary>
      <div className="ins-row">
        <TextField
          label="Action name"
          value={name}
          mono
          validate={(v) => (!SNAKE.test(v) ? 'Use snake_case' : others.includes(v) ? `${resource} already has an action ${v}` : null)}
          onCommit={(v) => set({ name: v }, `Rename action ${where}`)}
        />
        <SelectField label="Type" value={action.type} options={ACTION_TYPES.map((t) => ({ value: t, label: t }))} onChange={(v) => set({ type: v as ActionType }, `Set ${where} type`)} />
      </div>
      <CheckField label="Primary" checked={action.primary ?? false} onChange={(v) => set({ primary: v ? true : undefined }, `Set ${where} primary`)} />
      {writes && (
        <TextField
          label="Accept"
          value={printAccept(action.accept)}
          mono
          hint="Attributes the input may set: names separated by commas; * for every writable attribute."
          validate={(v) => { const r = parseAccept(v, action.accept); return r.ok ? null : r.message; }}
          onCommit={(v) => { const r = parseAccept(v, action.accept); if (r.ok) set({ accept: r.value }, `Set ${where} accept`); }}
        />
      )}
      <TextAreaField
        label="Arguments"
        value={printArguments(action.arguments)}
        placeholder="reporter_id integer required"
        hint="One per line: name type [required|optional] [= default]."
        parse={(v) => { const r = parseArguments(v, action.arguments); return r.ok ? { ok: true } : r; }}
        onCommit={(v) => { const r = parseArguments(v, action.arguments); if (r.ok) set({ arguments: r.value.length > 0 ? r.value : undefined }, `Set ${where} arguments`); }}
      />
      <TextAreaField
        label="Changes"
        value={printChanges(action.changes)}
        placeholder={'set_attribute(status, :closed)\nmanage_relationship(reporter_id, reporter, type: append_and_remove)'}
        hint="One per line, run in order: set_attribute(attribute, value) or manage_relationship(argument, relationship, type: …)."
        parse={(v) => { const r = parseChanges(v); return r.ok ? { ok: true } : r; }}
        onCommit={(v) => { const r = parseChanges(v); if (r.ok) set({ changes: r.value.length > 0 ? r.value : undefined }, `Set ${where} changes`); }}
      />
      <TextField label="Description" value={action.description ?? ''} onCommit={(v) => set({ description: v || undefined }, `Describe ${where}`)} />
    </details>
  );
}

/** A multi-line field that commits on blur (Mod+Enter too); a parse error keeps the draft and shows it. */
function TextAreaField({ label, value, placeholder, hint, parse, onCommit }: {
  label: string;
  value: string;
  placeholder?: string;
  hint?: string;
  parse(v: string): { ok: true } | { ok: false; message: string };
  onCommit(v: string): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const commit = () => {
    if (draft === null) return;
    if (draft !== value) {
      const r = parse(draft);
      if (!r.ok) {
        setError(r.message);
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
      <textarea
        id={id}
        className={`mono${error ? ' is-invalid' : ''}`}
        rows={Math.max(2, (draft ?? value).split('\n').length)}
        value={draft ?? value}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
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

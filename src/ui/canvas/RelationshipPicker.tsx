import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useDocument } from '../state/document-store';
import { useCanvas, type PickerRequest } from './canvas-store';
import { Modal } from '../panels/Modal';
import { connect } from './commands';
import {
  PICKER_KINDS, fieldNames, inverseKind, suggestJoinName, suggestRelationshipName, type PickerKind,
} from './gesture-ops';
import { snake } from '../../core/index';

const KIND_HINTS: Record<PickerKind, string> = {
  belongs_to: 'this record holds the key',
  has_one: 'one related record holds our key',
  has_many: 'many related records hold our key',
  many_to_many: 'through a join resource',
  manual: 'rows come from your code',
};

const IDENT = /^[a-z_][a-z0-9_]*$/;
const RESOURCE_IDENT = /^[A-Z][A-Za-z0-9]*$/;
const CREATE = '\u0000create';

function PickerForm({ request }: { request: PickerRequest }) {
  const model = useDocument((s) => s.document.model);
  const normalized = useDocument((s) => s.normalized);
  const close = useCanvas((s) => s.closePicker);
  const resources = useMemo(() => model.resources.map((r) => r.name), [model]);
  const [to, setTo] = useState(request.to ?? resources.find((r) => r !== request.from) ?? request.from);
  const [kind, setKind] = useState<PickerKind>('belongs_to');
  const [name, setName] = useState<string | null>(null);
  const [withInverse, setWithInverse] = useState(true);
  const [inverseName, setInverseName] = useState<string | null>(null);
  const [through, setThrough] = useState<string>(CREATE);
  const [joinName, setJoinName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const from = request.from;
  const invKind = inverseKind(kind);
  const effectiveName = name ?? suggestRelationshipName(kind, to);
  const suggestedInverse = invKind ? suggestRelationshipName(invKind, from) : '';
  const effectiveInverse = inverseName ?? suggestedInverse;
  const effectiveJoin = joinName ?? suggestJoinName(model, from, to);
  const joinCandidates = resources.filter((r) => r !== from && r !== to);

  const problems: string[] = [];
  const taken = fieldNames(model, normalized, from);
  if (!IDENT.test(effectiveName)) problems.push('Name must be a snake_case identifier');
  else if (taken.has(effectiveName)) problems.push(`${from} already has a field named ${effectiveName}`);
  if (invKind && withInverse) {
    const takenTo = fieldNames(model, normalized, to);
    if (!IDENT.test(effectiveInverse)) problems.push('Inverse name must be a snake_case identifier');
    else if (takenTo.has(effectiveInverse) || (from === to && effectiveInverse === effectiveName)) problems.push(`${to} already has a field named ${effectiveInverse}`);
  }
  if (kind === 'many_to_many' && through === CREATE) {
    if (!RESOURCE_IDENT.test(effectiveJoin)) problems.push('Join resource name must be PascalCase');
    else if (resources.includes(effectiveJoin)) problems.push(`A resource named ${effectiveJoin} already exists`);
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problems.length) return;
    const result = connect(from, to, {
      kind,
      name: effectiveName,
      inverse: invKind && withInverse ? { name: effectiveInverse } : null,
      ...(kind === 'many_to_many' ? { through: through === CREATE ? { create: effectiveJoin } : { existing: through } } : {}),
    });
    if (result.ok) close();
    else setError(result.message);
  };

  const preview = kind === 'manual' ? `has_many :${effectiveName}, ${to}, manual: …` : `${kind} :${effectiveName}, ${to}`;
  const inversePreview = invKind ? `${invKind} :${effectiveInverse}, ${from}` : '';
  const belongsKey = kind === 'belongs_to' ? `${effectiveName}_id` : invKind === 'belongs_to' && withInverse ? `${effectiveInverse}_id` : null;

  return (
    <form className="picker" onSubmit={submit}>
      <div className="picker-route">
        <span className="picker-res">{from}</span>
        <span aria-hidden="true">→</span>
        <label className="picker-dest">
          <span className="visually-hidden">Destination</span>
          <select aria-label="Destination" value={to} onChange={(e) => setTo(e.target.value)} autoFocus={!request.to}>
            {resources.map((r) => <option key={r} value={r}>{r}{r === from ? ' (itself)' : ''}</option>)}
          </select>
        </label>
      </div>
      <fieldset className="picker-kinds">
        <legend>Kind</legend>
        {PICKER_KINDS.map((k) => (
          <label key={k} className={`picker-kind${k === kind ? ' is-active' : ''}`}>
            <input type="radio" name="kind" value={k} checked={k === kind} onChange={() => setKind(k)} />
            <span className="picker-kind-name">{k}</span>
            <span className="picker-kind-hint">{KIND_HINTS[k]}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Name</span>
        <input value={effectiveName} onChange={(e) => setName(e.target.value)} autoFocus={!!request.to} spellCheck={false} />
      </label>
      {kind === 'many_to_many' && (
        <div className="picker-join">
          <label className="field">
            <span>Join resource</span>
            <select value={through} onChange={(e) => setThrough(e.target.value)}>
              <option value={CREATE}>Create a new join resource…</option>
              {joinCandidates.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
          {through === CREATE && (
            <label className="field">
              <span>Join resource name</span>
              <input value={effectiveJoin} onChange={(e) => setJoinName(e.target.value)} spellCheck={false} />
            </label>
          )}
          {through === CREATE && (
            <p className="picker-note">
              {effectiveJoin} gets <code>belongs_to :{snake(from) === snake(to) ? `source_${snake(from)}` : snake(from)}</code> and{' '}
              <code>belongs_to :{snake(from) === snake(to) ? `related_${snake(to)}` : snake(to)}</code>, both part of its primary key.
            </p>
          )}
        </div>
      )}
      {invKind && (
        <div className="picker-inverse">
          <label className="checkbox">
            <input type="checkbox" checked={withInverse} onChange={(e) => setWithInverse(e.target.checked)} />
            <span>Add inverse on {to}: <code>{inversePreview}</code></span>
          </label>
          {withInverse && (
            <label className="field">
              <span>Inverse name</span>
              <input value={effectiveInverse} onChange={(e) => setInverseName(e.target.value)} spellCheck={false} />
            </label>
          )}
        </div>
      )}
      <p className="picker-preview"><code>{preview}</code>{belongsKey && <span> · adds attribute <code>{belongsKey}</code></span>}</p>
      {(problems.length > 0 || error) && (
        <ul className="picker-problems" role="alert">
          {problems.map((p) => <li key={p}>{p}</li>)}
          {error && <li>{error}</li>}
        </ul>
      )}
      <div className="picker-actions">
        <button type="button" className="button" onClick={close}>Cancel</button>
        <button type="submit" className="button primary" disabled={problems.length > 0}>Create relationship</button>
      </div>
    </form>
  );
}

export function RelationshipPicker() {
  const request = useCanvas((s) => s.picker);
  const close = useCanvas((s) => s.closePicker);
  if (!request) return null;
  return (
    <Modal title={`New relationship from ${request.from}`} onClose={close} className="picker-dialog">
      <PickerForm key={`${request.from}->${request.to ?? ''}`} request={request} />
    </Modal>
  );
}

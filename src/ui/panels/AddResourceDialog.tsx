import { useState } from 'react';
import type { Resource } from '../../core/index';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { Modal } from './Modal';

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;

function suggestName(existing: Set<string>): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? 'NewResource' : `NewResource${i}`;
    if (!existing.has(name)) return name;
  }
}

/** Where a new node goes: the next free cell of a grid, so nodes never land on top of each other. */
function nextPosition(count: number): { x: number; y: number } {
  return { x: 80 + (count % 4) * 320, y: 80 + Math.floor(count / 4) * 280 };
}

export function checkResourceName(name: string, existing: Set<string>): string | null {
  if (!name) return 'Enter a name.';
  if (!PASCAL.test(name)) return 'Use a PascalCase identifier: a capital letter, then letters and digits (e.g. BlogPost).';
  if (existing.has(name)) return `A resource named ${name} already exists.`;
  return null;
}

export function AddResourceDialog() {
  const resources = useDocument((s) => s.document.model.resources);
  const existing = new Set(resources.map((r) => r.name));
  const [name, setName] = useState(() => suggestName(existing));
  const [error, setError] = useState<string | null>(null);
  const close = () => useUi.getState().closeDialog();

  const submit = () => {
    const trimmed = name.trim();
    const problem = checkResourceName(trimmed, existing);
    if (problem) return setError(problem);
    const resource: Resource = {
      name: trimmed,
      attributes: [{ name: 'id', type: 'uuid', primaryKey: true, generated: 'uuid' }],
      relationships: [],
    };
    const store = useDocument.getState();
    const res = store.dispatch(
      [{ kind: 'addResource', resource, position: nextPosition(resources.length) }],
      `Add resource ${trimmed}`,
    );
    if (!res.ok) return setError(res.error.message);
    store.select({ kind: 'resource', resource: trimmed });
    close();
  };

  return (
    <Modal title="Add resource" onClose={close}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor="new-resource-name">Resource name</label>
        <input
          id="new-resource-name"
          autoFocus
          value={name}
          aria-invalid={!!error}
          aria-describedby={error ? 'new-resource-error' : 'new-resource-help'}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onFocus={(e) => e.currentTarget.select()}
        />
        {error ? (
          <p id="new-resource-error" role="alert" className="field-error">{error}</p>
        ) : (
          <p id="new-resource-help" className="muted">Starts with a uuid primary key <code>id</code>.</p>
        )}
        <div className="actions">
          <button type="button" onClick={close}>Cancel</button>
          <button type="submit" className="primary">Add</button>
        </div>
      </form>
    </Modal>
  );
}

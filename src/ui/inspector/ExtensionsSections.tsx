/**
 * The model extensions of a resource (docs/model-extensions.md) in the inspector: the external
 * placeholder note, identities and calculations (editable, each commit one undo step) and the
 * preserved sections (read-only: they are exported back exactly as imported).
 */
import { useMemo } from 'react';
import type { Resource } from '../../core/index';
import { ATTRIBUTE_TYPES, parseExpression } from '../../core/index';
import { resourceOf } from '../canvas/node-view';
import { useDocument } from '../state/document-store';
import { Section, SelectField, SNAKE, TextField } from './fields';

type Calculation = NonNullable<Resource['calculations']>[number];
type Identity = NonNullable<Resource['identities']>[number];

/** Ash allows a trailing `?` or `!` on names (`is_public?`). */
const FIELD_NAME = /^[a-z_][a-z0-9_]*[?!]?$/;

export function keysText(keys: readonly string[]): string {
  return keys.join(', ');
}

export function parseKeys(text: string): string[] {
  return text.split(',').map((k) => k.trim()).filter(Boolean);
}

function uniqueName(base: string, taken: readonly string[]): string {
  let name = base;
  for (let i = 2; taken.includes(name); i++) name = `${base}_${i}`;
  return name;
}

export function ExtensionsSections({ raw }: { raw: Resource }) {
  const name = raw.name;
  const dispatch = useDocument((s) => s.dispatch);
  // Select the resource (a stable object), not a new array per store read.
  const normalized = useDocument((s) => resourceOf(s.normalized, name));
  const attributes = useMemo(() => normalized?.attributes.map((a) => a.name) ?? [], [normalized]);
  const identities = raw.identities ?? [];
  const calculations = raw.calculations ?? [];
  const preserved = raw.preserved ?? [];

  const setIdentities = (next: Identity[], label: string) => dispatch([{ kind: 'updateResource', name, patch: { identities: next.length > 0 ? next : undefined } }], label);
  const setCalculations = (next: Calculation[], label: string) => dispatch([{ kind: 'updateResource', name, patch: { calculations: next.length > 0 ? next : undefined } }], label);
  const patchIdentity = (i: number, patch: Partial<Identity>, label: string) => setIdentities(identities.map((x, j) => (j === i ? { ...x, ...patch } : x)), label);
  const patchCalculation = (i: number, patch: Partial<Calculation>, label: string) => setCalculations(calculations.map((x, j) => (j === i ? { ...x, ...patch } : x)), label);
  const fieldNames = [...attributes, ...calculations.map((c) => c.name)];

  return (
    <>
      {raw.external && (
        <div className="ins-note" role="note">
          <strong>External placeholder</strong> for <code>{raw.module ?? name}</code>: a destination outside the imported files, so
          relationships to it have a target. Export and previews treat it like any resource.{' '}
          <button type="button" className="link" onClick={() => dispatch([{ kind: 'updateResource', name, patch: { external: undefined } }], `Make ${name} a regular resource`)}>
            Make it a regular resource
          </button>
        </div>
      )}
      <Section
        title="Identities"
        actions={
          <button type="button" className="ins-add" onClick={() => setIdentities([...identities, { name: uniqueName('unique', identities.map((x) => x.name)), keys: attributes.slice(0, 1) }], `Add identity to ${name}`)}>
            Add identity
          </button>
        }
      >
        <ul className="ins-list">
          {identities.map((idn, i) => (
            <li key={`${i}:${idn.name}`} className="ins-item ins-ext">
              <div className="ins-row">
                <TextField
                  label={`Identity ${i + 1} name`}
                  value={idn.name}
                  mono
                  validate={(v) => (!SNAKE.test(v) ? 'Use snake_case' : identities.some((x, j) => j !== i && x.name === v) ? `${name} already has an identity ${v}` : null)}
                  onCommit={(v) => patchIdentity(i, { name: v }, `Rename identity ${name}.${idn.name}`)}
                />
                <TextField
                  label={`Identity ${idn.name} keys`}
                  value={keysText(idn.keys)}
                  mono
                  hint="Attributes unique together, comma separated"
                  validate={(v) => {
                    const keys = parseKeys(v);
                    if (keys.length === 0) return 'Name at least one attribute';
                    const unknown = keys.filter((k) => !attributes.includes(k));
                    return unknown.length > 0 ? `${name} has no attribute ${unknown.join(', ')}` : null;
                  }}
                  onCommit={(v) => patchIdentity(i, { keys: parseKeys(v) }, `Set keys of identity ${name}.${idn.name}`)}
                />
              </div>
              <span className="ins-item-actions">
                <button type="button" className="ins-icon danger-quiet" aria-label={`Remove identity ${idn.name}`} onClick={() => setIdentities(identities.filter((_, j) => j !== i), `Remove identity ${name}.${idn.name}`)}>×</button>
              </span>
            </li>
          ))}
        </ul>
      </Section>
      <Section
        title="Calculations"
        actions={
          <button type="button" className="ins-add" onClick={() => setCalculations([...calculations, { name: uniqueName('calculation', fieldNames), type: 'string', expression: attributes[0] ?? '""' }], `Add calculation to ${name}`)}>
            Add calculation
          </button>
        }
      >
        <ul className="ins-list">
          {calculations.map((c, i) => (
            <li key={`${i}:${c.name}`} className="ins-item ins-ext">
              <div className="ins-row">
                <TextField
                  label={`Calculation ${i + 1} name`}
                  value={c.name}
                  mono
                  validate={(v) => (!FIELD_NAME.test(v) ? 'Use snake_case (a trailing ? or ! is allowed)' : fieldNames.some((x) => x === v && x !== c.name) ? `${name} already has a field ${v}` : null)}
                  onCommit={(v) => patchCalculation(i, { name: v }, `Rename calculation ${name}.${c.name}`)}
                />
                <SelectField label={`Calculation ${c.name} type`} value={c.type} options={ATTRIBUTE_TYPES} onChange={(v) => patchCalculation(i, { type: v as Calculation['type'] }, `Set type of ${name}.${c.name}`)} />
              </div>
              <TextField
                label={`Calculation ${c.name} expression`}
                value={c.expression}
                mono
                placeholder={c.ashSource ? 'not an expression the engine evaluates' : 'first_name <> " " <> last_name'}
                validate={(v) => {
                  if (!v.trim()) return null; // a module calculation: kept as Ash source only
                  const r = parseExpression(v);
                  return r.ok ? null : r.error.message;
                }}
                onCommit={(v) => patchCalculation(i, { expression: v }, `Set expression of ${name}.${c.name}`)}
              />
              {c.ashSource && <pre className="ins-pre mono" aria-label={`Ash source of ${c.name}`}>{c.ashSource}</pre>}
              <span className="ins-item-actions">
                <button type="button" className="ins-icon danger-quiet" aria-label={`Remove calculation ${c.name}`} onClick={() => setCalculations(calculations.filter((_, j) => j !== i), `Remove calculation ${name}.${c.name}`)}>×</button>
              </span>
            </li>
          ))}
        </ul>
      </Section>
      {preserved.length > 0 && (
        <Section title="Preserved sections">
          <p className="ins-hint">Sections Relata does not model, exported back exactly as imported (read-only).</p>
          {preserved.map((p, i) => (
            <details key={`${i}:${p.section}`} className="ins-preserved">
              <summary className="mono">{p.section}</summary>
              <pre className="ins-pre mono" aria-label={`Preserved ${p.section}`}>{p.text}</pre>
            </details>
          ))}
        </Section>
      )}
    </>
  );
}

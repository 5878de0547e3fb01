import { useMemo } from 'react';
import { ATTRIBUTE_TYPES, RELATIONSHIP_KINDS } from '../../core/index';
import type { AttributeType, NRelationship, Relationship, RelationshipKind } from '../../core/index';
import { deleteSelection } from '../canvas/commands';
import { MANUAL_TEMPLATE, patchRelationship } from '../canvas/gesture-ops';
import { resourceOf } from '../canvas/node-view';
import { ExpressionEditor } from '../editors/ExpressionEditor';
import { useDocument } from '../state/document-store';
import { CheckField, CollapsibleSection, DiagnosticList, SNAKE, SelectField, TextField } from './fields';
import { ManualCodeBar } from './ManualCodeBar';
import { keysSummary, rowsSummary } from './relationship-summary';
import { SortEditor } from './SortEditor';

/** Keys every kind has: kept when the kind changes; the rest (kind-specific defaults) are dropped. */
const COMMON = ['name', 'destination', 'filter', 'sort', 'defaultSort', 'validateDestinationAttribute', 'description'] as const;

function numberOrUndefined(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
const validateCount = (t: string) => (t.trim() === '' || (Number.isInteger(Number(t)) && Number(t) >= 0) ? null : 'Enter a whole number ≥ 0');

export function RelationshipInspector({ resource, raw, normalized }: { resource: string; raw: Relationship | undefined; normalized: NRelationship }) {
  const dispatch = useDocument((s) => s.dispatch);
  const select = useDocument((s) => s.select);
  const model = useDocument((s) => s.normalized);
  const allDiagnostics = useDocument((s) => s.diagnostics);
  const resources = useDocument((s) => s.document.model.resources);
  const name = normalized.name;
  const diagnostics = useMemo(() => allDiagnostics.filter((d) => d.resource === resource && d.relationship === name), [allDiagnostics, resource, name]);
  const scope = useMemo(() => ({ model, resource: normalized.destination, parents: [resource] }), [model, normalized.destination, resource]);
  const destination = resourceOf(model, normalized.destination);
  const destFields = (destination?.attributes ?? []).map((a) => a.name);
  const resourceNames = resources.map((r) => r.name);
  const back = <button type="button" className="ins-back" onClick={() => select({ kind: 'resource', resource })}>← {resource}</button>;

  if (!raw) {
    const of = normalized.kind === 'has_many' ? normalized.joinOf : undefined;
    return (
      <div className="ins-body">
        {back}
        <header className="ins-title"><span className="ins-kind">{normalized.kind}</span><h2>{resource}.{name}</h2></header>
        <p className="ins-note">Implicit: added by <code>many_to_many :{of}</code> to reach its join resource <code>{normalized.destination}</code>.</p>
        {of && <button type="button" onClick={() => select({ kind: 'relationship', resource, relationship: of })}>Edit :{of}</button>}
        <DiagnosticList diagnostics={diagnostics} />
      </div>
    );
  }

  const update = (patch: Record<string, unknown>, label = `Edit ${resource}.${name}`) => {
    const next = patchRelationship(raw, patch);
    const result = dispatch([{ kind: 'updateRelationship', resource, name, relationship: next }], label);
    if (result.ok && next.name !== name) select({ kind: 'relationship', resource, relationship: next.name });
  };
  const changeKind = (kind: RelationshipKind) => {
    const next: Record<string, unknown> = { kind };
    for (const k of COMMON) if (raw[k] !== undefined) next[k] = raw[k];
    dispatch([{ kind: 'updateRelationship', resource, name, relationship: next as unknown as Relationship }], `Make ${resource}.${name} ${kind}`);
  };
  const str = (key: string) => ((raw as unknown as Record<string, unknown>)[key] as string | undefined) ?? '';
  const ph = (key: string) => String((normalized as unknown as Record<string, unknown>)[key] ?? '');
  const textKey = (label: string, key: string, opts: { placeholder?: string } = {}) => (
    <TextField key={key} label={label} value={str(key)} placeholder={opts.placeholder ?? ph(key)} mono
      validate={(v) => (v === '' || SNAKE.test(v) ? null : 'Use a snake_case identifier')}
      onCommit={(v) => update({ [key]: v || undefined })} />
  );
  const boolKey = (label: string, key: string) => (
    <CheckField key={key} label={label} checked={Boolean((normalized as unknown as Record<string, unknown>)[key])}
      hint={(raw as unknown as Record<string, unknown>)[key] === undefined ? 'default' : undefined}
      onChange={(v) => update({ [key]: v })} />
  );
  const countKey = (label: string, key: string) => (
    <TextField key={key} label={label} value={(raw as unknown as Record<string, unknown>)[key] === undefined ? '' : String((raw as unknown as Record<string, unknown>)[key])}
      placeholder="none" mono validate={validateCount} onCommit={(v) => update({ [key]: numberOrUndefined(v) })} />
  );
  const manual = raw.kind === 'has_one' || raw.kind === 'has_many' ? raw.manual : undefined;

  const rowsSection = (
      <CollapsibleSection id="relationship-rows" title="Rows" summary={rowsSummary(raw)}>
        <div className="ins-field">
          <span className="ins-label" id={`filter-${resource}-${name}`}>Filter</span>
          <ExpressionEditor
            key={`${resource}.${name}`}
            label="Filter"
            value={raw.filter ?? ''}
            scope={scope}
            placeholder={`e.g. is_nil(archived_at) or priority > parent(…)`}
            onCommit={(v) => update({ filter: v.trim() === '' ? undefined : v }, `Filter ${resource}.${name}`)}
          />
        </div>
        <SortEditor label="Sort" value={raw.sort} fields={destFields} onCommit={(sort) => update({ sort }, `Sort ${resource}.${name}`)} />
        <SortEditor label="Default sort" value={raw.defaultSort} fields={destFields} onCommit={(sort) => update({ defaultSort: sort }, `Default sort ${resource}.${name}`)} />
        {(raw.kind === 'has_one' || raw.kind === 'has_many') && (
          <div className="ins-row">
            {raw.kind === 'has_many' && countKey('Limit', 'limit')}
            {countKey('Offset', 'offset')}
          </div>
        )}
      </CollapsibleSection>
  );
  const keysSection = (
      <CollapsibleSection id="relationship-keys" title="Keys" summary={keysSummary(normalized, !!manual)}>
        {!manual && !(raw.kind !== 'belongs_to' && raw.kind !== 'many_to_many' && raw.noAttributes) && (
          <div className="ins-row">
            {textKey('Source attribute', 'sourceAttribute')}
            {textKey('Destination attribute', 'destinationAttribute')}
          </div>
        )}
        {raw.kind === 'belongs_to' && (
          <>
            <SelectField label="Attribute type" value={raw.attributeType ?? (normalized.kind === 'belongs_to' ? normalized.attributeType : 'uuid')} options={ATTRIBUTE_TYPES} onChange={(v) => update({ attributeType: v === 'uuid' ? undefined : (v as AttributeType) })} />
            <div className="ins-checks">
              {boolKey('Allow nil', 'allowNil')}
              {boolKey('Primary key', 'primaryKey')}
              {boolKey('Attribute writable', 'attributeWritable')}
              {boolKey('Define attribute', 'defineAttribute')}
            </div>
          </>
        )}
        {raw.kind === 'many_to_many' && (
          <>
            <SelectField
              label="Through"
              value={raw.through ?? ''}
              options={[{ value: '', label: raw.through ? '' : 'choose a join resource…' }, ...(raw.through && !resourceNames.includes(raw.through) ? [{ value: raw.through, label: `${raw.through} (unknown)` }] : []), ...resourceNames.map((r) => ({ value: r, label: r }))].filter((o) => o.label !== '')}
              onChange={(v) => update({ through: v || undefined })}
            />
            <div className="ins-row">
              {textKey('Source attribute on join', 'sourceAttributeOnJoinResource')}
              {textKey('Destination attribute on join', 'destinationAttributeOnJoinResource')}
            </div>
            {textKey('Join relationship', 'joinRelationship')}
          </>
        )}
        {(raw.kind === 'has_one' || raw.kind === 'has_many') && (
          <div className="ins-checks">
            {boolKey('No attributes', 'noAttributes')}
            {raw.kind === 'has_one' && boolKey('From many', 'fromMany')}
            <CheckField
              label="Manual (code)"
              checked={!!manual}
              onChange={(v) => update({ manual: v ? { language: 'javascript', source: MANUAL_TEMPLATE } : undefined })}
            />
          </div>
        )}
        {boolKey('Validate destination attribute', 'validateDestinationAttribute')}
      </CollapsibleSection>
  );

  return (
    <div className="ins-body is-compact">
      <header className="ins-title">
        <div className="ins-title-line">
          {back}
          <span className="ins-kind">{raw.kind}{manual ? ' · manual' : ''}</span>
        </div>
        <h2>{resource}.{name}</h2>
      </header>
      <DiagnosticList diagnostics={diagnostics} />
      {manual && (
        <ManualCodeBar resource={resource} name={name} source={manual.source}
          onApply={(source) => update({ manual: { ...manual, source } }, `Edit ${resource}.${name} code`)} />
      )}
      <TextField label="Name" value={name} mono validate={(v) => (SNAKE.test(v) ? null : 'Use a snake_case identifier')} onCommit={(v) => update({ name: v }, `Rename ${resource}.${name}`)} />
      <div className="ins-row">
        <SelectField label="Kind" value={raw.kind} options={RELATIONSHIP_KINDS} onChange={(v) => changeKind(v as RelationshipKind)} />
        <SelectField
          label="Destination"
          value={raw.destination}
          options={resourceNames.includes(raw.destination) ? resourceNames : [{ value: raw.destination, label: `${raw.destination} (unknown)` }, ...resourceNames]}
          onChange={(v) => update({ destination: v })}
        />
      </div>

      {/* Most-used first: a belongs_to's keys (nil, type), the rows (filter, sort, limit) of the others. */}
      {raw.kind === 'belongs_to' ? <>{keysSection}{rowsSection}</> : <>{rowsSection}{keysSection}</>}
      <TextField label="Description" value={raw.description ?? ''} onCommit={(v) => update({ description: v || undefined })} />
      <div className="ins-footer">
        <button type="button" className="danger-quiet" onClick={() => deleteSelection()}>Delete relationship</button>
      </div>
    </div>
  );
}

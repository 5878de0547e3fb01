import { useMemo } from 'react';
import { ATTRIBUTE_TYPES } from '../../core/index';
import type { Attribute, AttributeType, JsonValue, NAttribute } from '../../core/index';
import { patchAttribute } from '../canvas/gesture-ops';
import { deleteSelection } from '../canvas/commands';
import { useDocument } from '../state/document-store';
import { CheckField, DiagnosticList, SNAKE, SelectField, TextField, parseLiteral, printLiteral } from './fields';

const GENERATED = ['', 'uuid', 'increment', 'now'] as const;

function printOneOf(values: JsonValue[] | undefined): string {
  return (values ?? []).map((v) => printLiteral(v)).join(', ');
}

export function AttributeInspector({ resource, raw, normalized }: { resource: string; raw: Attribute | undefined; normalized: NAttribute }) {
  const dispatch = useDocument((s) => s.dispatch);
  const select = useDocument((s) => s.select);
  const allDiagnostics = useDocument((s) => s.diagnostics);
  const diagnostics = useMemo(() => allDiagnostics.filter((d) => d.resource === resource && d.attribute === normalized.name && !d.relationship), [allDiagnostics, resource, normalized.name]);
  const name = normalized.name;
  const back = (
    <button type="button" className="ins-back" onClick={() => select({ kind: 'resource', resource })}>← {resource}</button>
  );

  if (!raw) {
    return (
      <div className="ins-body">
        {back}
        <header className="ins-title"><span className="ins-kind">Attribute</span><h2>{resource}.{name}</h2></header>
        <p className="ins-note">
          Added by <code>belongs_to :{normalized.addedBy}</code> ({normalized.type}{normalized.primaryKey ? ', primary key' : ''}{normalized.allowNil ? '' : ', not nil'}).
          Edit the relationship to change it, or add an attribute of this name to define it yourself.
        </p>
        {normalized.addedBy && (
          <button type="button" onClick={() => select({ kind: 'relationship', resource, relationship: normalized.addedBy! })}>Edit :{normalized.addedBy}</button>
        )}
        <DiagnosticList diagnostics={diagnostics} />
      </div>
    );
  }

  const update = (patch: Partial<Attribute>, label = `Edit ${resource}.${name}`) => {
    const next = patchAttribute(raw, patch);
    const result = dispatch([{ kind: 'updateAttribute', resource, name, attribute: next }], label);
    if (result.ok && next.name !== name) select({ kind: 'attribute', resource, attribute: next.name });
  };
  const constraints = raw.constraints ?? {};

  return (
    <div className="ins-body">
      {back}
      <header className="ins-title"><span className="ins-kind">Attribute</span><h2>{resource}.{name}</h2></header>
      <TextField label="Name" value={name} mono validate={(v) => (SNAKE.test(v) ? null : 'Use a snake_case identifier')} onCommit={(v) => update({ name: v }, `Rename ${resource}.${name}`)} />
      <SelectField label="Type" value={raw.type} options={ATTRIBUTE_TYPES} onChange={(v) => update({ type: v as AttributeType })} />
      <div className="ins-checks">
        <CheckField label="Primary key" checked={normalized.primaryKey} onChange={(v) => update({ primaryKey: v || undefined })} />
        <CheckField label="Allow nil" checked={normalized.allowNil} onChange={(v) => update({ allowNil: v })} hint={raw.allowNil === undefined ? 'default' : undefined} />
        <CheckField label="Writable" checked={normalized.writable} onChange={(v) => update({ writable: v ? undefined : false })} />
        <CheckField label="Public" checked={normalized.public} onChange={(v) => update({ public: v ? undefined : false })} />
      </div>
      <TextField label="Default" value={printLiteral(raw.default)} placeholder="none" mono onCommit={(v) => update({ default: v.trim() === '' ? undefined : parseLiteral(v) })} />
      <SelectField
        label="Generated"
        value={raw.generated ?? ''}
        options={GENERATED.map((g) => ({ value: g, label: g || 'not generated' }))}
        onChange={(v) => update({ generated: (v || undefined) as Attribute['generated'] })}
      />
      <TextField
        label="One of"
        value={printOneOf(constraints.oneOf)}
        placeholder="any value (e.g. open, closed)"
        mono
        hint="Comma-separated allowed values (constraints one_of)"
        onCommit={(v) => {
          const values = v.split(',').map((x) => x.trim()).filter(Boolean).map(parseLiteral);
          const next = { ...constraints, oneOf: values.length ? values : undefined };
          if (!next.oneOf) delete next.oneOf;
          update({ constraints: Object.keys(next).length ? next : undefined });
        }}
      />
      <TextField label="Description" value={raw.description ?? ''} onCommit={(v) => update({ description: v || undefined })} />
      <DiagnosticList diagnostics={diagnostics} />
      <div className="ins-footer">
        <button type="button" className="danger-quiet" onClick={() => deleteSelection()}>Delete attribute</button>
      </div>
    </div>
  );
}

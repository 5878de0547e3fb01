import { useMemo } from 'react';
import type { Resource } from '../../core/index';
import { useCanvas } from '../canvas/canvas-store';
import { addAttribute, deleteSelection } from '../canvas/commands';
import { resourceOf } from '../canvas/node-view';
import { useDocument } from '../state/document-store';
import { DiagnosticList, PASCAL, Section, TextField } from './fields';
import { ActionsSection } from './ActionsSection';
import { ExtensionsSections } from './ExtensionsSections';

export function ResourceInspector({ raw }: { raw: Resource }) {
  const name = raw.name;
  const normalized = useDocument((s) => resourceOf(s.normalized, name));
  const allDiagnostics = useDocument((s) => s.diagnostics);
  const names = useDocument((s) => s.document.model.resources);
  const dispatch = useDocument((s) => s.dispatch);
  const select = useDocument((s) => s.select);
  const diagnostics = useMemo(() => allDiagnostics.filter((d) => d.resource === name && !d.relationship && !d.attribute && !d.path.includes('actions')), [allDiagnostics, name]);
  const attrCount = raw.attributes?.length ?? 0;
  const relIndex = (rel: string) => (raw.relationships ?? []).findIndex((r) => r.name === rel);

  return (
    <div className="ins-body">
      <header className="ins-title">
        <span className="ins-kind">Resource</span>
        <h2>{name}</h2>
      </header>
      <TextField
        label="Name"
        value={name}
        validate={(v) => (!PASCAL.test(v) ? 'Use PascalCase: a capital letter, then letters and digits' : names.some((r) => r.name === v) ? `A resource named ${v} already exists` : null)}
        onCommit={(to) => {
          if (dispatch([{ kind: 'renameResource', from: name, to }], `Rename ${name} to ${to}`).ok) select({ kind: 'resource', resource: to });
        }}
        mono
      />
      <div className="ins-row">
        <TextField label="Table" value={raw.table ?? ''} placeholder={normalized?.table} mono onCommit={(v) => dispatch([{ kind: 'updateResource', name, patch: { table: v || undefined } }], `Set ${name} table`)} />
        <TextField label="Module" value={raw.module ?? ''} placeholder={normalized?.module} mono onCommit={(v) => dispatch([{ kind: 'updateResource', name, patch: { module: v || undefined } }], `Set ${name} module`)} />
      </div>
      <TextField label="Description" value={raw.description ?? ''} onCommit={(v) => dispatch([{ kind: 'updateResource', name, patch: { description: v || undefined } }], `Describe ${name}`)} />
      <DiagnosticList diagnostics={diagnostics} />

      <Section title="Attributes" actions={<button type="button" className="ins-add" onClick={() => addAttribute(name)}>Add attribute</button>}>
        <ul className="ins-list">
          {(normalized?.attributes ?? []).map((a) => {
            const index = (raw.attributes ?? []).findIndex((x) => x.name === a.name);
            const derived = index < 0;
            const issues = allDiagnostics.some((d) => d.resource === name && d.attribute === a.name && !d.relationship);
            return (
              <li key={a.name} className={`ins-item${derived ? ' is-derived' : ''}${issues ? ' has-issues' : ''}`}>
                <button type="button" className="ins-item-main" onClick={() => select({ kind: 'attribute', resource: name, attribute: a.name })} aria-label={`Edit attribute ${a.name}`}>
                  <span className="ins-item-name">{a.name}</span>
                  <span className="ins-item-meta">{a.type}{a.primaryKey ? ' · PK' : ''}{a.allowNil ? '' : ' · not nil'}{a.addedBy ? ` · from :${a.addedBy}` : ''}</span>
                </button>
                {!derived && (
                  <span className="ins-item-actions">
                    <button type="button" className="ins-icon" aria-label={`Move ${a.name} up`} disabled={index === 0} onClick={() => dispatch([{ kind: 'moveAttribute', resource: name, from: index, to: index - 1 }], `Move ${name}.${a.name}`)}>↑</button>
                    <button type="button" className="ins-icon" aria-label={`Move ${a.name} down`} disabled={index === attrCount - 1} onClick={() => dispatch([{ kind: 'moveAttribute', resource: name, from: index, to: index + 1 }], `Move ${name}.${a.name}`)}>↓</button>
                    <button type="button" className="ins-icon danger-quiet" aria-label={`Remove ${a.name}`} onClick={() => dispatch([{ kind: 'removeAttribute', resource: name, name: a.name }], `Remove ${name}.${a.name}`)}>×</button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </Section>

      <Section title="Relationships" actions={<button type="button" className="ins-add" onClick={() => useCanvas.getState().openPicker({ from: name })}>Add relationship</button>}>
        <ul className="ins-list">
          {(normalized?.relationships ?? []).map((r) => {
            const index = relIndex(r.name);
            const implicit = index < 0;
            const issues = allDiagnostics.some((d) => d.resource === name && d.relationship === r.name && d.severity === 'error');
            return (
              <li key={r.name} className={`ins-item${implicit ? ' is-derived' : ''}${issues ? ' has-issues' : ''}`}>
                <button type="button" className="ins-item-main" onClick={() => select({ kind: 'relationship', resource: name, relationship: r.name })} aria-label={`Edit relationship ${r.name}`}>
                  <span className="ins-item-name"><span className={`ins-kind-chip kind-${r.kind}`}>{r.kind}</span> {r.name}</span>
                  <span className="ins-item-meta">→ {r.destination}{'manual' in r && r.manual ? ' · manual' : ''}{implicit ? ' · implicit' : ''}{issues ? ' · has problems' : ''}</span>
                </button>
                {!implicit && (
                  <span className="ins-item-actions">
                    <button type="button" className="ins-icon" aria-label={`Move ${r.name} up`} disabled={index === 0} onClick={() => dispatch([{ kind: 'moveRelationship', resource: name, from: index, to: index - 1 }], `Move ${name}.${r.name}`)}>↑</button>
                    <button type="button" className="ins-icon danger-quiet" aria-label={`Remove ${r.name}`} onClick={() => dispatch([{ kind: 'removeRelationship', resource: name, name: r.name }], `Remove ${name}.${r.name}`)}>×</button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </Section>
      <ActionsSection raw={raw} />
      <ExtensionsSections raw={raw} />
      {(normalized?.aggregates ?? []).length > 0 && (
        <Section title="Aggregates">
          <ul className="ins-list">
            {normalized!.aggregates!.map((g) => (
              <li key={g.name} className="ins-item">
                <span className="ins-item-main">
                  <span className="ins-item-name">{g.name}</span>
                  <span className="ins-item-meta">{g.kind} {g.path.join('.')}{g.field ? `.${g.field}` : ''}{g.filter ? ` where ${g.filter}` : ''}</span>
                </span>
                <span className="ins-item-actions">
                  <button
                    type="button"
                    className="ins-icon danger-quiet"
                    aria-label={`Remove aggregate ${g.name}`}
                    onClick={() => {
                      const rest = (raw.aggregates ?? []).filter((x) => x.name !== g.name);
                      dispatch([{ kind: 'updateResource', name, patch: { aggregates: rest.length > 0 ? rest : undefined } }], `Remove ${name}.${g.name}`);
                    }}
                  >×</button>
                </span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <div className="ins-footer">
        <button type="button" className="danger-quiet" onClick={() => deleteSelection()}>Delete resource</button>
      </div>
    </div>
  );
}

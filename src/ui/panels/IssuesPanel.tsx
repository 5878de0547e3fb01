import type { Diagnostic } from '../../core/index';
import { useDocument } from '../state/document-store';
import type { Selection } from '../state/document-store';
import { formatPath, useUi } from '../state/ui-store';

/** The element a diagnostic is about, most specific first. */
export function selectionOf(d: Diagnostic): Selection {
  if (!d.resource) return null;
  if (d.relationship) return { kind: 'relationship', resource: d.resource, relationship: d.relationship };
  if (d.attribute) return { kind: 'attribute', resource: d.resource, attribute: d.attribute };
  return { kind: 'resource', resource: d.resource };
}

function where(d: Diagnostic): string {
  if (!d.resource) return 'Model';
  const member = d.relationship ?? d.attribute;
  return member ? `${d.resource}.${member}` : d.resource;
}

function isSelected(sel: Selection, d: Diagnostic): boolean {
  const target = selectionOf(d);
  return !!sel && !!target && JSON.stringify(sel) === JSON.stringify(target);
}

export function IssuesPanel() {
  const diagnostics = useDocument((s) => s.diagnostics);
  const selection = useDocument((s) => s.selection);
  const open = useUi((s) => s.issuesOpen);
  if (!open) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const sorted = [...errors, ...warnings];

  return (
    // No issues: the header alone says so (one line, not a block of the screen).
    <section className={`issues-panel${sorted.length === 0 ? ' is-empty' : ''}`} aria-labelledby="issues-heading">
      <header className="panel-header">
        <h2 id="issues-heading">Issues</h2>
        <span className="muted">
          {sorted.length === 0
            ? 'No issues. The model is valid.'
            : `${errors.length} error${errors.length === 1 ? '' : 's'} · ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`}
        </span>
        <button type="button" className="icon-button" aria-label="Hide issues" onClick={() => useUi.getState().setIssuesOpen(false)}>
          ×
        </button>
      </header>
      {sorted.length > 0 && (
        <ul className="issues-list" aria-label="Diagnostics">
          {sorted.map((d, i) => {
            const target = selectionOf(d);
            return (
              <li key={`${d.code}-${formatPath(d.path)}-${i}`}>
                <button
                  type="button"
                  className={`issue issue-${d.severity}${isSelected(selection, d) ? ' selected' : ''}`}
                  disabled={!target}
                  onClick={() => useDocument.getState().select(target)}
                  title={`${d.code} at ${formatPath(d.path)}`}
                >
                  <span className={`badge badge-${d.severity}`}>{d.severity}</span>
                  <span className="issue-where">{where(d)}</span>
                  <span className="issue-message">{d.message}</span>
                  <code className="issue-code">{d.code}</code>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

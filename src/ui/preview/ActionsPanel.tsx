import { useState } from 'react';
import { actionsOf } from '../../core/index';
import type { NormalizedModel, RelataError, Result, Row } from '../../core/index';
import { getEngineClient } from '../../client/engine-client';
import { bridgeAction } from '../../client/bridge-client';
import { useQueryClient } from '@tanstack/react-query';
import type { ActionRunResult } from '../../worker/engine-api';
import { useDocument } from '../state/document-store';
import { actionFields, buildActionRequest, changedKeys, findAction, needsPrimaryKey, primaryKeyText } from './action-form';
import { useEngineSync } from './engine-sync';
import { ErrorView, SqlLog } from './ResultsView';

/**
 * Runs an action of the model against the sample data: a form from the action's accepted
 * attributes and arguments, then the rows it wrote (before/after) and the SQL it issued.
 */
export function ActionsPanel() {
  const model = useDocument((s) => s.normalized);
  const selection = useDocument((s) => s.selection);
  const modelVersion = useEngineSync((s) => s.modelVersion);
  const queryClient = useQueryClient();
  const [resourceName, setResourceName] = useState<string | null>(null);
  const [actionName, setActionName] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [pkText, setPkText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Result<ActionRunResult> | null>(null);

  const names = model.resources.map((r) => r.name);
  const preferred = resourceName ?? selection?.resource ?? null;
  const resource = model.resources.find((r) => r.name === preferred) ?? model.resources[0];
  if (!resource) return <p className="muted pad">Add a resource to run its actions.</p>;
  const actions = actionsOf(resource);
  const action = actions.find((a) => a.name === actionName) ?? actions.find((a) => a.type === 'create') ?? actions[0];

  const pick = (nextResource: string, nextAction: string | null) => {
    setResourceName(nextResource);
    setActionName(nextAction);
    setValues({});
    setErrors({});
  };

  const run = async () => {
    if (!action) return;
    const found = findAction(model, resource.name, action.name);
    if (!found) return;
    const built = buildActionRequest(found.resource, found.action, values, pkText);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setRunning(true);
    try {
      const { bridge, dataVersion, counts } = useEngineSync.getState();
      const r = bridge
        ? await bridgeAction(bridge.url, useDocument.getState().document.model, built.request, dataVersion, counts)
        : await getEngineClient().runAction(built.request);
      setResult(r);
      // A write on the connected database: previews read again (the sample rows did not change).
      if (bridge && r.ok && r.value.changes.length > 0) void queryClient.invalidateQueries({ queryKey: ['preview'] });
      if (r.ok && !bridge) {
        useEngineSync.getState().setData(r.value.dataVersion, r.value.counts);
        // The next action usually works on the record just made or changed.
        if (r.value.record && action.type !== 'destroy') setPkText(primaryKeyText(resource, r.value.record));
      }
    } catch (e) {
      setResult({ ok: false, error: { code: 'invalid_query', message: e instanceof Error ? e.message : String(e) } as RelataError });
    } finally {
      setRunning(false);
    }
  };

  const fields = action ? actionFields(resource, action) : [];
  return (
    <div className="actions-panel">
      <form
        className="preview-request"
        aria-label="Run an action"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className="request-row">
          <label className="field">
            <span className="field-label">Resource</span>
            <select aria-label="Action resource" value={resource.name} onChange={(e) => pick(e.target.value, null)}>
              {names.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Action</span>
            <select aria-label="Action" value={action?.name ?? ''} onChange={(e) => pick(resource.name, e.target.value)}>
              {actions.map((a) => <option key={a.name} value={a.name}>{a.name} ({a.type})</option>)}
            </select>
          </label>
          {action && needsPrimaryKey(action) && (
            <label className="field">
              <span className="field-label">Primary key</span>
              <input
                aria-label="Primary key"
                className="mono"
                value={pkText}
                placeholder={resource.attributes.filter((a) => a.primaryKey).map((a) => a.name).join(', ') || 'key'}
                aria-invalid={errors.primaryKey !== undefined}
                onChange={(e) => setPkText(e.target.value)}
              />
              {errors.primaryKey && <span className="field-error">needs {errors.primaryKey}</span>}
            </label>
          )}
        </div>
        {action?.description && <p className="muted">{action.description}</p>}
        {fields.length > 0 ? (
          <div className="request-row" role="group" aria-label="Action input">
            {fields.map((f) => (
              <label key={f.name} className="field">
                <span className="field-label">
                  {f.name}
                  {f.required ? ' *' : ''}
                  <span className="muted"> {f.source === 'argument' ? `argument ${f.type}${f.manages ? ` → ${f.manages}` : ''}` : f.type}</span>
                </span>
                <input
                  aria-label={`Input ${f.name}`}
                  className="mono"
                  value={values[f.name] ?? ''}
                  aria-invalid={errors[f.name] !== undefined}
                  onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                />
                {errors[f.name] && <span className="field-error">{errors[f.name]}</span>}
              </label>
            ))}
          </div>
        ) : (
          action && <p className="muted">This action takes no input.</p>
        )}
        {action && <ActionSummary model={model} resource={resource.name} actionName={action.name} />}
        <div className="request-actions">
          <button type="submit" className="primary" disabled={!action || running || modelVersion === null}>Run action</button>
          {running && <span className="muted" role="status">Running…</span>}
        </div>
      </form>
      <section className="preview-results" aria-label="Action result">
        {!result && <p className="muted">Run an action to see the rows it writes and the SQL it issues.</p>}
        {result && !result.ok && <ActionErrorView error={result.error} />}
        {result?.ok && <ActionResultView result={result.value} />}
      </section>
    </div>
  );
}

function ActionSummary({ model, resource, actionName }: { model: NormalizedModel; resource: string; actionName: string }) {
  const found = findAction(model, resource, actionName);
  if (!found || found.action.changes.length === 0) return null;
  return (
    <ul className="action-changes muted" aria-label="Action changes">
      {found.action.changes.map((c, i) => (
        <li key={i} className="mono">
          {c.kind === 'set_attribute'
            ? `set_attribute(${c.attribute}, ${JSON.stringify(c.value)})`
            : `manage_relationship(${c.argument}, ${c.relationship}${c.type ? `, type: ${c.type}` : ''})`}
        </li>
      ))}
    </ul>
  );
}

function ActionErrorView({ error }: { error: RelataError }) {
  const details = Array.isArray(error.details) ? (error.details as RelataError[]) : [];
  return (
    <>
      <ErrorView error={error} />
      {details.length > 1 && (
        <ul className="preview-warnings" aria-label="All errors">
          {details.map((d, i) => <li key={i}><span className="mono">{d.code}</span> {d.message}</li>)}
        </ul>
      )}
    </>
  );
}

const show = (v: unknown): string => (v === undefined ? '' : v === null ? 'nil' : typeof v === 'string' ? v : JSON.stringify(v));

function ActionResultView({ result }: { result: ActionRunResult }) {
  return (
    <>
      <p className="muted" role="status">
        {result.changes.length} row{result.changes.length === 1 ? '' : 's'} written · {result.statements.length} statement{result.statements.length === 1 ? '' : 's'} · {result.workerMs.toFixed(1)} ms
      </p>
      {result.record && (
        <div>
          <h4>Record</h4>
          <pre className="mono code-block" aria-label="Action record">{JSON.stringify(result.record, null, 2)}</pre>
        </div>
      )}
      <h4>Changed rows</h4>
      {result.changes.length === 0 ? (
        <p className="muted">No rows changed.</p>
      ) : (
        <ol className="action-row-changes" aria-label="Changed rows">
          {result.changes.map((c, i) => <ChangeView key={i} resource={c.resource} before={c.before} after={c.after} />)}
        </ol>
      )}
      <h4>Statements</h4>
      <SqlLog statements={result.statements} />
    </>
  );
}

function ChangeView({ resource, before, after }: { resource: string; before: Row | null; after: Row | null }) {
  const changed = new Set(changedKeys(before, after));
  const kind = !before ? 'insert' : !after ? 'delete' : 'update';
  const keys = Object.keys(after ?? before ?? {});
  return (
    <li aria-label={`${kind} ${resource}`}>
      <strong>{kind}</strong> <span className="mono">{resource}</span>
      <table className="action-diff">
        <thead>
          <tr><th scope="col">field</th><th scope="col">before</th><th scope="col">after</th></tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k} className={changed.has(k) ? 'changed' : undefined}>
              <th scope="row" className="mono">{k}</th>
              <td className="mono">{before ? show(before[k]) : '—'}</td>
              <td className="mono">{after ? show(after[k]) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

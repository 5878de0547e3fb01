import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Data } from '../../core/index';
import { getEngineClient } from '../../client/engine-client';
import { useDocument } from '../state/document-store';
import { useEngineSync } from '../preview/engine-sync';
import { DataGrid } from './DataGrid';
import { GenerateDialog } from './GenerateDialog';

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Sample data: generate, browse and edit per resource, import/export, and checks against the model. */
export function DataPanel() {
  const model = useDocument((s) => s.normalized);
  const modelVersion = useEngineSync((s) => s.modelVersion);
  const dataVersion = useEngineSync((s) => s.dataVersion);
  const counts = useEngineSync((s) => s.counts);
  const setData = useEngineSync((s) => s.setData);
  const [resourceName, setResourceName] = useState<string | null>(null);
  const [generating, setGenerating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const jsonInput = useRef<HTMLInputElement>(null);
  const sqliteInput = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const resource = model.resources.find((r) => r.name === resourceName) ?? model.resources[0];

  const checks = useQuery({
    queryKey: ['checks', modelVersion, dataVersion],
    queryFn: () => getEngineClient().checkData(),
    enabled: modelVersion !== null,
    staleTime: Infinity,
  });

  const afterImport = async (label: string, r: Awaited<ReturnType<ReturnType<typeof getEngineClient>['importData']>> | Awaited<ReturnType<ReturnType<typeof getEngineClient>['importSqlite']>>) => {
    if (!r.ok) {
      setMessage(`${label} failed — ${r.error.code}: ${r.error.message}`);
      return;
    }
    setMessage(`${label}: ${Object.values(r.value.counts).reduce((a, b) => a + b, 0).toLocaleString('en-US')} rows`);
    setData(r.value.dataVersion, r.value.counts);
    void queryClient.invalidateQueries({ queryKey: ['checks'] });
  };

  const importJson = async (file: File) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (e) {
      setMessage(`Import JSON failed: ${(e as Error).message}`);
      return;
    }
    const data = (parsed && typeof parsed === 'object' && 'data' in parsed ? (parsed as { data: unknown }).data : parsed) as Data;
    await afterImport('Imported JSON', await getEngineClient().importData(data));
  };

  const importSqlite = async (file: File) => {
    await afterImport('Imported SQLite', await getEngineClient().importSqlite(new Uint8Array(await file.arrayBuffer())));
  };

  const warnings = checks.data ?? [];
  return (
    <div className="data-panel">
      <div className="data-toolbar">
        <button type="button" className="primary" onClick={() => setGenerating(true)} disabled={model.resources.length === 0}>Generate data…</button>
        <label className="field inline">
          <span className="field-label">Resource</span>
          <select aria-label="Data resource" value={resource?.name ?? ''} onChange={(e) => setResourceName(e.target.value)}>
            {model.resources.map((r) => (
              <option key={r.name} value={r.name}>{r.name} ({(counts[r.name] ?? 0).toLocaleString('en-US')})</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={async () => download(`${model.name}-data.json`, new Blob([JSON.stringify({ data: await getEngineClient().exportData() }, null, 2)], { type: 'application/json' }))}>Export JSON</button>
        <button type="button" onClick={() => jsonInput.current?.click()}>Import JSON</button>
        <button type="button" onClick={async () => download(`${model.name}.sqlite`, new Blob([(await getEngineClient().exportSqlite()) as Uint8Array<ArrayBuffer>], { type: 'application/x-sqlite3' }))}>Export SQLite</button>
        <button type="button" onClick={() => sqliteInput.current?.click()}>Import SQLite</button>
        <input ref={jsonInput} type="file" accept=".json,application/json" hidden aria-label="Data JSON file" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importJson(f); }} />
        <input ref={sqliteInput} type="file" accept=".sqlite,.db,.sqlite3" hidden aria-label="SQLite file" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importSqlite(f); }} />
        {message && <span role="status" className="muted">{message}</span>}
      </div>
      {warnings.length > 0 && (
        <details className="data-checks" open>
          <summary>{warnings.length} data warning{warnings.length === 1 ? '' : 's'}</summary>
          <ul aria-label="Data warnings">
            {warnings.map((w, i) => (
              <li key={i}>
                <span className="mono">{w.code}</span> <button type="button" className="link" onClick={() => setResourceName(w.resource)}>{w.resource}{w.relationship ? `.${w.relationship}` : w.attribute ? `.${w.attribute}` : ''}</button>: {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {resource && <DataGrid key={resource.name} resource={resource} />}
      {generating && <GenerateDialog model={model} onClose={() => setGenerating(false)} />}
    </div>
  );
}

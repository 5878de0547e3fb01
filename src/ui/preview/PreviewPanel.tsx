import { useEffect, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { QueryRequest } from '../../core/index';
import { getEngineClient } from '../../client/engine-client';
import { bridgeRead } from '../../client/bridge-client';
import { useDocument } from '../state/document-store';
import { useEngineSync } from './engine-sync';
import { LevelFields, LoadTree } from './LoadTree';
import { usePreview } from './preview-store';
import { cleanRequest, walkedEdges } from './request-tree';
import { CopyAsCode, ErrorView, HopSummaryView, RecordTree, SqlLog, Timings } from './ResultsView';

type View = 'tree' | 'json' | 'sql';

const SPLIT_KEY = 'relata:preview-split';
const clampSplit = (v: number) => Math.min(75, Math.max(20, v));

function storedSplit(): number {
  try {
    const v = Number(localStorage.getItem(SPLIT_KEY));
    return Number.isFinite(v) && v > 0 ? clampSplit(v) : 42;
  } catch {
    return 42;
  }
}

/** The request form's share of the width (per cent), dragged or set with the arrow keys, remembered. */
function useSplit() {
  const [split, setSplit] = useState(storedSplit);
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const commit = (v: number) => {
    const next = Math.round(clampSplit(v) * 10) / 10;
    setSplit(next);
    try {
      localStorage.setItem(SPLIT_KEY, String(next));
    } catch {
      // Not remembering the split is harmless.
    }
  };
  const separator = {
    onPointerDown: (e: ReactPointerEvent<HTMLDivElement>) => {
      e.currentTarget.setPointerCapture(e.pointerId);
      dragging.current = true;
    },
    onPointerMove: (e: ReactPointerEvent<HTMLDivElement>) => {
      const r = box.current?.getBoundingClientRect();
      if (dragging.current && r && r.width > 0) commit(((e.clientX - r.left) / r.width) * 100);
    },
    onPointerUp: () => {
      dragging.current = false;
    },
    onKeyDown: (e: ReactKeyboardEvent<HTMLDivElement>) => {
      const step = e.shiftKey ? 10 : 2;
      if (e.key === 'ArrowLeft') commit(split - step);
      else if (e.key === 'ArrowRight') commit(split + step);
      else return;
      e.preventDefault();
    },
  };
  return { split, box, separator };
}

/** Builds a query (root, filter, sort, window, select, loads) and shows what the engine returns for it. */
export function PreviewPanel() {
  const model = useDocument((s) => s.normalized);
  const stored = usePreview((s) => s.request);
  const setRequest = usePreview((s) => s.setRequest);
  const autoRun = usePreview((s) => s.autoRun);
  const setAutoRun = usePreview((s) => s.setAutoRun);
  const runCount = usePreview((s) => s.runCount);
  const run = usePreview((s) => s.run);
  const setHighlighted = usePreview((s) => s.setHighlighted);
  const modelVersion = useEngineSync((s) => s.modelVersion);
  const dataVersion = useEngineSync((s) => s.dataVersion);
  const engine = useEngineSync((s) => s.engine);
  const bridge = useEngineSync((s) => s.bridge);
  const [view, setView] = useState<View>('tree');
  const [paramsText, setParamsText] = useState('');
  const { split, box: splitBox, separator } = useSplit();

  const names = model.resources.map((r) => r.name);
  const first = names[0];
  const storedOk = stored !== null && names.includes(stored.resource);
  const request: QueryRequest | null = storedOk ? stored : first ? { resource: first } : null;
  // Query keys hash by value, so a fresh object per render is fine.
  const clean = request ? cleanRequest(request) : null;

  const query = useQuery({
    queryKey: ['preview', bridge?.url ?? engine, modelVersion, dataVersion, clean, autoRun ? 0 : runCount],
    // Connected to a database (relata serve): the preview runs there, on the model as it is now.
    queryFn: async () => (bridge ? bridgeRead(bridge.url, modelVersion!, useDocument.getState().document.model, clean!) : getEngineClient().readTimed(modelVersion!, clean!)),
    enabled: modelVersion !== null && clean !== null && (autoRun || runCount > 0),
    staleTime: Infinity,
    retry: false,
  });
  const result = query.data;

  const cleanKey = JSON.stringify(clean);
  useEffect(() => {
    const req = JSON.parse(cleanKey) as QueryRequest | null;
    setHighlighted(result?.ok && req ? walkedEdges(model, req) : new Set());
  }, [result, cleanKey, model, setHighlighted]);
  useEffect(() => () => setHighlighted(new Set()), [setHighlighted]);

  if (!request || !clean) return <p className="muted pad">Add a resource to preview queries.</p>;
  const update = (next: QueryRequest) => setRequest(next);
  const paramsError = (() => {
    if (paramsText.trim() === '') return null;
    try {
      const v = JSON.parse(paramsText) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? null : 'Params must be a JSON object';
    } catch (e) {
      return (e as Error).message;
    }
  })();

  return (
    <div className="preview-panel" ref={splitBox} style={{ '--preview-split': `${split}%` } as CSSProperties}>
      <form className="preview-request" aria-label="Preview request" onSubmit={(e) => e.preventDefault()}>
        <div className="request-row">
          <label className="field">
            <span className="field-label">Root resource</span>
            <select value={request.resource} onChange={(e) => update({ resource: e.target.value })}>
              {names.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Select</span>
            <input
              key={(request.select ?? []).join(',')}
              className="mono"
              placeholder="all attributes"
              defaultValue={(request.select ?? []).join(', ')}
              onBlur={(e) => {
                const list = e.target.value.split(',').map((s) => s.trim()).filter(Boolean);
                update({ ...request, select: list.length ? list : undefined });
              }}
            />
          </label>
          <label className="field check">
            <input type="checkbox" checked={request.strict ?? false} onChange={(e) => update({ ...request, strict: e.target.checked || undefined })} />
            Strict
          </label>
          <label className="field">
            <span className="field-label">Params (JSON)</span>
            <input
              className="mono"
              placeholder='{"min": 3}'
              value={paramsText}
              aria-invalid={paramsError !== null}
              onChange={(e) => setParamsText(e.target.value)}
              onBlur={() => {
                if (paramsError) return;
                update({ ...request, params: paramsText.trim() ? (JSON.parse(paramsText) as Record<string, unknown>) : undefined });
              }}
            />
            {paramsError && <span className="field-error">{paramsError}</span>}
          </label>
        </div>
        <LevelFields model={model} id={request.resource} level={request} resource={request.resource} parents={[]} onChange={(next) => update({ ...request, ...next, resource: request.resource })} />
        <details className="loads" open>
          <summary>Load relationships, calculations and aggregates</summary>
          <LoadTree model={model} root={request} path={[]} resource={request.resource} parents={[]} onChange={(next) => update({ ...(next as QueryRequest), resource: request.resource })} />
        </details>
        <div className="request-actions">
          <button
            type="button"
            className="primary"
            onClick={() => {
              if (autoRun) void query.refetch();
              else run();
            }}
          >
            Run preview
          </button>
          <label className="field check">
            <input type="checkbox" checked={autoRun} onChange={(e) => setAutoRun(e.target.checked)} />
            Run on change
          </label>
          {query.isFetching && <span className="muted" role="status">Running…</span>}
        </div>
      </form>
      <div
        className="preview-split"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize request and results"
        aria-valuenow={split}
        aria-valuemin={20}
        aria-valuemax={75}
        tabIndex={0}
        {...separator}
        onPointerCancel={separator.onPointerUp}
      />
      <section className="preview-results" aria-label="Preview results">
        {!result && !query.isFetching && <p className="muted">Run the preview to see records and SQL.</p>}
        {result && !result.ok && <ErrorView error={result.error} />}
        {query.error && <div role="alert" className="preview-error">{String(query.error)}</div>}
        {result?.ok && (
          <>
            <Timings result={result.value} />
            <HopSummaryView hops={result.value.hops} root={clean.resource} />
            {result.value.warnings.length > 0 && (
              <ul className="preview-warnings" aria-label="Load warnings">
                {result.value.warnings.map((w, i) => <li key={i}><span className="mono">{w.code}</span> {w.message}</li>)}
              </ul>
            )}
            <div className="tabs" role="tablist" aria-label="Result view">
              {(['tree', 'json', 'sql'] as const).map((v) => (
                <button key={v} type="button" role="tab" aria-selected={view === v} onClick={() => setView(v)}>
                  {v === 'tree' ? 'Tree' : v === 'json' ? 'JSON' : `SQL (${result.value.statements.length})`}
                </button>
              ))}
            </div>
            {view === 'tree' && <RecordTree records={result.value.records} />}
            {view === 'json' && <pre className="mono code-block" aria-label="Records JSON">{JSON.stringify(result.value.records, null, 2).slice(0, 200_000)}</pre>}
            {view === 'sql' && <SqlLog statements={result.value.statements} />}
          </>
        )}
        <CopyAsCode request={clean} model={model} />
      </section>
    </div>
  );
}

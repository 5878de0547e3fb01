import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { GenerateProgress, NormalizedModel } from '../../core/index';
import { getEngineClient } from '../../client/engine-client';
import { Modal } from '../panels/Modal';
import { useEngineSync } from '../preview/engine-sync';

/** Suggested counts: join and child resources get more rows than the resources they point at. */
export function defaultCounts(model: NormalizedModel, base = 20): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of model.resources) {
    const parents = r.relationships.filter((x) => x.kind === 'belongs_to').length;
    out[r.name] = base * Math.max(1, parents * 5);
  }
  return out;
}

export function GenerateDialog({ model, onClose }: { model: NormalizedModel; onClose(): void }) {
  const [counts, setCounts] = useState(() => defaultCounts(model));
  const [seed, setSeed] = useState('1');
  const [progress, setProgress] = useState<GenerateProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const startedAt = useRef(0);
  const setData = useEngineSync((s) => s.setData);
  const queryClient = useQueryClient();

  const generate = async () => {
    setRunning(true);
    setMessage(null);
    startedAt.current = performance.now();
    const client = getEngineClient();
    const result = await client.generate({ counts, seed: /^\d+$/.test(seed) ? Number(seed) : seed }, (p) => setProgress(p));
    setRunning(false);
    if (!result.ok) {
      setMessage(`${result.error.code}: ${result.error.message}`);
      return;
    }
    const r = result.value;
    const total = Math.round(performance.now() - startedAt.current);
    if (r.kind === 'cancelled') {
      setMessage(`Cancelled after ${r.rows.toLocaleString('en-US')} rows; the data is unchanged.`);
      return;
    }
    setMessage(`Generated ${r.rows.toLocaleString('en-US')} rows in ${total} ms (generate ${Math.round(r.generateMs)} ms, load ${Math.round(r.loadMs)} ms).`);
    setData(await client.dataVersion(), r.counts);
    void queryClient.invalidateQueries({ queryKey: ['checks'] });
  };

  return (
    <Modal title="Generate data" onClose={() => { if (running) void getEngineClient().cancelGenerate(); onClose(); }} className="generate-dialog">
      <form onSubmit={(e) => { e.preventDefault(); if (!running) void generate(); }}>
        <p className="muted">Rows per resource. Keys point at existing rows, join rows are distinct pairs, and a seed makes it repeatable. This replaces the current data.</p>
        <div className="count-grid">
          {model.resources.map((r) => (
            <label key={r.name} className="field">
              <span className="field-label">{r.name}</span>
              <input
                type="number"
                min={0}
                aria-label={`Rows of ${r.name}`}
                value={counts[r.name] ?? 0}
                onChange={(e) => setCounts({ ...counts, [r.name]: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
              />
            </label>
          ))}
          <label className="field">
            <span className="field-label">Seed</span>
            <input aria-label="Seed" value={seed} onChange={(e) => setSeed(e.target.value)} />
          </label>
        </div>
        {progress && (
          <div className="gen-progress">
            <progress aria-label="Generation progress" max={progress.total || 1} value={progress.done} />
            <span role="status">{progress.done.toLocaleString('en-US')} / {progress.total.toLocaleString('en-US')} rows{progress.resource ? ` (${progress.resource})` : ''}</span>
          </div>
        )}
        {message && <p role="status" className="gen-message">{message}</p>}
        <div className="dialog-actions">
          {running ? (
            <button type="button" onClick={() => void getEngineClient().cancelGenerate()}>Cancel</button>
          ) : (
            <button type="submit" className="primary">Generate</button>
          )}
          <button type="button" onClick={onClose} disabled={running}>Done</button>
        </div>
      </form>
    </Modal>
  );
}

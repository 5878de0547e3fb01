import { useEffect } from 'react';
import { create } from 'zustand';
import type { RelataError } from '../../core/index';
import { getEngineClient } from '../../client/engine-client';
import type { EngineKind } from '../../worker/engine-api';
import { useEngineSync } from './engine-sync';
import { BridgeConnect } from './BridgeConnect';
import './engine-choice.css';

/** The choice is remembered in this browser (localStorage), like the panel's other settings. */
const ENGINE_KEY = 'relata:engine';

function storedEngine(): EngineKind {
  try {
    return localStorage.getItem(ENGINE_KEY) === 'pglite' ? 'pglite' : 'sqlite';
  } catch {
    return 'sqlite';
  }
}

function remember(kind: EngineKind): void {
  try {
    if (kind === 'pglite') localStorage.setItem(ENGINE_KEY, kind);
    else localStorage.removeItem(ENGINE_KEY);
  } catch {
    // Not remembering the choice is harmless.
  }
}

/** Switching state (module-wide: one engine worker, one choice). */
const useSwitching = create<{ loading: EngineKind | null; error: RelataError | null }>()(() => ({ loading: null, error: null }));

/** Asks the worker for `kind`; on failure shows the coded error and stays on (goes back to) SQLite. */
export async function chooseEngine(kind: EngineKind): Promise<void> {
  useSwitching.setState({ loading: kind, error: null });
  const client = getEngineClient();
  const chosen = await client.setEngine(kind).catch((e: unknown) => ({
    ok: false as const,
    error: { code: 'internal_error', message: `the engine worker did not answer: ${e instanceof Error ? e.message : String(e)}` } as RelataError,
  }));
  if (chosen.ok) {
    remember(chosen.value.engine);
    useEngineSync.setState({ engine: chosen.value.engine });
    useSwitching.setState({ loading: null });
    return;
  }
  remember('sqlite');
  await client.setEngine('sqlite').catch(() => undefined);
  useEngineSync.setState({ engine: 'sqlite' });
  useSwitching.setState({ loading: null, error: chosen.error });
}

/**
 * "SQLite (sql.js) / PostgreSQL (PGlite)": which database the previews and actions run on. PGlite
 * is fetched the first time it is chosen (the worker imports it lazily); a failure shows its coded
 * error here and the engine stays on SQLite.
 */
export function EngineChoice() {
  const engine = useEngineSync((s) => s.engine);
  const loading = useSwitching((s) => s.loading);
  const error = useSwitching((s) => s.error);
  const bridge = useEngineSync((s) => s.bridge);

  useEffect(() => {
    if (storedEngine() === 'pglite') void chooseEngine('pglite');
  }, []);

  return (
    <span className="engine-choice">
      <label>
        <span className="field-label">Engine</span>
        <select value={loading ?? engine} disabled={loading !== null || bridge !== null} onChange={(e) => void chooseEngine(e.target.value as EngineKind)}>
          <option value="sqlite">SQLite (sql.js)</option>
          <option value="pglite">PostgreSQL (PGlite)</option>
        </select>
      </label>
      {loading === 'pglite' && <span className="muted" role="status">Loading PostgreSQL…</span>}
      {error && (
        <span className="engine-error" role="alert" title={error.message}>
          <span className="mono">{error.code}</span> {error.message}
        </span>
      )}
      <BridgeConnect />
    </span>
  );
}

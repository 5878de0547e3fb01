import * as Comlink from 'comlink';
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { EngineApi } from './engine-api';
import { createEngineHost } from './engine-host';
import { createBrowserManualRunner } from './manual-runner';

/**
 * The engine worker: sql.js and the core run here, never on the page's thread. Manual relationship
 * code runs one level further down, in its own sandbox workers (createBrowserManualRunner).
 */

const ready = initSqlJs({ locateFile: () => wasmUrl }).then((SQL) =>
  createEngineHost({
    SQL,
    manualRunner: createBrowserManualRunner({ timeoutMs: 2000 }),
    // PGlite is its own chunk, fetched only when PostgreSQL is chosen in the live panel.
    openPostgres: () => import('./pglite').then((m) => m.openBrowserPglite()),
    // A macrotask between generation chunks lets a cancel message in.
    yieldControl: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  }),
);

// Every method of the API, checked by the compiler (a method missing here would be missing in the app).
const every: Record<keyof EngineApi, true> = {
  setModel: true, applyEdits: true, read: true, setEngine: true, runAction: true, generate: true, cancelGenerate: true, rows: true, editRow: true,
  checkData: true, counts: true, dataVersion: true, exportData: true, importData: true, exportSqlite: true, importSqlite: true,
};
const methods = Object.keys(every) as Array<keyof EngineApi>;

const api = Object.fromEntries(
  methods.map((name) => [
    name,
    async (...args: unknown[]) => {
      const host = await ready;
      return (host[name] as (...a: unknown[]) => unknown)(...args);
    },
  ]),
) as unknown as EngineApi;

Comlink.expose(api);

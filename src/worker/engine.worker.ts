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
    // A macrotask between generation chunks lets a cancel message in.
    yieldControl: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  }),
);

const methods: Array<keyof EngineApi> = [
  'setModel', 'read', 'runAction', 'generate', 'cancelGenerate', 'rows', 'editRow', 'checkData', 'counts', 'dataVersion',
  'exportData', 'importData', 'exportSqlite', 'importSqlite',
];

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

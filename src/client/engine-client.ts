import * as Comlink from 'comlink';
import type { QueryRequest, Result } from '../core/index';
import type { EngineApi, GenerateRequest, GenerateResult, PreviewResult, ProgressCallback } from '../worker/engine-api';

/**
 * The page's handle on the engine: the same interface whether the engine runs in the Web Worker
 * (the app) or in-process (tests). `readTimed` splits a preview's round trip into worker time and
 * the rest (messaging, structured clone).
 */

export interface TimedPreview extends PreviewResult {
  /** From the call to the answer arriving on the page. */
  roundTripMs: number;
  /** Round trip minus worker time: posting, cloning and scheduling. */
  transferMs: number;
}

export interface EngineClient extends Omit<EngineApi, 'generate'> {
  readonly kind: 'worker' | 'in-process';
  generate(req: GenerateRequest, onProgress?: ProgressCallback): Promise<Result<GenerateResult>>;
  readTimed(version: number, request: QueryRequest): Promise<Result<TimedPreview>>;
  dispose(): void;
}

const perfNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function withTiming(kind: EngineClient['kind'], api: EngineApi, dispose: () => void, wrapProgress: (cb: ProgressCallback) => ProgressCallback): EngineClient {
  return {
    kind,
    setModel: (v, m) => api.setModel(v, m),
    applyEdits: (b, v, ops) => api.applyEdits(b, v, ops),
    read: (v, r) => api.read(v, r),
    setEngine: (k) => api.setEngine(k),
    runAction: (r) => api.runAction(r),
    async readTimed(v, r) {
      const t0 = perfNow();
      const result = await api.read(v, r);
      const roundTripMs = perfNow() - t0;
      if (!result.ok) return result;
      return { ok: true, value: { ...result.value, roundTripMs, transferMs: Math.max(0, roundTripMs - result.value.workerMs) } };
    },
    generate: (req, onProgress) => api.generate(req, onProgress ? wrapProgress(onProgress) : undefined),
    cancelGenerate: () => api.cancelGenerate(),
    rows: (res, o, l) => api.rows(res, o, l),
    editRow: (e) => api.editRow(e),
    checkData: () => api.checkData(),
    counts: () => api.counts(),
    dataVersion: () => api.dataVersion(),
    exportData: () => api.exportData(),
    importData: (d) => api.importData(d),
    exportSqlite: () => api.exportSqlite(),
    importSqlite: (b) => api.importSqlite(b),
    dispose,
  };
}

/** The app's client: a module Web Worker running sql.js and the core, spoken to through Comlink. */
export function createWorkerEngineClient(): EngineClient {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'relata-engine' });
  const remote = Comlink.wrap<EngineApi>(worker);
  return withTiming('worker', remote as unknown as EngineApi, () => {
    remote[Comlink.releaseProxy]();
    worker.terminate();
  }, (cb) => Comlink.proxy(cb));
}

/** The same interface over an engine host in this thread (tests, Node benchmarks). */
export function createInProcessEngineClient(host: EngineApi & { dispose?(): void }): EngineClient {
  return withTiming('in-process', host, () => host.dispose?.(), (cb) => cb);
}

let shared: EngineClient | null = null;

/** The app-wide client (created on first use); tests may install their own. */
export function getEngineClient(): EngineClient {
  return (shared ??= createWorkerEngineClient());
}

export function setEngineClient(client: EngineClient | null): void {
  shared?.dispose();
  shared = client;
}

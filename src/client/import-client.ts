import * as Comlink from 'comlink';
import { importFiles } from '../core/index';
import type { ImportFormat, ImportResult, SourceFile } from '../core/index';
import type { ImportApi } from '../worker/import-api';

/**
 * The page's handle on multi-file import: in a Web Worker in the app (created on first use and
 * kept, so a parser's init happens once), in-process in tests and where workers are missing.
 */
export interface ImportClient extends ImportApi {
  readonly kind: 'worker' | 'in-process';
  dispose(): void;
}

export function createWorkerImportClient(): ImportClient {
  const worker = new Worker(new URL('../worker/import.worker.ts', import.meta.url), { type: 'module', name: 'relata-import' });
  const remote = Comlink.wrap<ImportApi>(worker);
  return {
    kind: 'worker',
    importFiles: (files, format) => remote.importFiles(files, format),
    dispose: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export function createInProcessImportClient(): ImportClient {
  return {
    kind: 'in-process',
    importFiles: async (files: SourceFile[], format: ImportFormat): Promise<ImportResult> => importFiles(files, format),
    dispose: () => undefined,
  };
}

let shared: ImportClient | null = null;

export function getImportClient(): ImportClient {
  return (shared ??= typeof Worker === 'undefined' ? createInProcessImportClient() : createWorkerImportClient());
}

export function setImportClient(client: ImportClient | null): void {
  shared?.dispose();
  shared = client;
}

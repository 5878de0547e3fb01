import { applyOps, normalizeModel, validateModel } from '../core/index';
import { getEngineClient } from '../client/engine-client';
import { useEngineSync } from './preview/engine-sync';
import { usePreview } from './preview/preview-store';
import { useDocument } from './state/document-store';

/**
 * `window.__relata`: the stores and the pure model functions, for benchmarks and debugging in the
 * console. Installed in dev builds and, in any build, when the URL has `?bench` (bench/ui/run.ts
 * imports generated models through it and times diagnostics in the page).
 */
export interface RelataHandle {
  document: typeof useDocument;
  engineSync: typeof useEngineSync;
  preview: typeof usePreview;
  engine: typeof getEngineClient;
  core: { applyOps: typeof applyOps; normalizeModel: typeof normalizeModel; validateModel: typeof validateModel };
}

declare global {
  interface Window {
    __relata?: RelataHandle;
  }
}

export function installDevHandle(): void {
  window.__relata = {
    document: useDocument,
    engineSync: useEngineSync,
    preview: usePreview,
    engine: getEngineClient,
    core: { applyOps, normalizeModel, validateModel },
  };
}

import { useEffect } from 'react';
import { create } from 'zustand';
import { relataError } from '../../core/index';
import { getEngineClient } from '../../client/engine-client';
import type { EngineKind, ModelStatus } from '../../worker/engine-api';
import type { BridgeInfo } from '../../client/bridge-client';
import { editsSince, useDocument } from '../state/document-store';

/**
 * Keeps the engine worker on the current model. Model changes go as the document's ops since the
 * version the worker has (`applyEdits`); the whole model only on the first load or when the versions
 * diverge (the worker answers `stale`). Layout moves keep the same model object and send nothing; `modelVersion` is the document version the worker serves, and `dataVersion`
 * changes with every data edit. Previews key their queries on both.
 */
export interface EngineSyncState {
  modelVersion: number | null;
  dataVersion: number;
  status: ModelStatus | null;
  /** Model snapshots sent to the worker and not answered yet (the live panel is `aria-busy` meanwhile). */
  pending: number;
  counts: Record<string, number>;
  /** The database previews and actions run on (EngineChoice); part of the preview query key. */
  engine: EngineKind;
  /** Connected to a PostgreSQL server through `relata serve`: previews and actions go there instead. */
  bridge: BridgeInfo | null;
  setData(dataVersion: number, counts?: Record<string, number>): void;
}

export const useEngineSync = create<EngineSyncState>()((set) => ({
  modelVersion: null,
  dataVersion: 0,
  status: null,
  pending: 0,
  counts: {},
  engine: 'sqlite',
  bridge: null,
  setData: (dataVersion, counts) => set((s) => ({ dataVersion, counts: counts ?? s.counts })),
}));

/** Mount once (in the live panel): sends each new model to the worker. */
export function useEngineModelSync(): void {
  useEffect(() => {
    const client = getEngineClient();
    let sentModel: unknown = null;
    /** The document version the worker was last brought to (ops are sent from there). */
    let sentVersion: number | null = null;
    let chain = Promise.resolve();
    const send = () => {
      const { document, version } = useDocument.getState();
      if (document.model === sentModel) return;
      sentModel = document.model;
      const model = document.model;
      // The document's ops since the version the worker has; the whole model only when they are unknown.
      const base = sentVersion;
      const ops = base === null ? null : editsSince(base);
      sentVersion = version;
      useEngineSync.setState((s) => ({ pending: s.pending + 1 }));
      chain = chain
        .then(async () => {
          let status: ModelStatus | null = null;
          if (ops && base !== null) {
            // A worker that cannot take the ops (stale, or failing) gets the whole model instead.
            const outcome = await client.applyEdits(base, version, ops).catch(() => null);
            if (outcome?.kind === 'applied') status = outcome.status;
          }
          status ??= await client.setModel(version, model);
          const dataVersion = await client.dataVersion();
          useEngineSync.setState({ modelVersion: status.version, status, counts: status.counts, dataVersion });
        })
        // A failed call must not break the chain: later models still have to reach the worker.
        .catch((e: unknown) => {
          // The worker may be anywhere now: the next change goes as a whole model.
          sentVersion = null;
          const message = e instanceof Error ? e.message : String(e);
          const error = relataError('invalid_model', `the engine worker could not take the model: ${message}`);
          useEngineSync.setState((s) => ({ status: { version, error, changes: [], counts: s.counts, ms: 0 } }));
        })
        .finally(() => useEngineSync.setState((s) => ({ pending: s.pending - 1 })));
    };
    send();
    return useDocument.subscribe(send);
  }, []);
}

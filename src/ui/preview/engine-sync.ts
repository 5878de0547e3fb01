import { useEffect } from 'react';
import { create } from 'zustand';
import { relataError } from '../../core/index';
import { getEngineClient } from '../../client/engine-client';
import type { ModelStatus } from '../../worker/engine-api';
import { useDocument } from '../state/document-store';

/**
 * Keeps the engine worker on the current model. Only model changes are sent (layout moves keep the
 * same model object); `modelVersion` is the document version the worker serves, and `dataVersion`
 * changes with every data edit. Previews key their queries on both.
 */
export interface EngineSyncState {
  modelVersion: number | null;
  dataVersion: number;
  status: ModelStatus | null;
  /** Model snapshots sent to the worker and not answered yet (the live panel is `aria-busy` meanwhile). */
  pending: number;
  counts: Record<string, number>;
  setData(dataVersion: number, counts?: Record<string, number>): void;
}

export const useEngineSync = create<EngineSyncState>()((set) => ({
  modelVersion: null,
  dataVersion: 0,
  status: null,
  pending: 0,
  counts: {},
  setData: (dataVersion, counts) => set((s) => ({ dataVersion, counts: counts ?? s.counts })),
}));

/** Mount once (in the live panel): sends each new model to the worker. */
export function useEngineModelSync(): void {
  useEffect(() => {
    const client = getEngineClient();
    let sentModel: unknown = null;
    let chain = Promise.resolve();
    const send = () => {
      const { document, version } = useDocument.getState();
      if (document.model === sentModel) return;
      sentModel = document.model;
      const model = document.model;
      useEngineSync.setState((s) => ({ pending: s.pending + 1 }));
      chain = chain
        .then(async () => {
          const status = await client.setModel(version, model);
          const dataVersion = await client.dataVersion();
          useEngineSync.setState({ modelVersion: status.version, status, counts: status.counts, dataVersion });
        })
        // A failed call must not break the chain: later models still have to reach the worker.
        .catch((e: unknown) => {
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

import { useEffect } from 'react';
import { create } from 'zustand';
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
  counts: Record<string, number>;
  setData(dataVersion: number, counts?: Record<string, number>): void;
}

export const useEngineSync = create<EngineSyncState>()((set) => ({
  modelVersion: null,
  dataVersion: 0,
  status: null,
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
      chain = chain.then(async () => {
        const status = await client.setModel(version, model);
        const dataVersion = await client.dataVersion();
        useEngineSync.setState({ modelVersion: status.version, status, counts: status.counts, dataVersion });
      });
    };
    send();
    return useDocument.subscribe(send);
  }, []);
}

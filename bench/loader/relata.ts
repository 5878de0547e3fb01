import type { Database } from 'sql.js';
import { createEngine } from '../../src/core/engine/engine';
import { sqliteLayer } from '../../src/core/datalayers/sqlite/sqlite-layer';
import { createNodeManualRunner } from '../../src/node/manual-runner';
import type { QueryRequest } from '../../src/core/query/types';
import { helpdeskModel } from './model';

/**
 * Relata's side: the engine on the already-filled sql.js database (`attach: true`: the engine uses
 * the tables dataset.ts made and creates none), manual code run by the Node manual runner.
 */

export const relataRequests: Record<'W1' | 'W2' | 'W3' | 'W4', QueryRequest> = {
  W1: {
    resource: 'Representative',
    sort: [{ field: 'id' }],
    load: { tickets: { load: { comments: {} } } },
  },
  W2: {
    resource: 'Representative',
    sort: [{ field: 'id' }],
    limit: 100,
    load: { tickets: { load: { tags: {}, reporter: {} } } },
  },
  W3: {
    resource: 'Representative',
    sort: [{ field: 'id' }],
    load: { tickets_above_threshold: {} },
  },
  W4: {
    resource: 'Representative',
    sort: [{ field: 'id' }],
    load: { tickets: { sort: [{ field: 'priority', order: 'desc' }, { field: 'id' }], limit: 3 } },
  },
};

export interface RelataStatement {
  sql: string;
  params: unknown[];
  rows: number;
  ms: number;
}

export interface RelataSide {
  read(
    workload: keyof typeof relataRequests,
  ): Promise<{ records: Record<string, unknown>[]; statements: number; log: RelataStatement[] }>;
  dispose(): void;
}

export function createRelataSide(db: Database): RelataSide {
  const manualRunner = createNodeManualRunner();
  const created = createEngine({ model: helpdeskModel, layer: sqliteLayer(db, { attach: true }), manualRunner });
  if (!created.ok) {
    manualRunner.dispose();
    throw new Error(`Relata engine: ${created.error.code}: ${created.error.message} ${JSON.stringify(created.error.details ?? '')}`);
  }
  const engine = created.value;
  return {
    async read(workload) {
      const result = await engine.read(relataRequests[workload]);
      if (!result.ok) throw new Error(`Relata ${workload} failed: ${result.error.code}: ${result.error.message}`);
      const value: { records: Record<string, unknown>[]; statements: RelataStatement[] } = result.value;
      return { records: value.records, statements: value.statements.length, log: value.statements };
    },
    dispose() {
      manualRunner.dispose();
    },
  };
}

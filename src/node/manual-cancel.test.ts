import initSqlJs from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine/engine';
import type { Model } from '../core/model/types';
import { createNodeManualRunner } from './manual-runner';

/**
 * Issue 12: a recursive ctx.read fork bomb times out, and everything it queued is cancelled before
 * the next read: an innocent read afterwards answers promptly.
 */
const SQL = await initSqlJs();
const runner = createNodeManualRunner({ timeoutMs: 600, maxSandboxes: 4 });
afterAll(() => runner.dispose());

const bomb = `export async function load(records, opts, ctx) {
  await Promise.all([1, 2, 3].map(() => ctx.read({ resource: 'Author', load: { m: {} } })));
  return records.map(() => []);
}`;

const model: Model = {
  format: 'relata/model@1',
  name: 'Bomb',
  resources: [
    {
      name: 'Author',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
      relationships: [
        { kind: 'has_many', name: 'm', destination: 'Author', manual: { language: 'javascript', source: bomb } },
        { kind: 'has_many', name: 'fine', destination: 'Author', manual: { language: 'javascript', source: 'export const load = (rs) => rs.map(() => []);' } },
      ],
    },
  ],
};

describe('manual runs are accounted to the read that caused them', () => {
  for (const kind of ['sqlite', 'memory'] as const) {
    it(`a fork bomb times out and the next innocent read is prompt (${kind})`, async () => {
      const e = createEngine({ model, dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() }, manualRunner: runner, manualTimeoutMs: 600 });
      if (!e.ok) throw new Error(e.error.message);
      e.value.load({ Author: [{ id: 1 }, { id: 2 }] });
      const r = await e.value.read({ resource: 'Author', load: { m: {} } });
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.error.code).toBe('timeout');
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        // Innocent reads use the sandbox too: nothing the bomb queued is left to run before them.
        const innocent = await e.value.read({ resource: 'Author', sort: [{ field: 'id' }], load: { fine: {} } });
        expect(innocent.ok && innocent.value.records).toEqual([{ id: 1, fine: [] }, { id: 2, fine: [] }]);
        expect(Date.now() - started).toBeLessThan(1500);
      }
    });
  }
});

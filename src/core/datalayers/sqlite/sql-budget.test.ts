import initSqlJs from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeManualRunner } from '../../../node/manual-runner';
import { createEngine } from '../../engine/engine';
import type { Data, Model } from '../../model/types';
import type { SqlDatabase } from './database';

/**
 * Issue 12: a manual relationship's sqlSubquery SQL runs on a time budget (the manual code time
 * limit) with its own code, `timeout`; the statement after it runs normally.
 */
const SQL = await initSqlJs();
const runner = createNodeManualRunner({ timeoutMs: 5000 });
afterAll(() => runner.dispose());

// A condition no index can serve: every (parent, destination) pair is tried.
const heavy = `export const load = (records) => records.map(() => []);
export function sqlSubquery({ parent, destination }) {
  return '(' + destination + '."id" * 7919 + ' + parent + '."id") % 1000003 = 1';
}`;

const model: Model = {
  format: 'relata/model@1',
  name: 'Budget',
  resources: [
    {
      name: 'Parent',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
      relationships: [{ kind: 'has_many', name: 'heavy', destination: 'Child', manual: { language: 'javascript', source: heavy } }],
    },
    { name: 'Child', attributes: [{ name: 'id', type: 'integer', primaryKey: true }], relationships: [] },
  ],
};

const N = 4000;
const data: Data = {
  Parent: Array.from({ length: N }, (_, i) => ({ id: i + 1 })),
  Child: Array.from({ length: N }, (_, i) => ({ id: i + 1 })),
};

function engine(db: SqlDatabase, manualTimeoutMs: number) {
  const e = createEngine({ model, dataLayer: { kind: 'sqlite', db }, manualRunner: runner, manualTimeoutMs });
  if (!e.ok) throw new Error(e.error.message);
  const loaded = e.value.load(data);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return e.value;
}

describe('sqlSubquery SQL on a time budget (sqlite)', () => {
  it('stops a statement past the limit with timeout, and the next read runs', async () => {
    const e = engine(new SQL.Database(), 300);
    // The first read asks the sandbox for the sqlSubquery SQL (a worker start); not what is measured.
    expect((await e.read({ resource: 'Parent', filter: 'id == 1' })).ok).toBe(true);
    const started = performance.now();
    const r = await e.read({ resource: 'Parent', filter: 'exists(heavy, id > 0)' });
    const ms = performance.now() - started;
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error.code).toBe('timeout');
    expect(r.ok ? '' : r.error.message).toMatch(/sqlSubquery.*300 ms/);
    // 16M pairs take seconds; the budget stops them near 300 ms (slack for a loaded machine).
    expect(ms).toBeLessThan(1500);
    const next = await e.read({ resource: 'Parent', filter: 'id <= 2', sort: [{ field: 'id' }] });
    expect(next.ok && next.value.records).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('gives the right rows when the statement finishes within the limit', async () => {
    const e = engine(new SQL.Database(), 60_000);
    const r = await e.read({ resource: 'Parent', filter: 'exists(heavy, id > 0) and id <= 40', sort: [{ field: 'id' }] });
    if (!r.ok) throw new Error(r.error.message);
    const expected = data.Parent!.filter((p) => data.Child!.some((c) => ((c.id as number) * 7919 + (p.id as number)) % 1000003 === 1)).filter((p) => (p.id as number) <= 40);
    expect(r.value.records).toEqual(expected);
    expect(r.value.statements.some((s) => s.sql.includes('relata_budget('))).toBe(true);
  });
});

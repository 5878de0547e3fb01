/**
 * Issue 12: a manual relationship's sqlSubquery SQL runs on a time budget (the manual code time
 * limit) on the postgres layer: under statement_timeout on the run's real server (the session's own
 * value is put back), through a temporary budget function on PGlite (which never fires
 * statement_timeout); `timeout` past it, and the next read runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createEngine } from '../core/engine/engine';
import type { Model } from '../core/model/types';
import { connect } from '../../test/support/postgres';
import { openPglite, pgDriver } from './postgres-drivers';
import { postgresLayer } from '../core/datalayers/postgres/postgres-layer';
import { createNodeManualRunner } from './manual-runner';
import type { PgDriver } from '../core/datalayers/postgres/driver';

const runner = createNodeManualRunner({ timeoutMs: 5000 });

// One evaluation of this condition runs for ~10 s; only the server can stop it.
const slow = `export const load = (records) => records.map(() => []);
export function sqlSubquery({ parent, destination }) {
  return destination + '."id" = ' + parent + '."id" AND pg_sleep(10) IS NOT NULL';
}`;

// A condition no index serves: every (parent, destination) pair is tried.
const pairs = `export const load = (records) => records.map(() => []);
export function sqlSubquery({ parent, destination }) {
  return '(' + destination + '."id" * 7919 + ' + parent + '."id") % 1000003 = 1';
}`;

const model = (source: string): Model => ({
  format: 'relata/model@1',
  name: 'Budget',
  resources: [
    {
      name: 'Parent',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
      relationships: [{ kind: 'has_many', name: 'slow', destination: 'Child', manual: { language: 'javascript', source } }],
    },
    { name: 'Child', attributes: [{ name: 'id', type: 'integer', primaryKey: true }], relationships: [] },
  ],
});

let client: pg.Client;
beforeAll(async () => {
  client = await connect();
  await client.query('DROP SCHEMA IF EXISTS sql_budget_test CASCADE');
  await client.query('CREATE SCHEMA sql_budget_test');
  await client.query('SET search_path TO sql_budget_test');
  await client.query("SET statement_timeout = '123s'");
});
afterAll(async () => {
  runner.dispose();
  await client.query('DROP SCHEMA IF EXISTS sql_budget_test CASCADE');
  await client.end();
});

async function probe(driver: PgDriver, source = slow, n = 2, timeoutMs = 400): Promise<number> {
  const e = createEngine({ model: model(source), layer: postgresLayer(driver), manualRunner: runner, manualTimeoutMs: timeoutMs });
  if (!e.ok) throw new Error(e.error.message);
  const ids = Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
  expect(e.value.load({ Parent: ids, Child: n === 2 ? [{ id: 1 }] : ids }).ok).toBe(true);
  // Warm up: the sandbox gives the sqlSubquery SQL on the first read.
  expect((await e.value.read({ resource: 'Parent', filter: 'id == 1' })).ok).toBe(true);
  const started = performance.now();
  const r = await e.value.read({ resource: 'Parent', filter: 'exists(slow, id > 0)' });
  const ms = performance.now() - started;
  expect(r.ok ? '' : r.error.code).toBe('timeout');
  expect(ms).toBeLessThan(3000);
  const next = await e.value.read({ resource: 'Parent', filter: 'id <= 2', sort: [{ field: 'id' }] });
  expect(next.ok && next.value.records).toEqual([{ id: 1 }, { id: 2 }]);
  return ms;
}

describe('sqlSubquery SQL on a time budget (postgres layer)', () => {
  it('on the real server: timeout, the next read runs, the session setting is put back', async () => {
    await probe(pgDriver(client));
    expect((await client.query('SHOW statement_timeout')).rows[0]).toEqual({ statement_timeout: '123s' });
  });

  it('on PGlite: the budget function stops a statement trying millions of pairs; within the limit the rows are right', async () => {
    const pglite = await openPglite();
    try {
      await probe(pglite.driver, pairs, 4000, 300);
      const e = createEngine({ model: model(pairs), layer: postgresLayer(pglite.driver), manualRunner: runner, manualTimeoutMs: 60_000 });
      if (!e.ok) throw new Error(e.error.message);
      const r = await e.value.read({ resource: 'Parent', filter: 'exists(slow, id > 0) and id <= 40', sort: [{ field: 'id' }] });
      if (!r.ok) throw new Error(r.error.message);
      const expected = [];
      for (let p = 1; p <= 40; p++) for (let c = 1; c <= 4000; c++) if ((c * 7919 + p) % 1000003 === 1) { expected.push({ id: p }); break; }
      expect(r.value.records).toEqual(expected);
      expect(r.value.statements.some((s) => s.sql.includes('pg_temp.relata_budget('))).toBe(true);
    } finally {
      await pglite.close();
    }
  });
});

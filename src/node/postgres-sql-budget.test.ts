/**
 * Issue 12: a manual relationship's sqlSubquery SQL runs under statement_timeout (the manual code
 * time limit) on the postgres layer, on the run's real server; `timeout` past it, and the session's
 * own statement_timeout is put back. (PGlite sets statement_timeout but never fires it: a
 * single-threaded wasm server has no timer signal. Not tested there because it does not hold.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createEngine } from '../core/engine/engine';
import type { Model } from '../core/model/types';
import { connect } from '../../test/support/postgres';
import { pgDriver } from './postgres-drivers';
import { postgresLayer } from '../core/datalayers/postgres/postgres-layer';
import { createNodeManualRunner } from './manual-runner';
import type { PgDriver } from '../core/datalayers/postgres/driver';

const runner = createNodeManualRunner({ timeoutMs: 5000 });

// One evaluation of this condition runs for ~10 s; only the server can stop it.
const slow = `export const load = (records) => records.map(() => []);
export function sqlSubquery({ parent, destination }) {
  return destination + '."id" = ' + parent + '."id" AND pg_sleep(10) IS NOT NULL';
}`;

const model: Model = {
  format: 'relata/model@1',
  name: 'Budget',
  resources: [
    {
      name: 'Parent',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
      relationships: [{ kind: 'has_many', name: 'slow', destination: 'Child', manual: { language: 'javascript', source: slow } }],
    },
    { name: 'Child', attributes: [{ name: 'id', type: 'integer', primaryKey: true }], relationships: [] },
  ],
};

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

async function probe(driver: PgDriver): Promise<number> {
  const e = createEngine({ model, layer: postgresLayer(driver), manualRunner: runner, manualTimeoutMs: 400 });
  if (!e.ok) throw new Error(e.error.message);
  expect(e.value.load({ Parent: [{ id: 1 }, { id: 2 }], Child: [{ id: 1 }] }).ok).toBe(true);
  // Warm up: the sandbox gives the sqlSubquery SQL on the first read.
  expect((await e.value.read({ resource: 'Parent', filter: 'id == 1' })).ok).toBe(true);
  const started = performance.now();
  const r = await e.value.read({ resource: 'Parent', filter: 'exists(slow, id > 0)' });
  const ms = performance.now() - started;
  expect(r.ok ? '' : r.error.code).toBe('timeout');
  expect(ms).toBeLessThan(3000);
  const next = await e.value.read({ resource: 'Parent', sort: [{ field: 'id' }] });
  expect(next.ok && next.value.records).toEqual([{ id: 1 }, { id: 2 }]);
  return ms;
}

describe('sqlSubquery SQL under statement_timeout (postgres layer)', () => {
  it('on the real server: timeout, the next read runs, the session setting is put back', async () => {
    await probe(pgDriver(client));
    expect((await client.query('SHOW statement_timeout')).rows[0]).toEqual({ statement_timeout: '123s' });
  });
});

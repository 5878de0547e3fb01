/**
 * The postgres layer on the run's real PostgreSQL server (test/support/postgres-global-setup.ts):
 * a nested read with its per-hop SQL, an action in a transaction, a failing write rolled back, and a
 * read-only engine refusing writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createEngine } from '../core/engine/engine';
import type { Model } from '../core/model/types';
import { connect } from '../../test/support/postgres';
import { arrayLiteral, pgDriver } from './postgres-drivers';
import { postgresLayer } from '../core/datalayers/postgres/postgres-layer';

const model: Model = {
  format: 'relata/model@1',
  name: 'Shop',
  resources: [
    {
      name: 'Customer',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'name', type: 'string' },
      ],
      relationships: [{ kind: 'has_many', name: 'orders', destination: 'Order', sort: [{ field: 'total', order: 'desc' }], limit: 2 }],
      actions: [{ name: 'create', type: 'create', accept: ['id', 'name'] }],
    },
    {
      name: 'Order',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'total', type: 'float' },
        { name: 'paid', type: 'boolean' },
      ],
      relationships: [{ kind: 'belongs_to', name: 'customer', destination: 'Customer', attributeType: 'integer' }],
    },
  ],
} as Model;

const data = {
  Customer: [{ id: 1, name: 'b' }, { id: 2, name: 'B' }, { id: 3, name: 'a' }],
  Order: [
    { id: 1, total: 5.5, paid: true, customer_id: 1 },
    { id: 2, total: 7, paid: false, customer_id: 1 },
    { id: 3, total: 1, paid: true, customer_id: 1 },
    { id: 4, total: 2, paid: true, customer_id: 2 },
  ],
};

let client: pg.Client;
beforeAll(async () => {
  client = await connect();
  await client.query('DROP SCHEMA IF EXISTS layer_test CASCADE');
  await client.query('CREATE SCHEMA layer_test');
  await client.query('SET search_path TO layer_test');
});
afterAll(async () => {
  await client.query('DROP SCHEMA IF EXISTS layer_test CASCADE');
  await client.end();
});

describe('postgres layer on a real server', () => {
  it('reads nested records with one statement per hop, strings in code-point order', async () => {
    const engine = createEngine({ model, layer: postgresLayer(pgDriver(client)) });
    if (!engine.ok) throw new Error(engine.error.message);
    expect(engine.value.load(data).ok).toBe(true);
    const r = await engine.value.read({ resource: 'Customer', sort: [{ field: 'name' }], load: { orders: {} } });
    if (!r.ok) throw new Error(r.error.message);
    // "C" collation: 'B' < 'a' < 'b' (a locale collation would give a, b, B).
    expect(r.value.records.map((c) => c.name)).toEqual(['B', 'a', 'b']);
    expect(r.value.records[2]!.orders).toEqual([
      { id: 2, total: 7, paid: false, customer_id: 1 },
      { id: 1, total: 5.5, paid: true, customer_id: 1 },
    ]);
    expect(r.value.statements.map((s) => s.scope)).toEqual(['root', 'Customer.orders@1']);
    expect(r.value.statements[1]!.sql).toContain('= ANY($1::bigint[])');
  });

  it('runs an action in a transaction and rolls back a failing one', async () => {
    const engine = createEngine({ model, layer: postgresLayer(pgDriver(client)) });
    if (!engine.ok) throw new Error(engine.error.message);
    engine.value.load(data);
    const made = await engine.value.runAction({ resource: 'Customer', action: 'create', input: { id: 9, name: 'new' } });
    expect(made.ok && made.value.record).toEqual({ id: 9, name: 'new' });
    const rows = await client.query('SELECT name FROM "customer" WHERE id = 9');
    expect(rows.rows).toEqual([{ name: 'new' }]);
    // A value PostgreSQL rejects (text in a bigint column): the action fails, nothing stays behind.
    const bad = await engine.value.runAction({ resource: 'Customer', action: 'create', input: { id: 'x' as unknown as number, name: 'bad' } });
    expect(bad.ok).toBe(false);
    const after = await client.query(`SELECT count(*)::int AS n FROM "customer" WHERE name = 'bad'`);
    expect(after.rows[0].n).toBe(0);
    const again = await engine.value.read({ resource: 'Customer', filter: 'id == 9' });
    expect(again.ok && again.value.records.length).toBe(1);
  });

  it('sends array parameters as literals PostgreSQL reads back unchanged', async () => {
    const driver = pgDriver(client);
    const texts = ['a"b', 'c\\d', '', 'NULL', null, 'x,y', '{z}', ' sp ', 'é😀', '\\"'];
    expect(await driver.query('SELECT $1::text[]', [texts])).toEqual([[texts]]);
    expect(arrayLiteral([1, -2, 9007199254740991])).toBe('{1,-2,9007199254740991}');
    expect(await driver.query('SELECT $1::bigint[]', [[1, -2, 9007199254740991]])).toEqual([[['1', '-2', '9007199254740991']]]);
    expect(await driver.query('SELECT $1::float8[]', [[1.5, 1e300, -Infinity, NaN, 0.1]])).toEqual([[[1.5, 1e300, -Infinity, NaN, 0.1]]]);
    expect(await driver.query('SELECT $1::boolean[]', [[true, false, null]])).toEqual([[[true, false, null]]]);
    expect(arrayLiteral([{ a: 1 }])).toEqual([{ a: 1 }]);
  });

  it('refuses writes on a read-only connection', async () => {
    const engine = createEngine({ model, layer: postgresLayer(pgDriver(client), { attach: true, readOnly: true }) });
    if (!engine.ok) throw new Error(engine.error.message);
    const r = await engine.value.runAction({ resource: 'Customer', action: 'create', input: { id: 10, name: 'no' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('read-only');
    expect(engine.value.load(data).ok).toBe(false);
  });

  it('streams rows with each: values like query, SQL errors and a throwing callback reject after the statement', async () => {
    const driver = pgDriver(client);
    const seen: unknown[][] = [];
    const n = await driver.each!('SELECT g::bigint, g % 2 = 0, $1::text FROM generate_series(1, 3) g', ['t'], (row) => seen.push(row));
    expect(n).toBe(3);
    expect(seen).toEqual(await driver.query('SELECT g::bigint, g % 2 = 0, $1::text FROM generate_series(1, 3) g', ['t']));
    await expect(driver.each!('SELECT nope FROM nowhere', [], () => undefined)).rejects.toThrow(/nowhere/);
    let calls = 0;
    await expect(
      driver.each!('SELECT g FROM generate_series(1, 5) g', [], () => {
        calls++;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(calls).toBe(1);
    // The connection is still usable afterwards.
    expect(await driver.query('SELECT 1::bigint')).toEqual([[1]]);
  });

  it('builds related rows from the streamed reads exactly as from whole results', async () => {
    const streamed = createEngine({ model, layer: postgresLayer(pgDriver(client)) });
    const plain = createEngine({ model, layer: postgresLayer({ ...pgDriver(client), each: undefined }, { attach: true }) });
    if (!streamed.ok || !plain.ok) throw new Error('engine');
    expect(streamed.value.load(data).ok).toBe(true);
    const request = { resource: 'Order', sort: [{ field: 'id' }], load: { customer: { load: { orders: {} } } } };
    const a = await streamed.value.read(request);
    const b = await plain.value.read(request);
    if (!a.ok || !b.ok) throw new Error('read');
    expect(a.value.records).toEqual(b.value.records);
    expect(a.value.records[3]!.customer).toEqual({ id: 2, name: 'B', orders: [{ id: 4, total: 2, paid: true, customer_id: 2 }] });
    expect(a.value.statements.map((s) => s.rows)).toEqual(b.value.statements.map((s) => s.rows));
  });
});

/**
 * The postgres layer's read modes give the memory layer's records: per-parent windows as LATERAL and
 * as ROW_NUMBER(), rows as JSON text and as plain rows (on PGlite), for keyed windows, parent(...)
 * windows, many_to_many with and without a join window, ci keys, floats, maps and an attribute
 * named like a SQL literal (`true`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/engine';
import type { Data, Model } from '../../model/types';
import type { QueryRequest } from '../../query/types';
import { memoryLayer } from '../memory/memory-layer';
import { openPglite } from '../../../node/postgres-drivers';
import { postgresLayer, type PgWindowMode } from './postgres-layer';

const model = {
  format: 'relata/model@1',
  name: 'Modes',
  resources: [
    {
      name: 'Owner',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'code', type: 'ci_string' },
        { name: 'cap', type: 'float' },
      ],
      relationships: [
        { kind: 'has_many', name: 'items', destination: 'Item' },
        { kind: 'has_many', name: 'top', destination: 'Item', sort: [{ field: 'score', order: 'desc' }], limit: 2, offset: 1 },
        { kind: 'has_many', name: 'above', destination: 'Item', filter: 'score > parent(cap)', sort: [{ field: 'id', order: 'desc' }], limit: 2 },
        { kind: 'has_many', name: 'by_code', destination: 'Item', sourceAttribute: 'code', destinationAttribute: 'owner_code', sort: [{ field: 'score' }], limit: 1 },
        { kind: 'many_to_many', name: 'tags', destination: 'Tag', through: 'ItemTag', sourceAttributeOnJoinResource: 'owner_id' },
      ],
    },
    {
      name: 'Item',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'score', type: 'float' },
        { name: 'owner_code', type: 'ci_string' },
        { name: 'meta', type: 'map' },
        { name: 'true', type: 'string' },
      ],
      relationships: [{ kind: 'belongs_to', name: 'owner', destination: 'Owner', attributeType: 'integer' }],
    },
    {
      name: 'Tag',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'name', type: 'string' },
      ],
    },
    {
      name: 'ItemTag',
      relationships: [
        { kind: 'belongs_to', name: 'owner', destination: 'Owner', attributeType: 'integer', primaryKey: true, allowNil: false },
        { kind: 'belongs_to', name: 'tag', destination: 'Tag', attributeType: 'integer', primaryKey: true, allowNil: false },
      ],
    },
  ],
} as unknown as Model;

const data: Data = {
  Owner: [
    { id: 1, code: 'Ab', cap: 1.5 },
    { id: 2, code: 'aB', cap: 0.1 },
    { id: 3, code: 'zz', cap: -1 },
    { id: 4, code: null, cap: null },
  ],
  Item: [
    { id: 1, score: 2, owner_id: 1, owner_code: 'AB', meta: { a: [1] }, true: 'x' },
    { id: 2, score: 1, owner_id: 1, owner_code: 'ab', meta: null, true: '"q' },
    { id: 3, score: 1e300, owner_id: 1, owner_code: 'zz', meta: { b: 'c' }, true: null },
    { id: 4, score: -2.5, owner_id: 2, owner_code: 'ZZ', meta: null, true: 'é' },
    { id: 5, score: 3, owner_id: 2, owner_code: null, meta: null, true: 'y' },
    { id: 6, score: 3, owner_id: 3, owner_code: 'Ab', meta: null, true: 'z' },
    { id: 7, score: null, owner_id: 1, owner_code: 'x', meta: null, true: 'w' },
  ],
  Tag: [
    { id: 1, name: 'b' },
    { id: 2, name: 'a' },
  ],
  ItemTag: [
    { owner_id: 1, tag_id: 2 },
    { owner_id: 1, tag_id: 1 },
    { owner_id: 3, tag_id: 1 },
  ],
};

const queries: QueryRequest[] = [
  { resource: 'Owner', sort: [{ field: 'id' }], load: { items: { sort: [{ field: 'id' }] }, top: {}, above: {}, by_code: {}, tags: { sort: [{ field: 'name' }] } } },
  { resource: 'Owner', sort: [{ field: 'id' }], load: { items: { sort: [{ field: 'score', order: 'desc' }, { field: 'id' }], limit: 2, load: { owner: {} } } } },
  { resource: 'Item', sort: [{ field: 'id' }], load: { owner: { load: { tags: { limit: 1, sort: [{ field: 'id' }] } } } } },
];

let lite: Awaited<ReturnType<typeof openPglite>>;
// PGlite's first start compiles its wasm: seconds on a busy machine.
beforeAll(async () => {
  lite = await openPglite();
}, 120_000);
afterAll(async () => {
  await lite.close();
});

async function records(layer: ReturnType<typeof memoryLayer>, q: QueryRequest): Promise<unknown> {
  const engine = createEngine({ model, layer });
  if (!engine.ok) throw new Error(engine.error.message);
  const loaded = engine.value.load(data);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const r = await engine.value.read(q);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value.records;
}

describe('postgres layer read modes agree with the memory layer', () => {
  for (const windowMode of ['lateral', 'row_number'] as PgWindowMode[]) {
    for (const jsonRows of [true, false]) {
      it(`windows as ${windowMode}, rows ${jsonRows ? 'as JSON' : 'plain'}`, async () => {
        for (const q of queries) {
          const want = await records(memoryLayer(), q);
          const got = await records(postgresLayer(lite.driver, { windowMode, jsonRows }), q);
          expect(got).toEqual(want);
        }
      }, 60_000);
    }
  }

  it('shows the SQL that ran: the JSON wrapper and the LATERAL window', async () => {
    const engine = createEngine({ model, layer: postgresLayer(lite.driver, { windowMode: 'lateral', jsonRows: true }) });
    if (!engine.ok) throw new Error(engine.error.message);
    engine.value.load(data);
    const r = await engine.value.read({ resource: 'Owner', load: { top: {} } });
    if (!r.ok) throw new Error(r.error.message);
    const sql = r.value.statements.map((s) => s.sql);
    expect(sql[0]).toMatch(/^SELECT coalesce\(json_agg\(json_build_array\(/);
    expect(sql[1]).toContain('CROSS JOIN LATERAL');
    // Owner 1: 4 items, 2 after the offset; owner 2: 2 items, 1 after it; owner 3: 1 item, none.
    expect(r.value.statements[1]!.rows).toBe(3);
  }, 60_000);
});

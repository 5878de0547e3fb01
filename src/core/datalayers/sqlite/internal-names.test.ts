import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/engine';
import type { Model } from '../../model/types';
import type { QueryRequest } from '../../query/types';

/** Issue 12: attributes named like the engine's internal columns read back right on sqlite. */
const SQL = await initSqlJs();

function model(names: string[]): Model {
  const attrs = [{ name: 'id', type: 'integer' as const, primaryKey: true }, ...names.map((name) => ({ name, type: 'integer' as const }))];
  return {
    format: 'relata/model@1',
    name: 'Names',
    resources: [
      {
        name: 'Post',
        attributes: attrs,
        relationships: [
          { kind: 'has_many', name: 'windowed', destination: 'Comment', sort: [{ field: 'id' }], limit: 1, offset: 1 },
          { kind: 'has_many', name: 'parented', destination: 'Comment', filter: 'id > parent(id)', sort: [{ field: 'id' }], limit: 2, offset: 1 },
          { kind: 'has_many', name: 'all', destination: 'Comment', noAttributes: true, filter: 'id > 0' },
        ],
      },
      { name: 'Comment', attributes: attrs, relationships: [{ kind: 'belongs_to', name: 'post', destination: 'Post', attributeType: 'integer' }] },
    ],
  };
}

async function both(names: string[], query: QueryRequest) {
  const out = [];
  for (const kind of ['sqlite', 'memory'] as const) {
    const e = createEngine({ model: model(names), dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() } });
    if (!e.ok) throw new Error(e.error.message);
    const fill = (i: number) => Object.fromEntries(names.map((n) => [n, i * 10]));
    const loaded = e.value.load({
      Post: [{ id: 1, ...fill(1) }, { id: 2, ...fill(2) }],
      Comment: [1, 2, 3, 4, 5, 6].map((i) => ({ id: i, post_id: 1 + (i % 2), ...fill(i) })),
    });
    expect(loaded.ok).toBe(true);
    const r = await e.value.read(query);
    if (!r.ok) throw new Error(r.error.message);
    out.push(r.value.records);
  }
  return out as [unknown[], unknown[]];
}

describe('user names never collide with internal columns (sqlite agrees with memory)', () => {
  const query: QueryRequest = { resource: 'Post', sort: [{ field: 'id' }], load: { windowed: {}, parented: {}, all: { sort: [{ field: 'id' }], load: { post: {} } } } };
  for (const names of [['true', 'false'], ['rowid'], ['oid'], ['_rowid_', 'rowid'], ['__rn', '__rn2', '__c1'], ['__relata_parent'], ['__k', '__c0', '__relata_rows']]) {
    it(`attributes ${names.join(', ')}`, async () => {
      const [sqlite, memory] = await both(names, query);
      expect(sqlite).toEqual(memory);
      // The values are the stored integers, never the names as strings.
      expect((sqlite[0] as Record<string, unknown>)[names[0]!]).toBe(10);
    });
  }

  it('per-parent windows keep their offset with a rowid attribute', async () => {
    const [sqlite] = await both(['rowid'], { resource: 'Post', sort: [{ field: 'id' }], load: { windowed: {} } });
    expect(sqlite.map((p) => (p as { windowed: Array<{ id: number }> }).windowed.map((c) => c.id))).toEqual([[4], [3]]);
  });
});

describe('an in-list parameter on the right of a literal (models with attributes named true/false)', () => {
  // Issue 12 known gap: `true in ^p` with an empty list failed on sqlite ("column index out of range"):
  // the literal's parameter was added, then the empty list compiled to FALSE without its placeholder.
  // In a filter `true`/`false` are the literals (both layers), whatever the attributes are called.
  const cases: Array<[string, unknown[], number[]]> = [
    ['true in ^p', [], []],
    ['false in ^p', [], []],
    ['true in ^p', [true], [1, 2]],
    ['false in ^p', [true, 10], []],
    ['10 in ^p', [], []],
    ['true in ^p or id == 2', [], [2]],
    ['not(true in ^p)', [], [1, 2]],
  ];
  for (const [filter, p, ids] of cases) {
    it(`${filter} with ${JSON.stringify(p)}`, async () => {
      const [sqlite, memory] = await both(['true', 'false'], { resource: 'Post', filter, params: { p }, sort: [{ field: 'id' }] });
      expect(sqlite).toEqual(memory);
      expect(sqlite.map((r) => (r as { id: number }).id)).toEqual(ids);
    });
  }
});

import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine';
import type { Data, Model } from '../model/types';
import type { QueryRequest } from '../query/types';
import { validateModel } from '../validate/validate';
import { parseModel } from '../model/parse';
import { normalizeModel } from '../model/normalize';

const SQL = await initSqlJs();
const layers = ['sqlite', 'memory'] as const;

const model = (limit: number | null, relFilter: string | null): Model => ({
  format: 'relata/model@1',
  name: 'Agg',
  resources: [
    {
      name: 'Post',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'n', type: 'integer' }],
      relationships: [
        {
          kind: 'has_many', name: 'comments', destination: 'Comment',
          ...(limit !== null ? { limit, sort: [{ field: 'likes', order: 'desc' as const }] } : {}),
          ...(relFilter ? { filter: relFilter } : {}),
        },
        { kind: 'many_to_many', name: 'tags', destination: 'Tag', through: 'PostTag' },
      ],
      aggregates: [
        { name: 'c_count', kind: 'count', path: ['comments'] },
        { name: 'c_count_likes', kind: 'count', path: ['comments'], field: 'likes' },
        { name: 'c_uniq', kind: 'count', path: ['comments'], field: 'title', uniq: true },
        { name: 'c_exists', kind: 'exists', path: ['comments'], filter: 'likes > 2' },
        { name: 'c_sum', kind: 'sum', path: ['comments'], field: 'likes' },
        { name: 'c_sum0', kind: 'sum', path: ['comments'], field: 'likes', default: 0 },
        { name: 'c_min', kind: 'min', path: ['comments'], field: 'title' },
        { name: 'c_max', kind: 'max', path: ['comments'], field: 'likes' },
        { name: 'c_avg', kind: 'avg', path: ['comments'], field: 'likes' },
        { name: 'c_first', kind: 'first', path: ['comments'], field: 'title', sort: [{ field: 'likes', order: 'desc' }] },
        { name: 'c_first_nil', kind: 'first', path: ['comments'], field: 'title', sort: [{ field: 'likes' }], includeNil: true },
        { name: 'c_list', kind: 'list', path: ['comments'], field: 'title', sort: [{ field: 'title', order: 'desc' }] },
        { name: 'c_list_all', kind: 'list', path: ['comments'], field: 'likes', includeNil: true, uniq: true },
        { name: 'c_parent', kind: 'count', path: ['comments'], filter: 'likes >= parent(n)' },
        { name: 't_count', kind: 'count', path: ['tags'] },
        { name: 't_names', kind: 'list', path: ['tags'], field: 'name', sort: [{ field: 'name' }] },
      ],
    },
    {
      name: 'Comment',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'title', type: 'string' }, { name: 'likes', type: 'integer' }],
      relationships: [{ kind: 'belongs_to', name: 'post', destination: 'Post', attributeType: 'integer' }],
    },
    { name: 'Tag', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'string' }] },
    {
      name: 'PostTag',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
      relationships: [
        { kind: 'belongs_to', name: 'post', destination: 'Post', attributeType: 'integer' },
        { kind: 'belongs_to', name: 'tag', destination: 'Tag', attributeType: 'integer' },
      ],
    },
  ],
});
const ALL = ['c_count', 'c_count_likes', 'c_uniq', 'c_exists', 'c_sum', 'c_sum0', 'c_min', 'c_max', 'c_avg', 'c_first', 'c_first_nil', 'c_list', 'c_list_all', 'c_parent', 't_count', 't_names'];

function engine(m: Model, data: Data, kind: 'sqlite' | 'memory') {
  const e = createEngine({ model: m, dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() } });
  if (!e.ok) throw new Error(e.error.message);
  const l = e.value.load(data);
  if (!l.ok) throw new Error(l.error.message);
  return e.value;
}

async function read(m: Model, data: Data, kind: 'sqlite' | 'memory', q: QueryRequest) {
  const r = await engine(m, data, kind).read(q);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const data: Data = {
  Post: [{ id: 1, n: 2 }, { id: 2, n: 0 }, { id: 3, n: 9 }],
  Comment: [
    { id: 1, title: 'b', likes: 1, post_id: 1 },
    { id: 2, title: null, likes: 5, post_id: 1 },
    { id: 3, title: 'a', likes: null, post_id: 1 },
    { id: 4, title: 'b', likes: 3, post_id: 1 },
    { id: 5, title: 'z', likes: null, post_id: 2 },
  ],
  Tag: [{ id: 1, name: 'x' }, { id: 2, name: 'y' }],
  PostTag: [{ id: 1, post_id: 1, tag_id: 2 }, { id: 2, post_id: 1, tag_id: 1 }, { id: 3, post_id: 1, tag_id: 1 }],
};

describe('aggregates', () => {
  for (const kind of layers) {
    it(`computes every kind, with empty sets and nils (${kind})`, async () => {
      const r = await read(model(null, null), data, kind, { resource: 'Post', select: ['id'], sort: [{ field: 'id' }], aggregates: ALL });
      expect(r.records).toEqual([
        { id: 1, c_count: 4, c_count_likes: 3, c_uniq: 2, c_exists: true, c_sum: 9, c_sum0: 9, c_min: 'a', c_max: 5, c_avg: 3, c_first: 'a', c_first_nil: 'b', c_list: ['b', 'b', 'a'], c_list_all: [1, 5, null, 3], c_parent: 2, t_count: 3, t_names: ['x', 'x', 'y'] },
        { id: 2, c_count: 1, c_count_likes: 0, c_uniq: 1, c_exists: false, c_sum: null, c_sum0: 0, c_min: 'z', c_max: null, c_avg: null, c_first: 'z', c_first_nil: 'z', c_list: ['z'], c_list_all: [null], c_parent: 0, t_count: 0, t_names: [] },
        { id: 3, c_count: 0, c_count_likes: 0, c_uniq: 0, c_exists: false, c_sum: null, c_sum0: 0, c_min: null, c_max: null, c_avg: null, c_first: null, c_first_nil: null, c_list: [], c_list_all: [], c_parent: 0, t_count: 0, t_names: [] },
      ]);
      if (kind === 'sqlite') expect(r.statements.filter((s) => s.scope.includes('#aggregates')).length).toBe(1);
    });

    it(`respects the relationship's limit and sort (${kind})`, async () => {
      const r = await read(model(2, null), data, kind, { resource: 'Post', select: ['id'], filter: 'id == 1', aggregates: ['c_count', 'c_sum', 'c_list'] });
      // top two by likes desc (nils first for desc): the nil-likes comment 3 and comment 2 (likes 5)
      expect(r.records).toEqual([{ id: 1, c_count: 2, c_sum: 5, c_list: ['a'] }]);
    });

    it(`respects the relationship's filter (${kind})`, async () => {
      const r = await read(model(null, 'likes > 1'), data, kind, { resource: 'Post', select: ['id'], filter: 'id == 1', aggregates: ['c_count', 'c_max'] });
      expect(r.records).toEqual([{ id: 1, c_count: 2, c_max: 5 }]);
    });

    it(`filters and sorts by aggregates (${kind})`, async () => {
      const m = model(null, null);
      expect((await read(m, data, kind, { resource: 'Post', select: ['id'], filter: 'c_count > 0 and c_sum0 < 100' })).records).toEqual([{ id: 1 }, { id: 2 }]);
      expect((await read(m, data, kind, { resource: 'Post', select: ['id'], filter: 'c_first == "a"' })).records).toEqual([{ id: 1 }]);
      expect((await read(m, data, kind, { resource: 'Post', select: ['id'], filter: '"x" in t_names' })).records).toEqual([{ id: 1 }]);
      expect((await read(m, data, kind, { resource: 'Post', select: ['id'], sort: [{ field: 'c_count', order: 'desc' }], offset: 1, limit: 1 })).records).toEqual([{ id: 2 }]);
      expect((await read(m, data, kind, { resource: 'Comment', select: ['id'], filter: 'post.c_count == 1' })).records).toEqual([{ id: 5 }]);
    });

    it(`rejects unknown aggregate names (${kind})`, async () => {
      const e = engine(model(null, null), data, kind);
      const r = await e.read({ resource: 'Post', aggregates: ['nope'] });
      expect(r.ok ? null : r.error.code).toBe('invalid_load');
      const s = await e.read({ resource: 'Post', load: { tags: { aggregates: ['c_count'] } } });
      expect(s.ok ? null : s.error.code).toBe('invalid_load');
    });
  }

  it('parses, normalizes and validates the aggregates key', () => {
    const m = model(null, null);
    expect(parseModel(m).ok).toBe(true);
    expect(normalizeModel(m).resources[0]!.aggregates![0]).toMatchObject({ name: 'c_count', uniq: false, includeNil: false });
    expect(validateModel(m).filter((d) => d.severity === 'error')).toEqual([]);
    const bad = JSON.parse(JSON.stringify(m)) as Model;
    bad.resources[0]!.aggregates = [{ name: 'x', kind: 'sum', path: ['comments'] } as never];
    const p = parseModel(bad);
    expect(p.ok ? null : p.error.path).toEqual(['resources', 0, 'aggregates', 0, 'field']);
  });

  it('gives the same values on both layers for random data (property)', async () => {
    const comment = fc.record({
      title: fc.option(fc.constantFrom('a', 'b', 'c', 'B'), { nil: null }),
      likes: fc.option(fc.integer({ min: -3, max: 6 }), { nil: null }),
      post_id: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(comment, { maxLength: 14 }),
        fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
        fc.constantFrom(null, 'likes > 0', 'not(is_nil(title))', 'likes < parent(n)'),
        fc.constantFrom('c_count > 1', 'c_exists', 'c_sum0 >= 2', 'c_min == "a"', 'c_first != "b"', 'c_parent > 0', 'c_avg > 1'),
        async (comments, limit, relFilter, filter) => {
          const d: Data = {
            Post: [1, 2, 3, 4].map((id) => ({ id, n: id - 1 })),
            Comment: comments.map((c, i) => ({ id: i + 1, ...c })),
            Tag: data.Tag!,
            PostTag: data.PostTag!,
          };
          const m = model(limit, relFilter);
          const q: QueryRequest = { resource: 'Post', select: ['id'], sort: [{ field: 'id' }], aggregates: ALL };
          const [a, b] = await Promise.all(layers.map((k) => read(m, d, k, q)));
          expect(a!.records).toEqual(b!.records);
          const f: QueryRequest = { resource: 'Post', select: ['id'], sort: [{ field: 'id' }], filter };
          const [x, y] = await Promise.all(layers.map((k) => read(m, d, k, f)));
          expect(x!.records).toEqual(y!.records);
        },
      ),
      { numRuns: 60 },
    );
  });
});

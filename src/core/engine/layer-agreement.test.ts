import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import type { QueryRequest } from '../query/types';
import { createEngine, type Engine } from './engine';

/** Issue 12: both data layers give the same answer (or the same coded error) on edge values. */
const SQL = await initSqlJs();

const model: Model = {
  format: 'relata/model@1',
  name: 'Edges',
  resources: [
    {
      name: 'Post',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'n', type: 'float' },
        { name: 's', type: 'string' },
        { name: 'b', type: 'boolean' },
      ],
      relationships: [{ kind: 'has_many', name: 'comments', destination: 'Comment' }],
    },
    {
      name: 'Comment',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
      relationships: [{ kind: 'belongs_to', name: 'post', destination: 'Post', attributeType: 'integer' }],
    },
  ],
};

function engines(): Array<[string, Engine]> {
  return (['sqlite', 'memory'] as const).map((kind) => {
    const e = createEngine({ model, dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() } });
    if (!e.ok) throw new Error(e.error.message);
    const loaded = e.value.load({
      Post: [{ id: 1, n: 1.5, s: '1', b: true }, { id: 2, n: 2, s: 'x', b: false }],
      Comment: [{ id: 1, post_id: 1 }],
    });
    if (!loaded.ok) throw new Error(loaded.error.message);
    return [kind, e.value];
  });
}

/** The ids read on each layer, or the error code. */
async function answers(query: Omit<QueryRequest, 'resource'>): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [, e] of engines()) {
    const r = await e.read({ resource: 'Post', sort: [{ field: 'id' }], ...query });
    out.push(r.ok ? r.value.records.map((x) => x.id) : r.error.code);
  }
  return out;
}

describe('layer agreement on edge values', () => {
  it('a string never equals a number column, a number never equals a string column', async () => {
    expect(await answers({ filter: 'id == "1"' })).toEqual([[], []]);
    expect(await answers({ filter: 'id != "1"' })).toEqual([[1, 2], [1, 2]]);
    expect(await answers({ filter: 'id < "1"' })).toEqual([[1, 2], [1, 2]]);
    expect(await answers({ filter: 's == 1' })).toEqual([[], []]);
    expect(await answers({ filter: 'b == "1"' })).toEqual([[], []]);
    expect(await answers({ filter: 'id == ^p', params: { p: '2' } })).toEqual([[], []]);
    expect(await answers({ filter: 'id in ["1", 2]' })).toEqual([[2], [2]]);
    expect(await answers({ filter: 'id == s' })).toEqual([[], []]);
  });

  it('NaN and infinities are rejected as params, literals and data', async () => {
    for (const p of [NaN, Infinity, -Infinity]) {
      expect(await answers({ filter: 'n == ^p', params: { p } })).toEqual(['invalid_expression', 'invalid_expression']);
    }
    expect(await answers({ filter: 'n < 1e999' })).toEqual(['invalid_expression', 'invalid_expression']);
    for (const [, e] of engines()) {
      const r = e.load({ Post: [{ id: 1, n: NaN }] });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_query', path: ['Post', 0, 'n'] } });
    }
  });

  it('BigInt params and data are coded errors', async () => {
    expect(await answers({ filter: 'id == ^p', params: { p: 1n } })).toEqual(['invalid_expression', 'invalid_expression']);
    for (const [, e] of engines()) expect(e.load({ Post: [{ id: 1n }] }).ok).toBe(false);
  });

  it('NUL in strings is rejected (literal, param, data)', async () => {
    expect(await answers({ filter: 'string_length("a\u0000b") == 3' })).toEqual(['invalid_expression', 'invalid_expression']);
    expect(await answers({ filter: 'string_length("a\\0b") == 3' })).toEqual(['invalid_expression', 'invalid_expression']);
    expect(await answers({ filter: 's == ^p', params: { p: 'a\u0000' } })).toEqual(['invalid_expression', 'invalid_expression']);
    for (const [, e] of engines()) expect(e.load({ Post: [{ id: 1, s: 'a\u0000b' }] }).ok).toBe(false);
  });

  it('huge limits and offsets mean "all rows" on both layers', async () => {
    expect(await answers({ limit: 1e308 })).toEqual([[1, 2], [1, 2]]);
    expect(await answers({ offset: 1e308 })).toEqual([[], []]);
    expect(await answers({ limit: 1e308, load: { comments: { limit: 1e308, offset: 0 } } })).toEqual([[1, 2], [1, 2]]);
  });

  it('a literal in-list longer than 32,766 items travels as one parameter', async () => {
    const list = Array.from({ length: 40000 }, (_, i) => i * 2 + 1).join(', ');
    expect(await answers({ filter: `id in [${list}]` })).toEqual([[1], [1]]);
    const strings = Array.from({ length: 33000 }, (_, i) => `"${i}"`).join(', ');
    expect(await answers({ filter: `s in [${strings}]` })).toEqual([[1], [1]]);
    expect(await answers({ filter: `id in [${strings}]` })).toEqual([[], []]);
  });

  it('a flat chain of 201 ands is fine; 201 nested levels are not', async () => {
    const chain = Array.from({ length: 201 }, () => 'id > 0').join(' and ');
    expect(await answers({ filter: chain })).toEqual([[1, 2], [1, 2]]);
    const long = Array.from({ length: 5000 }, (_, i) => `id != ${i + 10}`).join(' or ');
    expect(await answers({ filter: long })).toEqual([[1, 2], [1, 2]]);
    const nested = `${'('.repeat(201)}id > 0${')'.repeat(201)}`;
    const deep = `${'not('.repeat(201)}id > 0${')'.repeat(201)}`;
    expect(await answers({ filter: nested })).toEqual(['invalid_expression', 'invalid_expression']);
    expect(await answers({ filter: deep })).toEqual(['invalid_expression', 'invalid_expression']);
  });

  it('a filter path of 10,000 segments is a quick too_deep on both layers', async () => {
    const path = `${Array.from({ length: 10000 }, (_, i) => (i % 2 ? 'post' : 'comments')).join('.')}.id == 1`;
    const started = Date.now();
    expect(await answers({ filter: path })).toEqual(['too_deep', 'too_deep']);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine/engine';
import type { Model } from '../core/model/types';
import { createNodeManualRunner } from './manual-runner';

/**
 * Issue 12: what a manual load may return is capped (1,000,000 values, 32,000,000 characters),
 * measured in the sandbox before the copy to the host: `too_large` naming the relationship, fast.
 */
const runner = createNodeManualRunner({ timeoutMs: 5000 });
afterAll(() => runner.dispose());

const model = (source: string): Model => ({
  format: 'relata/model@1',
  name: 'Blog',
  resources: [
    {
      name: 'Author',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
      relationships: [{ kind: 'has_many', name: 'm', destination: 'Post', manual: { language: 'javascript', source } }],
    },
    { name: 'Post', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'title', type: 'string' }], relationships: [] },
  ],
});

async function readWith(source: string) {
  const e = createEngine({ model: model(source), dataLayer: { kind: 'memory' }, manualRunner: runner });
  if (!e.ok) throw new Error(e.error.message);
  e.value.load({ Author: [{ id: 1 }, { id: 2 }], Post: [] });
  const started = performance.now();
  const r = await e.value.read({ resource: 'Author', sort: [{ field: 'id' }], load: { m: {} } });
  return { r, ms: performance.now() - started };
}

describe('the size budget of a manual return', () => {
  const over: Array<[string, string, RegExp]> = [
    ['many rows', 'export const load = (rs) => rs.map(() => Array.from({ length: 400000 }, (_, i) => ({ id: i, title: "t" })));', /more than 1,000,000 values/],
    ['a 200 MB string', 'export const load = (rs) => { const s = "x".repeat(100000000); return rs.map(() => [{ id: 1, title: s }]); };', /more than 32,000,000 characters/],
    ['a big binary value', 'export const load = (rs) => rs.map(() => [{ id: 1, title: new Uint8Array(40000000) }]);', /more than 32,000,000 characters/],
    ['a keyed return', 'export const load = (rs) => new Map(rs.map((r) => [r.id, Array.from({ length: 600000 }, (_, i) => ({ id: i }))]));', /more than 1,000,000 values/],
  ];
  for (const [name, source, message] of over) {
    it(`${name}: too_large naming the relationship`, async () => {
      const { r, ms } = await readWith(source);
      expect(r).toMatchObject({ ok: false, error: { code: 'too_large', path: ['Author', 'm'] } });
      expect(r.ok ? '' : r.error.message).toMatch(/^Author\.m: load returned/);
      expect(r.ok ? '' : r.error.message).toMatch(message);
      // Stopped in the sandbox: nothing of that size is copied (the 200 MB copy alone took 5 s).
      expect(ms).toBeLessThan(4000);
    });
  }

  it('rows of ctx.read returned by reference, millions of times: too_large', async () => {
    const e = createEngine({
      model: model(`export async function load(records, opts, ctx) {
  const posts = await ctx.read(ctx.query);
  return records.map(() => posts);
}`),
      dataLayer: { kind: 'memory' },
      manualRunner: runner,
    });
    if (!e.ok) throw new Error(e.error.message);
    e.value.load({ Author: Array.from({ length: 1500 }, (_, i) => ({ id: i + 1 })), Post: Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, title: 't' })) });
    const r = await e.value.read({ resource: 'Author', load: { m: {} } });
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large', path: ['Author', 'm'] } });
    // The same rows by reference within the budget load (1,000 references).
    const small = await e.value.read({ resource: 'Author', filter: 'id == 1', load: { m: {} } });
    expect(small.ok && (small.value.records[0]!.m as unknown[]).length).toBe(1000);
  });

  it('a return within the budget loads', async () => {
    const { r } = await readWith('export const load = (rs) => rs.map((a) => Array.from({ length: 1000 }, (_, i) => ({ id: a.id * 10000 + i, title: "t" })));');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.records.map((a) => (a.m as unknown[]).length)).toEqual([1000, 1000]);
  });
});

import initSqlJs from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine/engine';
import type { Model } from '../core/model/types';
import { createNodeManualRunner } from './manual-runner';

/** Issue 12: values returned by manual code are checked against the destination's attribute types. */
const SQL = await initSqlJs();
const runner = createNodeManualRunner({ timeoutMs: 1500 });
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
    {
      name: 'Post',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'title', type: 'string' }],
      relationships: [{ kind: 'belongs_to', name: 'author', destination: 'Author', attributeType: 'integer' }],
    },
  ],
});

async function readWith(source: string, kind: 'sqlite' | 'memory') {
  const e = createEngine({ model: model(source), dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() }, manualRunner: runner });
  if (!e.ok) throw new Error(e.error.message);
  e.value.load({ Author: [{ id: 1 }], Post: [{ id: 1, title: 't', author_id: 1 }] });
  return e.value.read({ resource: 'Author', load: { m: { load: { author: {} } } } });
}

describe('manual returns are checked against attribute types', () => {
  for (const kind of ['sqlite', 'memory'] as const) {
    it(`BigInt key, cyclic value, NaN and wrong types give manual_invalid_return naming row and field (${kind})`, async () => {
      const cases: Array<[string, RegExp]> = [
        ['export const load = (rs) => rs.map(() => [{ id: 1, title: "a", author_id: 1n }]);', /row 0, field `author_id` is the BigInt/],
        ['export const load = (rs) => rs.map(() => { const t = {}; t.t = t; return [{ id: 1, title: t, author_id: 1 }]; });', /field `title`/],
        ['export const load = (rs) => rs.map(() => [{ id: NaN, title: "a", author_id: 1 }]);', /field `id` is the number NaN/],
        ['export const load = (rs) => rs.map(() => [{ id: 1, title: "a", author_id: 1 }, { id: "2", title: "b", author_id: 1 }]);', /row 1, field `id` is .*not an integer/],
        ['export const load = (rs) => rs.map(() => [{ id: 1, title: 5, author_id: 1 }]);', /field `title` is .*not a string/],
      ];
      for (const [source, message] of cases) {
        const r = await readWith(source, kind);
        expect(r).toMatchObject({ ok: false, error: { code: 'manual_invalid_return', details: { element: 0 } } });
        expect(r.ok ? '' : r.error.message).toMatch(message);
      }
      const good = await readWith('export const load = (rs) => rs.map(() => [{ id: 1, title: "a", author_id: 1 }]);', kind);
      expect(good.ok && good.value.records).toEqual([{ id: 1, m: [{ id: 1, title: 'a', author_id: 1, author: { id: 1 } }] }]);
    });
  }
});

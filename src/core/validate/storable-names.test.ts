import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine';
import type { Model, Resource } from '../model/types';
import { validateModel } from './validate';

/** Issue 12: names no data layer can store are reported, and createEngine refuses them with a code. */
const SQL = await initSqlJs();

const res = (name: string, extra: Partial<Resource> = {}): Resource => ({ name, attributes: [{ name: 'id', type: 'integer', primaryKey: true }], ...extra });
const model = (...resources: Resource[]): Model => ({ format: 'relata/model@1', name: 'Names', resources });

function codes(m: Model): string[] {
  return validateModel(m).filter((d) => d.severity === 'error').map((d) => d.code);
}

describe('names no layer can store', () => {
  it('sqlite_ tables, tables equal ignoring case, control characters and NUL', () => {
    expect(codes(model(res('Meta', { table: 'sqlite_master' })))).toEqual(['unstorable_name']);
    expect(codes(model(res('Meta', { table: 'SQLITE_sequence' })))).toEqual(['unstorable_name']);
    expect(codes(model(res('A', { table: 'posts' }), res('B', { table: 'Posts' })))).toEqual(['unstorable_name']);
    expect(codes(model(res('A', { table: 'po\u0000sts' })))).toEqual(['unstorable_name']);
    expect(codes(model(res('A', { table: 'tab\tle' })))).toEqual(['unstorable_name']);
    expect(codes(model(res('A', { table: '' })))).toContain('unstorable_name');
    const all3 = res('A', { attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'rowid', type: 'integer' }, { name: '_rowid_', type: 'integer' }, { name: 'oid', type: 'integer' }] });
    expect(codes(model(all3))).toEqual(['unstorable_name']);
  });

  it('ordinary names, and odd but storable ones, pass', () => {
    expect(codes(model(res('Post'), res('Comment', { table: 'sqlite' }), res('User', { table: 'user "; DROP TABLE x' })))).toEqual([]);
  });

  it('createEngine returns invalid_model instead of throwing', () => {
    for (const m of [model(res('Meta', { table: 'sqlite_master' })), model(res('A', { table: 'x' }), res('B', { table: 'X' })), model(res('A', { table: 'a\u0000' }))]) {
      for (const kind of ['sqlite', 'memory'] as const) {
        const e = createEngine({ model: m, dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() } });
        expect(e).toMatchObject({ ok: false, error: { code: 'invalid_model' } });
      }
    }
  });
});

import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { fromSqlDdl } from '../import/sql-ddl';
import { normalizeModel } from '../model/normalize';
import type { Model } from '../model/types';
import { TEMPLATES } from '../templates/index';
import { toSql } from './sql';

const SQL = await initSqlJs();

/** What SQL carries: tables, attributes, and belongs_to keys. */
function sqlView(model: Model) {
  return normalizeModel(model).resources.map((r) => ({
    name: r.name,
    table: r.table,
    attributes: r.attributes.map((a) => ({
      name: a.name, type: a.type, primaryKey: a.primaryKey, allowNil: a.allowNil, default: a.default,
      generated: a.generated === 'uuid' ? undefined : a.generated, oneOf: a.constraints?.oneOf,
    })),
    belongsTo: r.relationships.flatMap((rel) =>
      rel.kind === 'belongs_to' ? [{ name: rel.name, destination: rel.destination, sourceAttribute: rel.sourceAttribute, destinationAttribute: rel.destinationAttribute }] : []),
  }));
}

describe('toSql (SQLite) runs in sql.js', () => {
  for (const t of TEMPLATES) {
    it(`${t.name}: creates every table and loads the template data with foreign keys on`, () => {
      const db = new SQL.Database();
      db.exec(toSql(t.model, { dialect: 'sqlite' }));
      const n = normalizeModel(t.model);
      for (const r of n.resources) {
        for (const row of t.data[r.name] ?? []) {
          const cols = Object.keys(row);
          const values = cols.map((c) => {
            const v = row[c];
            return typeof v === 'boolean' ? Number(v) : (v as string | number | null);
          });
          db.run(`INSERT INTO "${r.table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, values);
        }
        const count = db.exec(`SELECT count(*) FROM "${r.table}"`)[0]?.values[0]?.[0];
        expect(count).toBe((t.data[r.name] ?? []).length);
      }
      expect(db.exec('PRAGMA foreign_key_check')).toEqual([]);
      db.close();
    });
  }

  it('rejects a value outside oneOf (CHECK) and a missing NOT NULL value', () => {
    const db = new SQL.Database();
    db.exec(toSql(TEMPLATES[0]!.model, { dialect: 'sqlite' }));
    expect(() => db.run(`INSERT INTO "ticket" ("subject", "status", "reporter_id") VALUES ('x', 'bogus', 1)`)).toThrow(/CHECK/);
    expect(() => db.run(`INSERT INTO "ticket" ("status") VALUES ('open')`)).toThrow(/NOT NULL/);
    db.close();
  });
});

describe('model → SQL → fromSqlDdl', () => {
  for (const t of TEMPLATES) {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      it(`${t.name} (${dialect}): same tables, attributes and belongs_to`, () => {
        const r = fromSqlDdl(toSql(t.model, { dialect }), { dialect, name: t.model.name });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        expect(sqlView(r.value.model)).toEqual(sqlView(t.model));
      });
    }
  }

  it('PostgreSQL output quotes every identifier, including reserved words', () => {
    const model: Model = {
      format: 'relata/model@1', name: 'Shop', resources: [
        { name: 'Order', attributes: [{ name: 'id', type: 'uuid', primaryKey: true, generated: 'uuid' }, { name: 'group', type: 'string' }] },
        { name: 'User', relationships: [{ kind: 'belongs_to', name: 'order', destination: 'Order' }], attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] },
      ],
    };
    const sql = toSql(model, { dialect: 'postgres' });
    expect(sql).toContain('CREATE TABLE "order"');
    expect(sql).toContain('"group" text');
    expect(sql).toContain('REFERENCES "order" ("id")');
    expect(sql).toContain('DEFAULT gen_random_uuid()');
    expect(sql).not.toMatch(/CREATE TABLE [a-z]/);
    const back = fromSqlDdl(sql, { dialect: 'postgres' });
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(back.value.model.resources.map((r) => r.name)).toEqual(['Order', 'User']);
  });

  it('PostgreSQL adds a foreign key to a later table with ALTER TABLE', () => {
    const model: Model = {
      format: 'relata/model@1', name: 'Fwd', resources: [
        { name: 'Post', attributes: [{ name: 'id', type: 'integer', primaryKey: true }], relationships: [{ kind: 'belongs_to', name: 'author', destination: 'Author', attributeType: 'integer' }] },
        { name: 'Author', attributes: [{ name: 'id', type: 'integer', primaryKey: true }] },
      ],
    };
    const sql = toSql(model, { dialect: 'postgres' });
    expect(sql).toContain('ALTER TABLE "post" ADD CONSTRAINT "post_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "author" ("id");');
    const back = fromSqlDdl(sql);
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(sqlView(back.value.model)).toEqual(sqlView(model));
  });
});

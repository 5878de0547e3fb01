/**
 * Every exported DDL runs: the templates and a model made of the cases that used to break (two
 * belongs_to on one key, two resources on one table, a foreign key to a non-unique column, key types
 * that differ, long names that collide, a resource without attributes, `?`/`!` names and keywords,
 * identities, referential actions, sqlType and arrays) on a real PostgreSQL server and in sql.js.
 */
import type pg from 'pg';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, runInFreshSchema } from '../../../test/support/postgres';
import type { Model } from '../model/types';
import { TEMPLATES } from '../templates/index';
import { toSql } from './sql';

const SQL = await initSqlJs();
let client: pg.Client;
beforeAll(async () => {
  client = await connect();
});
afterAll(async () => {
  await client.end();
});

const long = 'a_resource_name_that_goes_on_and_on_well_past_what_postgres_keeps';
const HARD_SQL_MODEL: Model = {
  format: 'relata/model@1', name: 'Hard cases', resources: [
    {
      name: 'User', attributes: [
        { name: 'id', type: 'uuid', primaryKey: true, generated: 'uuid' },
        { name: 'email', type: 'ci_string', allowNil: false },
        { name: 'is_admin?', type: 'boolean', default: false },
        { name: 'select', type: 'string' },
        { name: 'tags', type: 'map', ashType: '{:array, :string}', default: [] },
        { name: 'ip', type: 'string', sqlType: 'inet' },
        { name: 'rating', type: 'string', sqlType: 'public.mpaa_rating' },
        { name: 'code', type: 'string' },
      ],
      identities: [{ name: 'unique_email', keys: ['email'] }, { name: 'unique_code', keys: ['code'] }],
    },
    {
      name: 'Post', attributes: [{ name: 'id', type: 'integer', primaryKey: true, generated: 'increment' }, { name: 'end!', type: 'string' }],
      relationships: [
        { kind: 'belongs_to', name: 'author', destination: 'User', onDelete: 'cascade', onUpdate: 'no_action' },
        { kind: 'belongs_to', name: 'writer', destination: 'User', sourceAttribute: 'author_id', onDelete: 'set_null' },
        { kind: 'belongs_to', name: 'by_code', destination: 'User', sourceAttribute: 'author_code', destinationAttribute: 'code', attributeType: 'string' },
        { kind: 'belongs_to', name: 'by_select', destination: 'User', sourceAttribute: 'sel', destinationAttribute: 'select', attributeType: 'string' },
        { kind: 'belongs_to', name: 'mismatched', destination: 'User', attributeType: 'integer' },
        { kind: 'belongs_to', name: 'later', destination: 'Later', attributeType: 'integer' },
      ],
    },
    { name: 'PostArchive', table: 'post', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'archived_at', type: 'utc_datetime' }] },
    { name: 'Empty' },
    { name: 'Class', attributes: [{ name: 'id', type: 'integer', primaryKey: true }] },
    { name: 'LongOne', table: `${long}_one`, attributes: [{ name: 'id', type: 'integer', primaryKey: true }], relationships: [{ kind: 'belongs_to', name: `${long}_x`, destination: 'Later', attributeType: 'integer' }] },
    { name: 'LongTwo', table: `${long}_two`, attributes: [{ name: 'id', type: 'integer', primaryKey: true }], relationships: [{ kind: 'belongs_to', name: `${long}_x`, destination: 'Later', attributeType: 'integer' }] },
    { name: 'Later', attributes: [{ name: 'id', type: 'integer', primaryKey: true }] },
  ],
};

describe('exported DDL runs on PostgreSQL and SQLite', () => {
  const models = [...TEMPLATES.map((t) => t.model), HARD_SQL_MODEL];
  for (const model of models) {
    it(`${model.name}: PostgreSQL executes it`, async () => {
      expect(await runInFreshSchema(client, toSql(model, { dialect: 'postgres' }), model.name)).toBeUndefined();
    });
    it(`${model.name}: SQLite executes it`, () => {
      const db = new SQL.Database();
      try {
        db.exec(toSql(model, { dialect: 'sqlite' }));
        expect(db.exec('PRAGMA foreign_key_check')).toEqual([]);
      } finally {
        db.close();
      }
    });
  }

  it('writes identities, referential actions, sqlType and arrays, and comments out what is not a key', () => {
    const sql = toSql(HARD_SQL_MODEL, { dialect: 'postgres' });
    expect(sql).toContain('CONSTRAINT "user_unique_email_index" UNIQUE ("email")');
    expect(sql).toContain('FOREIGN KEY ("author_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION');
    expect(sql.match(/FOREIGN KEY \("author_id"\)/g)).toHaveLength(1);
    expect(sql).toContain(`REFERENCES "user" ("code")`);
    expect(sql).toContain('"ip" inet');
    expect(sql).toContain('"rating" text');
    expect(sql).toContain(`"tags" text[] DEFAULT '{}'`);
    expect(sql).toContain('"is_admin?" boolean');
    expect(sql).toMatch(/-- Post\.by_select: no foreign key .*not unique/);
    expect(sql).toMatch(/-- Post\.mismatched: no foreign key .*bigint and uuid differ/);
    expect(sql.match(/CREATE TABLE "post"/g)).toHaveLength(1);
    expect(sql).toContain('"archived_at" timestamptz');
    const indexNames = [...sql.matchAll(/CREATE INDEX "([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(new Set(indexNames).size).toBe(indexNames.length);
    for (const n of indexNames) expect(new TextEncoder().encode(n).length).toBeLessThanOrEqual(63);
  });

  it('SQLite: a resource without attributes gets a placeholder column', () => {
    expect(toSql(HARD_SQL_MODEL, { dialect: 'sqlite' })).toContain('CREATE TABLE "empty" (\n  "relata_no_attributes" INTEGER\n);');
  });

  it('the foreign keys that are written hold: cascade deletes, a wrong key is refused', async () => {
    const sql = `${toSql(HARD_SQL_MODEL, { dialect: 'postgres' })}
      INSERT INTO "user" ("id", "email", "code") VALUES ('00000000-0000-0000-0000-000000000001', 'a@b', 'c1');
      INSERT INTO "post" ("author_id", "author_code") VALUES ('00000000-0000-0000-0000-000000000001', 'c1');
      DELETE FROM "user";
      DO $$ BEGIN IF (SELECT count(*) FROM "post") <> 0 THEN RAISE EXCEPTION 'cascade did not run'; END IF; END $$;
      INSERT INTO "post" ("author_code") VALUES ('nope');`;
    expect(await runInFreshSchema(client, sql, 'fk')).toMatch(/violates foreign key constraint/);
  });
});

import { describe, expect, it } from 'vitest';
import { importFiles } from './index';
import { fromSqlDdl, sqlDialectOf } from './sql-ddl';

describe('fromSqlDdl', () => {
  it('reads a hand-written PostgreSQL schema: enums, serials, ALTER TABLE keys, join tables', () => {
    const sql = `
CREATE TYPE ticket_status AS ENUM ('new', 'open', 'closed');
CREATE TABLE public.users (id bigserial PRIMARY KEY, email citext NOT NULL UNIQUE);
CREATE TABLE tickets (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  status ticket_status NOT NULL DEFAULT 'open'::ticket_status,
  reporter_id bigint REFERENCES users (id) ON DELETE CASCADE,
  assignee_id bigint,
  created_at timestamp(0) without time zone DEFAULT now(),
  CONSTRAINT tickets_pkey PRIMARY KEY (id)
);
ALTER TABLE ONLY tickets ADD CONSTRAINT tickets_assignee_fkey FOREIGN KEY (assignee_id) REFERENCES users(id);
CREATE TABLE tags (id serial PRIMARY KEY, name varchar(40) NOT NULL);
CREATE TABLE ticket_tags (
  ticket_id uuid NOT NULL REFERENCES tickets,
  tag_id integer NOT NULL REFERENCES tags,
  PRIMARY KEY (ticket_id, tag_id)
);
CREATE INDEX tickets_reporter ON tickets (reporter_id);`;
    const r = fromSqlDdl(sql, { dialect: 'postgres', name: 'Helpdesk' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const [user, ticket, tag, join] = r.value.model.resources;
    expect(user).toEqual({ name: 'User', table: 'users', attributes: [
      { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
      { name: 'email', type: 'ci_string', allowNil: false },
    ], identities: [{ name: 'unique_email', keys: ['email'] }] });
    expect(ticket?.attributes).toEqual([
      { name: 'id', type: 'uuid', primaryKey: true, generated: 'uuid' },
      { name: 'status', type: 'atom', allowNil: false, default: 'open', constraints: { oneOf: ['new', 'open', 'closed'] }, sqlType: 'ticket_status' },
      { name: 'created_at', type: 'utc_datetime', generated: 'now' },
    ]);
    expect(ticket?.relationships).toEqual([
      { kind: 'belongs_to', name: 'reporter', destination: 'User', attributeType: 'integer', onDelete: 'cascade' },
      { kind: 'belongs_to', name: 'assignee', destination: 'User', attributeType: 'integer' },
      { kind: 'many_to_many', name: 'tags', destination: 'Tag', through: 'TicketTag' },
    ]);
    expect(tag?.relationships).toEqual([{ kind: 'many_to_many', name: 'tickets', destination: 'Ticket', through: 'TicketTag' }]);
    expect(join?.relationships?.map((x) => x.name)).toEqual(['ticket', 'tag']);
    // Two keys to users: both inverses are offered, with distinct names.
    expect(r.value.suggestions.map((s) => `${s.resource}.${s.relationship.name}`)).toEqual(['User.reporter_tickets', 'User.assignee_tickets']);
  });

  it('reads SQLite: INTEGER PRIMARY KEY AUTOINCREMENT, COLLATE NOCASE, CHECK IN, backticks', () => {
    const r = fromSqlDdl("CREATE TABLE `post` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT COLLATE NOCASE NOT NULL, state TEXT CHECK (state IN ('draft','live')) DEFAULT 'draft', score REAL DEFAULT -1.5, flag BOOLEAN DEFAULT 0, raw);", { dialect: 'sqlite' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.model.resources[0]?.attributes).toEqual([
      { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
      { name: 'title', type: 'ci_string', allowNil: false },
      { name: 'state', type: 'atom', default: 'draft', constraints: { oneOf: ['draft', 'live'] } },
      { name: 'score', type: 'float', default: -1.5 },
      { name: 'flag', type: 'boolean', default: false },
      { name: 'raw', type: 'string' },
    ]);
  });

  it('never fails as a whole: what it cannot carry is a warning with its line, the rest imports', () => {
    const sql = `CREATE TABLE a (
  id integer PRIMARY KEY,
  pic geometry(Point, 4326),
  weird WHATEVER THIS IS
);
CREATE TABLE b (id integer PRIMARY KEY, a_id integer REFERENCES missing (id));
CREATE TABLE broken (;`;
    const r = fromSqlDdl(sql);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.model.resources.map((x) => x.name)).toEqual(['A', 'B']);
    expect(r.value.model.resources[0]?.attributes?.map((x) => [x.name, x.type, x.sqlType])).toEqual([
      ['id', 'integer', undefined], ['pic', 'string', 'geometry(Point,4326)'], ['weird', 'string', 'WHATEVER THIS IS'],
    ]);
    expect(r.value.model.resources[1]?.attributes?.map((x) => x.name)).toEqual(['id', 'a_id']);
    expect(r.value.warnings.map((w) => w.line)).toEqual([3, 4, 6, 7]);
    expect(r.value.warnings[2]?.message).toBe('Foreign key b.a_id references missing, which is not in the input; the column is kept as an attribute');
  });

  it('fails only when no table can be read, with every problem and its line', () => {
    const none = fromSqlDdl('SELECT 1;');
    expect(none.ok ? '' : none.error.problems[0]?.message).toBe('No CREATE TABLE statement found');
    const unterminated = fromSqlDdl("CREATE TABLE a (\n  s text DEFAULT 'oops\n);");
    expect(unterminated.ok).toBe(false);
    if (unterminated.ok) return;
    expect(unterminated.error.problems.map((p) => p.line)).toEqual([1, 2]);
    expect(unterminated.error.problems.map((p) => p.message)).toContain('No table could be imported');
    const bad = fromSqlDdl('CREATE TABLE ok (id integer);\n\nCREATE TABLE broken (id integer PRIMARY KEY,, x text);');
    expect(bad.ok ? bad.value.model.resources.map((x) => x.name) : []).toEqual(['Ok', 'Broken']);
    expect(bad.ok ? bad.value.warnings.map((w) => w.line) : []).toEqual([3]);
  });

  it('several files: each split on its own (no statement runs into the next file), warnings name file and line', () => {
    const r = importFiles([
      { path: 'a.sql', text: "CREATE TABLE authors (id int PRIMARY KEY)\n" },
      { path: 'b.sql', text: "-- posts\nCREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES authors ON DELETE CASCADE);\nCREATE TABLE bad (s text DEFAULT 'oops);\n" },
      { path: 'c.sql', text: 'CREATE VIEW v AS SELECT 1;\nCREATE TABLE tags (id int PRIMARY KEY);' },
    ], 'postgres');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.model.resources.map((x) => x.name)).toEqual(['Author', 'Post', 'Tag']);
    expect(r.value.model.resources[1]?.relationships?.[0]).toMatchObject({ name: 'author', destination: 'Author', onDelete: 'cascade' });
    expect(r.value.warnings.map((w) => [w.file, w.line])).toEqual([['b.sql', 3], ['c.sql', 1]]);
    const none = importFiles([{ path: 'x.sql', text: 'SELECT 1;' }, { path: 'y.sql', text: '\nCREATE VIEW v AS SELECT 2;' }], 'mysql');
    expect(none.ok ? [] : none.error.problems.map((p) => [p.file, p.line])).toEqual([['x.sql', 1], ['y.sql', 2]]);
  });

  it('guesses a dump\'s dialect from its name and text', () => {
    expect(sqlDialectOf('CREATE TABLE t (id int);', 'Chinook_MySql.sql')).toBe('mysql');
    expect(sqlDialectOf('CREATE TABLE t (id int);', 'db/structure.sql')).toBe('postgres');
    expect(sqlDialectOf('-- MySQL dump 10.13\nCREATE TABLE `t` (`id` int);')).toBe('mysql');
    expect(sqlDialectOf('CREATE TABLE `t` (`id` bigint(20) unsigned NOT NULL AUTO_INCREMENT) ENGINE=InnoDB;')).toBe('mysql');
    expect(sqlDialectOf("--\n-- PostgreSQL database dump\n--\nSET x = 1;")).toBe('postgres');
    expect(sqlDialectOf("CREATE TABLE t (s text DEFAULT 'a'::text);")).toBe('postgres');
    expect(sqlDialectOf('CREATE TABLE [t] ([id] INTEGER PRIMARY KEY);')).toBe('sqlite');
  });
});

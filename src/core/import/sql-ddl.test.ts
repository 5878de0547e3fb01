import { describe, expect, it } from 'vitest';
import { fromSqlDdl } from './sql-ddl';

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
    ] });
    expect(ticket?.attributes).toEqual([
      { name: 'id', type: 'uuid', primaryKey: true, generated: 'uuid' },
      { name: 'status', type: 'atom', allowNil: false, default: 'open', constraints: { oneOf: ['new', 'open', 'closed'] } },
      { name: 'created_at', type: 'utc_datetime', generated: 'now' },
    ]);
    expect(ticket?.relationships).toEqual([
      { kind: 'belongs_to', name: 'reporter', destination: 'User', attributeType: 'integer' },
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

  it('lists every problem with its line and returns no model', () => {
    const sql = `CREATE TABLE a (
  id integer PRIMARY KEY,
  pic bytea,
  tags text[]
);
CREATE TABLE b (id integer PRIMARY KEY, a_id integer REFERENCES missing (id));`;
    const r = fromSqlDdl(sql);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.problems).toEqual([
      { line: 3, message: 'a.pic: unsupported column type BYTEA' },
      { line: 4, message: 'a.tags: array columns have no attribute type here' },
      { line: 6, message: 'Foreign key b.a_id references unknown table missing' },
    ]);
    expect('value' in r).toBe(false);
  });

  it('reports syntax errors with their line, and an input without tables', () => {
    const bad = fromSqlDdl('CREATE TABLE ok (id integer);\n\nCREATE TABLE broken (id integer PRIMARY KEY,, x text);');
    expect(bad.ok ? [] : bad.error.problems.map((p) => p.line)).toEqual([3]);
    const none = fromSqlDdl('SELECT 1;');
    expect(none.ok ? '' : none.error.problems[0]?.message).toBe('No CREATE TABLE statement found');
    const unterminated = fromSqlDdl("CREATE TABLE a (\n  s text DEFAULT 'oops\n);");
    expect(unterminated.ok ? 0 : unterminated.error.problems[0]?.line).toBe(2);
  });
});

/**
 * `relata preview` against the run's real PostgreSQL server (test/support/postgres-global-setup.ts):
 * a database of its own with tables made by hand, a nested query, read-only refusal.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, postgresUrl } from '../../test/support/postgres';
import { runCli } from './relata';

const tmp = mkdtempSync(join(tmpdir(), 'relata-preview-'));
const db = `preview_${process.pid}`;
let url = '';

const model = {
  format: 'relata/model@1',
  name: 'Library',
  resources: [
    {
      name: 'Author',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'string' }],
      relationships: [{ kind: 'has_many', name: 'books', destination: 'Book', sort: [{ field: 'title' }] }],
    },
    {
      name: 'Book',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'title', type: 'string' }],
      relationships: [{ kind: 'belongs_to', name: 'author', destination: 'Author', attributeType: 'integer' }],
    },
  ],
};

beforeAll(async () => {
  const admin = await connect();
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  url = postgresUrl().replace(/\/[^/]*$/, `/${db}`);
  const c = await connect(url);
  await c.query('CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL)');
  await c.query('CREATE TABLE book (id integer PRIMARY KEY, title text, author_id integer REFERENCES author (id))');
  await c.query(`INSERT INTO author VALUES (1, 'Le Guin'), (2, 'Jemisin')`);
  await c.query(`INSERT INTO book VALUES (1, 'The Dispossessed', 1), (2, 'A Wizard of Earthsea', 1), (3, 'The Fifth Season', 2)`);
  await c.end();
  writeFileSync(join(tmp, 'model.json'), JSON.stringify(model));
  writeFileSync(join(tmp, 'query.json'), JSON.stringify({ resource: 'Author', filter: 'exists(books, title == "The Dispossessed")', load: { books: { select: ['title'] } } }));
});

afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  const admin = await connect();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
});

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd: tmp, stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

describe('relata preview --database', () => {
  it('prints the nested records from the existing tables and the SQL of each hop', async () => {
    const r = await cli('preview', 'model.json', '--query', 'query.json', '--database', url);
    expect(r.stderr).toContain('Author.books@1');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { id: 1, name: 'Le Guin', books: [{ id: 2, title: 'A Wizard of Earthsea' }, { id: 1, title: 'The Dispossessed' }] },
    ]);
    expect(r.stderr).toMatch(/-- root: 1 row\(s\) in [\d.]+ ms\nSELECT .*EXISTS/);
    expect(r.stderr).toContain('= ANY($1::bigint[])');
  });

  it('fails with a message on a bad URL or missing options', async () => {
    expect((await cli('preview', 'model.json', '--query', 'query.json')).code).toBe(2);
    const bad = await cli('preview', 'model.json', '--query', 'query.json', '--database', url.replace(db, 'no_such_db'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('cannot connect');
  });
});

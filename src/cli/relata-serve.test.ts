/**
 * `relata serve`: the local bridge on the run's real PostgreSQL server
 * (test/support/postgres-global-setup.ts): a read over HTTP, and the guards (foreign Origin, foreign
 * Host, writes refused without --allow-writes, no raw SQL endpoint).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, postgresUrl } from '../../test/support/postgres';
import { bridgeAction, bridgeRead, bridgeUrl, connectBridge } from '../client/bridge-client';
import { runCli } from './relata';
import { localOrigin, startBridge } from './relata-serve';
import type { Bridge } from './relata-serve';

const db = `serve_${process.pid}`;
let bridge: Bridge;

const model = {
  format: 'relata/model@1',
  name: 'Library',
  resources: [
    {
      name: 'Author',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'string' }],
      relationships: [{ kind: 'has_many', name: 'books', destination: 'Book', sort: [{ field: 'title' }] }],
      actions: [{ type: 'create', name: 'create', accept: ['id', 'name'] }],
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
  const url = postgresUrl().replace(/\/[^/]*$/, `/${db}`);
  const c = await connect(url);
  await c.query('CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL)');
  await c.query('CREATE TABLE book (id integer PRIMARY KEY, title text, author_id integer REFERENCES author (id))');
  await c.query(`INSERT INTO author VALUES (1, 'Le Guin'), (2, 'Jemisin')`);
  await c.query(`INSERT INTO book VALUES (1, 'The Dispossessed', 1), (2, 'A Wizard of Earthsea', 1), (3, 'The Fifth Season', 2)`);
  await c.end();
  bridge = await startBridge({ url, port: 0, timeoutMs: 5000 });
});

afterAll(async () => {
  await bridge?.close();
  const admin = await connect();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
});

/** A raw HTTP call (fetch may not set Host). */
function call(path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; json: { ok: boolean; value?: unknown; error?: { code: string; message: string } }; allow: string | undefined }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? '' : JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port: bridge.port, path, method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') as never, allow: res.headers['access-control-allow-origin'] as string | undefined }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('relata serve (the local bridge)', () => {
  it('answers a read from the app on localhost with the nested records and the per-hop SQL', async () => {
    const r = await call('/read', { model, request: { resource: 'Author', sort: [{ field: 'id' }], load: { books: { select: ['title'] } } } }, { origin: 'http://localhost:5173' });
    expect(r.status).toBe(200);
    expect(r.allow).toBe('http://localhost:5173');
    expect(r.json.ok).toBe(true);
    const value = r.json.value as { records: unknown[]; statements: { sql: string }[] };
    expect(value.records).toEqual([
      { id: 1, name: 'Le Guin', books: [{ id: 2, title: 'A Wizard of Earthsea' }, { id: 1, title: 'The Dispossessed' }] },
      { id: 2, name: 'Jemisin', books: [{ id: 3, title: 'The Fifth Season' }] },
    ]);
    expect(value.statements.some((s) => s.sql.includes('= ANY($1::bigint[])'))).toBe(true);
  });

  it('refuses a foreign Origin and a foreign Host (DNS rebinding)', async () => {
    const foreign = await call('/read', { model, request: { resource: 'Author' } }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.allow).toBeUndefined();
    expect(foreign.json.error?.message).toContain('evil.example');
    const rebound = await call('/read', { model, request: { resource: 'Author' } }, { host: `evil.example:${bridge.port}` });
    expect(rebound.status).toBe(403);
    expect(localOrigin('http://127.0.0.1:4173')).toBe(true);
    expect(localOrigin('http://localhost.evil.example')).toBe(false);
  });

  it('takes only the engine requests: writes refused read-only, no SQL endpoint, coded errors', async () => {
    const write = await call('/action', { model, request: { resource: 'Author', action: 'create', input: { id: 3, name: 'Butler' } } });
    expect(write.json.ok).toBe(false);
    expect(write.json.error?.message).toMatch(/read-only/);
    const after = await call('/read', { model, request: { resource: 'Author' } });
    expect((after.json.value as { records: unknown[] }).records).toHaveLength(2);
    expect((await call('/sql', { sql: 'DROP TABLE author' })).status).toBe(404);
    const bad = await call('/read', { model, request: { resource: 'Nope' } });
    expect(bad.json).toMatchObject({ ok: false, error: { code: expect.any(String) } });
    const health = await call('/health', undefined, {}, 'GET');
    expect(health.json).toEqual({ ok: true, value: { readOnly: true, flavor: 'postgres' } });
  });

  it('the bridge client of the app reads through it (hops and timings as the worker gives them)', async () => {
    const url = bridgeUrl(String(bridge.port))!;
    expect(url).toBe(`http://127.0.0.1:${bridge.port}`);
    expect(bridgeUrl('evil.example:80')).toBeNull();
    const info = await connectBridge(url);
    expect(info).toEqual({ ok: true, value: { url, readOnly: true } });
    const read = await bridgeRead(url, 7, model as never, { resource: 'Author', filter: 'id == 2', load: { books: {} } });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value).toMatchObject({ engine: 'postgres', version: 7, records: [{ id: 2, name: 'Jemisin', books: [{ id: 3, title: 'The Fifth Season' }] }] });
    expect(read.value.hops.map((h) => [h.path, h.statements])).toEqual([['root', 1], ['Author.books', 1]]);
    const write = await bridgeAction(url, model as never, { resource: 'Author', action: 'create', input: { id: 3, name: 'Butler' } }, 0, {});
    expect(write.ok ? null : write.error.message).toMatch(/read-only/);
    const gone = await connectBridge('http://127.0.0.1:1');
    expect(gone.ok ? null : gone.error.code).toBe('internal_error');
  });

  it('with --allow-writes an action writes to the server in a transaction', async () => {
    const url = postgresUrl().replace(/\/[^/]*$/, `/${db}`);
    const writer = await startBridge({ url, port: 0, allowWrites: true });
    try {
      const base = `http://127.0.0.1:${writer.port}`;
      expect(await connectBridge(base)).toEqual({ ok: true, value: { url: base, readOnly: false } });
      const made = await bridgeAction(base, model as never, { resource: 'Author', action: 'create', input: { id: 3, name: 'Butler' } }, 0, {});
      if (!made.ok) throw new Error(made.error.message);
      expect(made.value.record).toMatchObject({ id: 3, name: 'Butler' });
      expect(made.value.statements.map((s) => s.sql).join('\n')).toMatch(/INSERT INTO "author"/);
      const read = await bridgeRead(base, 1, model as never, { resource: 'Author', filter: 'id == 3' });
      expect(read.ok && read.value.records).toEqual([{ id: 3, name: 'Butler' }]);
    } finally {
      await writer.close();
      const c = await connect(url);
      await c.query('DELETE FROM author WHERE id = 3');
      await c.end();
    }
  });

  it('the CLI needs --database', async () => {
    let stderr = '';
    const code = await runCli(['serve'], { cwd: '.', stdout: () => undefined, stderr: (s) => { stderr += s; } });
    expect(code).toBe(2);
    expect(stderr).toContain('serve needs --database');
  });
});

import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../core/index';
import type { QueryRequest } from '../core/index';
import { createInProcessEngineClient } from '../client/engine-client';
import { openPglite } from '../node/postgres-drivers';
import { createNodeManualRunner } from '../node/manual-runner';
import { createEngineHost } from './engine-host';
import type { PgHandle } from './pg-mirror';

const SQL = await initSqlJs();
const tpl = getTemplate('helpdesk');
const runner = createNodeManualRunner({ timeoutMs: 5000 });
afterAll(() => runner.dispose());

/** One PGlite for the file (it takes a second or two to start); each host reloads its mirror into a fresh schema. */
let lite: Awaited<ReturnType<typeof openPglite>>;
// Starting PGlite takes a few seconds (tens on a loaded machine); once for the file.
beforeAll(async () => {
  lite = await openPglite();
}, 120_000);
afterAll(async () => lite.close());
const handle = async (): Promise<PgHandle> => ({ driver: lite.driver, close: async () => undefined });

function client(openPostgres: () => Promise<PgHandle> = handle) {
  return createInProcessEngineClient(createEngineHost({ SQL, manualRunner: runner, openPostgres }));
}

const nested: QueryRequest = { resource: 'Representative', sort: [{ field: 'id' }], load: { tickets_above_threshold: { sort: [{ field: 'id' }], load: { comments: { sort: [{ field: 'id' }] } } } } };

describe('engine host on PostgreSQL (PGlite)', () => {
  it('previews the same nested records on both engines, with PostgreSQL SQL on pglite', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    expect((await c.generate({ counts: { User: 20, Representative: 4, Ticket: 80, Comment: 200 }, seed: 5 })).ok).toBe(true);
    const onSqlite = await c.read(1, nested);
    if (!onSqlite.ok) throw new Error(onSqlite.error.message);
    expect(onSqlite.value.engine).toBe('sqlite');

    const chosen = await c.setEngine('pglite');
    expect(chosen.ok && chosen.value.engine).toBe('pglite');
    const onPg = await c.read(1, nested);
    if (!onPg.ok) throw new Error(onPg.error.message);
    expect(onPg.value.engine).toBe('pglite');
    expect(onPg.value.records).toEqual(onSqlite.value.records);
    expect(onPg.value.records.some((r) => (r.tickets_above_threshold as unknown[]).length > 0)).toBe(true);
    expect(onPg.value.statements.some((s) => s.sql.includes('= ANY($1'))).toBe(true);
    expect(onSqlite.value.statements.some((s) => s.sql.includes('= ANY($1'))).toBe(false);

    // A grid edit reaches the mirror: the next PostgreSQL read sees it.
    const page = await c.rows('Representative', 0, 1);
    const edited = await c.editRow({ kind: 'update', resource: 'Representative', index: 0, row: { ...page.rows[0]!, name: 'Zed Edited' } });
    expect(edited.ok).toBe(true);
    const again = await c.read(1, { resource: 'Representative', filter: 'name == "Zed Edited"' });
    expect(again.ok ? again.value.records.map((r) => r.name) : again.error).toEqual(['Zed Edited']);

    // Back to SQLite: always possible, same records.
    expect((await c.setEngine('sqlite')).ok).toBe(true);
    const back = await c.read(1, nested);
    expect(back.ok && back.value.engine).toBe('sqlite');
    c.dispose();
  });

  it('runs actions on PGlite in a transaction and writes their rows back to the store', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    expect((await c.importData(tpl.data)).ok).toBe(true);
    expect((await c.setEngine('pglite')).ok).toBe(true);
    const opened = await c.runAction({ resource: 'Ticket', action: 'open', input: { subject: 'No power', reporter_id: 2 } });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.engine).toBe('pglite');
    expect(opened.value.record).toMatchObject({ id: 5, subject: 'No power', status: 'new', reporter_id: 2 });
    expect(opened.value.statements.map((s) => s.sql).join('\n')).toMatch(/INSERT INTO "ticket" .*VALUES \(\$1/);
    expect(opened.value.counts.Ticket).toBe(5);
    const assigned = await c.runAction({ resource: 'Ticket', action: 'assign', primaryKey: 5, input: { representative_id: 2 } });
    expect(assigned.ok).toBe(true);
    const closed = await c.runAction({ resource: 'Ticket', action: 'close', primaryKey: 5 });
    expect(closed.ok && closed.value.record).toMatchObject({ status: 'closed', representative_id: 2 });

    // The grid (the store), a PostgreSQL preview and a SQLite preview all agree.
    const grid = await c.rows('Ticket', 0, 10);
    expect(grid.rows.at(-1)).toMatchObject({ id: 5, status: 'closed', reporter_id: 2, representative_id: 2 });
    const q: QueryRequest = { resource: 'Representative', filter: 'id == 2', aggregates: ['ticket_count'], load: { tickets: { sort: [{ field: 'id' }] } } };
    const pg = await c.read(1, q);
    expect((await c.setEngine('sqlite')).ok).toBe(true);
    const lite = await c.read(1, q);
    if (!pg.ok || !lite.ok) throw new Error('read failed');
    expect(pg.value.records).toEqual(lite.value.records);
    expect(pg.value.records[0]).toMatchObject({ id: 2, ticket_count: 2 });

    // A refused action (required relationship) changes nothing on either side.
    expect((await c.setEngine('pglite')).ok).toBe(true);
    const missing = await c.runAction({ resource: 'Ticket', action: 'open', input: { subject: 'x' } });
    expect(missing.ok ? null : missing.error.code).toBe('required');
    expect((await c.counts()).Ticket).toBe(5);
    // A destroy is written back too.
    const destroyed = await c.runAction({ resource: 'Ticket', action: 'destroy', primaryKey: 5 });
    expect(destroyed.ok ? destroyed.value.changes.map((ch) => ch.after) : destroyed.error).toEqual([null]);
    expect((await c.counts()).Ticket).toBe(4);
    const gone = await c.read(1, { resource: 'Ticket', filter: 'id == 5' });
    expect(gone.ok && gone.value.records).toEqual([]);
    c.dispose();
  });

  it('reports PGlite failing to load as a coded error and stays on SQLite', async () => {
    const c = client(() => Promise.reject(new Error('wasm fetch failed')));
    await c.setModel(1, tpl.model);
    expect((await c.importData(tpl.data)).ok).toBe(true);
    const chosen = await c.setEngine('pglite');
    expect(chosen.ok ? null : chosen.error).toMatchObject({ code: 'internal_error', message: expect.stringContaining('wasm fetch failed') });
    const read = await c.read(1, { resource: 'Ticket' });
    expect(read.ok && read.value.engine).toBe('sqlite');
    expect(read.ok && read.value.records).toHaveLength(4);
    c.dispose();
  });

  it('gives up on a PGlite that never finishes loading (timeout), staying on SQLite', async () => {
    const c = createInProcessEngineClient(createEngineHost({ SQL, openPostgres: () => new Promise<PgHandle>(() => undefined), openPostgresTimeoutMs: 50 }));
    await c.setModel(1, tpl.model);
    const chosen = await c.setEngine('pglite');
    expect(chosen.ok ? null : chosen.error.code).toBe('timeout');
    const read = await c.read(1, { resource: 'Ticket' });
    expect(read.ok && read.value.engine).toBe('sqlite');
    c.dispose();
  });

  it('reports a statement PostgreSQL rejects as a coded error; SQLite still answers', async () => {
    const failing = async (): Promise<PgHandle> => {
      const { driver } = lite;
      return {
        close: async () => undefined,
        driver: { flavor: 'pglite', query: (sql, params) => (/FROM "comment"/.test(sql) ? Promise.reject(new Error('relation "comment" is broken')) : driver.query(sql, params)) },
      };
    };
    const c = client(failing);
    await c.setModel(1, tpl.model);
    expect((await c.importData(tpl.data)).ok).toBe(true);
    expect((await c.setEngine('pglite')).ok).toBe(true);
    const read = await c.read(1, { resource: 'Ticket', load: { comments: {} } });
    expect(read.ok ? null : read.error).toMatchObject({ code: 'invalid_query', message: expect.stringContaining('relation "comment" is broken') });
    expect((await c.setEngine('sqlite')).ok).toBe(true);
    const back = await c.read(1, { resource: 'Ticket', load: { comments: {} } });
    expect(back.ok).toBe(true);
    c.dispose();
  });
});

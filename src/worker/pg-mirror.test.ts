import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRowStore, getTemplate, normalizeModel } from '../core/index';
import { openPglite } from '../node/postgres-drivers';
import { createPgMirror, writeBack } from './pg-mirror';

const SQL = await initSqlJs();
const tpl = getTemplate('helpdesk');
let lite: Awaited<ReturnType<typeof openPglite>>;
beforeAll(async () => {
  lite = await openPglite();
}, 120_000);
afterAll(async () => lite.close());

describe('the PGlite mirror of the row store', () => {
  it('reloads only when the model or the data version moved, or after invalidate', async () => {
    const mirror = createPgMirror({ driver: lite.driver, close: async () => undefined });
    const json = JSON.stringify(tpl.model);
    let reads = 0;
    const data = () => {
      reads++;
      return tpl.data;
    };
    const first = await mirror.engineFor(tpl.model, json, 1, data);
    expect(first.ok).toBe(true);
    expect((await mirror.engineFor(tpl.model, json, 1, data)).ok).toBe(true);
    expect([mirror.loads, reads]).toEqual([1, 1]);
    await mirror.engineFor(tpl.model, json, 2, data);
    expect(mirror.loads).toBe(2);
    mirror.markSynced(json, 3);
    await mirror.engineFor(tpl.model, json, 3, data);
    expect(mirror.loads).toBe(2);
    mirror.invalidate();
    const again = await mirror.engineFor(tpl.model, json, 3, data);
    expect(mirror.loads).toBe(3);
    if (!again.ok) throw new Error(again.error.message);
    const read = await again.value.read({ resource: 'Ticket' });
    expect(read.ok && read.value.records).toHaveLength(tpl.data.Ticket!.length);
  });

  it('a model change drops the tables of the earlier model (fresh schema)', async () => {
    const mirror = createPgMirror({ driver: lite.driver, close: async () => undefined });
    await mirror.engineFor(tpl.model, JSON.stringify(tpl.model), 1, () => tpl.data);
    const renamed = { ...tpl.model, resources: tpl.model.resources.map((r) => (r.name === 'Comment' ? { ...r, table: 'remark' } : r)) };
    const on = await mirror.engineFor(renamed, JSON.stringify(renamed), 1, () => tpl.data);
    expect(on.ok).toBe(true);
    const tables = await lite.driver.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
    expect(tables.flat()).toContain('remark');
    expect(tables.flat()).not.toContain('comment');
  });

  it('writes changes back all or nothing: a missing row leaves the store as it was', () => {
    const db = new SQL.Database();
    const normalized = normalizeModel(tpl.model);
    const store = new SqliteRowStore(db, normalized);
    expect(store.replaceAll(normalized, tpl.data).ok).toBe(true);
    const ok = writeBack(db, store, [
      { resource: 'Ticket', before: null, after: { id: 9, subject: 'New', status: 'new', priority: 1, reporter_id: 1, representative_id: null } },
      { resource: 'Ticket', before: { id: 2 }, after: { ...store.rows('Ticket')[1]!, status: 'closed' } },
    ]);
    expect(ok.ok).toBe(true);
    expect(store.rows('Ticket').map((r) => [r.id, r.status])).toContainEqual([2, 'closed']);
    expect(store.count('Ticket')).toBe(tpl.data.Ticket!.length + 1);
    const refused = writeBack(db, store, [
      { resource: 'Ticket', before: { id: 9 }, after: null },
      { resource: 'Ticket', before: { id: 404 }, after: null },
    ]);
    expect(refused.ok ? null : refused.error.code).toBe('not_found');
    expect(store.count('Ticket')).toBe(tpl.data.Ticket!.length + 1);
    db.close();
  });
});

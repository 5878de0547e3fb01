import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { applyOps, getTemplate } from '../core/index';
import { createInProcessEngineClient } from '../client/engine-client';
import { createEngineHost } from './engine-host';

const SQL = await initSqlJs();
const tpl = getTemplate('helpdesk');

function client() {
  return createInProcessEngineClient(createEngineHost({ SQL }));
}

describe('engine host (in-process client)', () => {
  it('generates data, previews a three-level load with one statement per hop', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    const progress: number[] = [];
    const gen = await c.generate({ counts: { User: 50, Representative: 5, Ticket: 300, Comment: 900 }, seed: 3 }, (p) => progress.push(p.done));
    expect(gen.ok && gen.value.kind).toBe('done');
    expect(progress.at(-1)).toBe(1255);
    const read = await c.readTimed(1, { resource: 'Representative', load: { tickets: { load: { comments: {} } } } });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.hops.map((h) => [h.path, h.statements])).toEqual([['root', 1], ['Representative.tickets', 1], ['Representative.tickets.comments', 1]]);
    expect(read.value.hops[2]!.rows).toBeGreaterThan(0);
    expect(read.value.records).toHaveLength(5);
  });

  it('keeps values across an attribute rename and reflects row edits in previews', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    expect((await c.importData(tpl.data)).ok).toBe(true);
    const subject = tpl.model.resources.find((r) => r.name === 'Ticket')!.attributes!.find((a) => a.name === 'subject')!;
    const edited = applyOps({ model: tpl.model, layout: { positions: {} } }, [{ kind: 'updateAttribute', resource: 'Ticket', name: 'subject', attribute: { ...subject, name: 'title' } }]);
    if (!edited.ok) throw new Error(edited.error.message);
    const status = await c.setModel(2, edited.value.document.model);
    expect(status.changes).toContainEqual({ kind: 'renameAttribute', resource: 'Ticket', from: 'subject', to: 'title' });
    const page = await c.rows('Ticket', 0, 10);
    expect(page.rows[0]!.title).toBe('Printer on fire');

    const upd = await c.editRow({ kind: 'update', resource: 'Ticket', index: 0, row: { ...page.rows[0], title: 'Printer fixed' } });
    expect(upd.ok).toBe(true);
    const read = await c.read(2, { resource: 'Ticket', filter: 'id == 1' });
    expect(read.ok && read.value.records[0]!.title).toBe('Printer fixed');

    const bad = await c.editRow({ kind: 'update', resource: 'Ticket', index: 0, row: { ...page.rows[0], status: 'bogus', reporter_id: 99 } });
    expect(bad.ok && bad.value.problems.map((p) => p.code).sort()).toEqual(['dangling_key', 'not_one_of']);
    expect((await c.checkData()).map((w) => w.code).sort()).toEqual(['dangling_key', 'not_one_of']);
  });

  it('round-trips the SQLite file', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    await c.importData(tpl.data);
    const bytes = await c.exportSqlite();
    const d = client();
    await d.setModel(1, tpl.model);
    const imported = await d.importSqlite(bytes);
    expect(imported.ok && imported.value.counts).toEqual({ User: 2, Representative: 2, Ticket: 4, Comment: 3 });
    expect((await d.exportData()).Comment).toEqual((await c.read(1, { resource: 'Comment' })).ok ? expect.any(Array) : []);
  });

  it('answers an invalid model with its error, and an invalid filter with its span', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    const r = await c.read(1, { resource: 'Ticket', filter: 'priority >' });
    expect(!r.ok && r.error.code).toBe('invalid_expression');
    expect(!r.ok && r.error.span).toBeDefined();
  });

  it('reloads 50,000 rows after an edit quickly enough for a grid edit', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    const gen = await c.generate({ counts: { User: 2000, Representative: 200, Ticket: 15_000, Comment: 32_800 }, seed: 1 });
    expect(gen.ok).toBe(true);
    const edit = await c.editRow({ kind: 'delete', resource: 'Comment', index: 5 });
    if (!edit.ok) throw new Error(edit.error.message);
    console.log(`generate ${gen.ok ? Math.round(gen.value.generateMs) : -1} ms, load ${gen.ok ? Math.round(gen.value.loadMs) : -1} ms, row edit (keyed write) ${Math.round(edit.value.ms)} ms`);
    expect(edit.value.ms).toBeLessThan(2000);
  });
});

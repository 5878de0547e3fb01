import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { getTemplate, type ActionEntry } from '../core/index';
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

  it('runs the tutorial actions (open, assign, start, close) and keeps the data in step', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    expect((await c.importData(tpl.data)).ok).toBe(true);
    const before = await c.dataVersion();
    const opened = await c.runAction({ resource: 'Ticket', action: 'open', input: { subject: 'No power', reporter_id: 2 } });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.record).toMatchObject({ id: 5, subject: 'No power', status: 'new', reporter_id: 2, representative_id: null });
    expect(opened.value.changes).toEqual([{ resource: 'Ticket', before: null, after: expect.objectContaining({ id: 5, reporter_id: 2 }) }]);
    expect(opened.value.statements.some((s) => /INSERT INTO/.test(s.sql))).toBe(true);
    expect(opened.value.dataVersion).toBeGreaterThan(before);
    expect(opened.value.counts.Ticket).toBe(5);

    const assigned = await c.runAction({ resource: 'Ticket', action: 'assign', primaryKey: 5, input: { representative_id: 2 } });
    expect(assigned.ok && assigned.value.changes).toEqual([
      { resource: 'Ticket', before: expect.objectContaining({ representative_id: null }), after: expect.objectContaining({ representative_id: 2 }) },
    ]);
    const started = await c.runAction({ resource: 'Ticket', action: 'start', primaryKey: 5 });
    expect(started.ok && started.value.record).toMatchObject({ status: 'open' });
    const closed = await c.runAction({ resource: 'Ticket', action: 'close', primaryKey: 5 });
    expect(closed.ok && closed.value.record).toMatchObject({ status: 'closed', representative_id: 2 });
    // The rows the grid shows and the previews read agree with the database.
    const page = await c.rows('Ticket', 0, 10);
    expect(page.rows.at(-1)).toMatchObject({ id: 5, status: 'closed', reporter_id: 2, representative_id: 2 });
    const read = await c.read(1, { resource: 'Representative', filter: 'id == 2', aggregates: ['ticket_count'] });
    expect(read.ok && read.value.records[0]).toMatchObject({ id: 2, ticket_count: 2 });

    const missing = await c.runAction({ resource: 'Ticket', action: 'open', input: { subject: 'x' } });
    expect(missing.ok ? null : missing.error).toMatchObject({ code: 'required', message: 'relationship reporter is required', path: ['reporter'] });
    expect((await c.counts()).Ticket).toBe(5);
  });

  it('keeps values across an attribute rename and reflects row edits in previews', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    expect((await c.importData(tpl.data)).ok).toBe(true);
    const subject = tpl.model.resources.find((r) => r.name === 'Ticket')!.attributes!.find((a) => a.name === 'subject')!;
    // The `open` action accepts `subject`: the rename updates it too (else the model has an error).
    const actions = JSON.parse(JSON.stringify(tpl.model.resources.find((r) => r.name === 'Ticket')!.actions).replace(/"subject"/g, '"title"')) as ActionEntry[];
    const applied = await c.applyEdits(1, 2, [
      { kind: 'updateAttribute', resource: 'Ticket', name: 'subject', attribute: { ...subject, name: 'title' } },
      { kind: 'updateResource', name: 'Ticket', patch: { actions } },
    ]);
    if (applied.kind !== 'applied') throw new Error('stale');
    const status = applied.status;
    expect(status.error).toBeNull();
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

  it('edits one row of 50,000 with a keyed write', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    const gen = await c.generate({ counts: { User: 2000, Representative: 200, Ticket: 15_000, Comment: 32_800 }, seed: 1 });
    expect(gen.ok).toBe(true);
    const edit = await c.editRow({ kind: 'delete', resource: 'Comment', index: 5 });
    if (!edit.ok) throw new Error(edit.error.message);
  });

  it('removing Ticket.priority and adding notes in one step never moves priority values into notes', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    expect((await c.importData(tpl.data)).ok).toBe(true);
    const applied = await c.applyEdits(1, 2, [
      { kind: 'removeAttribute', resource: 'Ticket', name: 'priority' },
      { kind: 'addAttribute', resource: 'Ticket', attribute: { name: 'notes', type: 'string' } },
    ]);
    expect(applied.kind === 'applied' && applied.status.changes).toEqual([{ kind: 'dropAttribute', resource: 'Ticket', attribute: 'priority' }]);
    const page = await c.rows('Ticket', 0, 10);
    expect(page.rows.map((r) => r.notes)).toEqual(tpl.data.Ticket!.map(() => null));
    expect(page.rows.every((r) => !('priority' in r))).toBe(true);
    expect(page.rows.map((r) => r.subject)).toEqual(tpl.data.Ticket!.map((t) => t.subject));
  });

  it('checks versions: ops on another base are refused as stale, a read ahead of the worker is refused', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    const stale = await c.applyEdits(5, 6, [{ kind: 'updateResource', name: 'Ticket', patch: { description: 'x' } }]);
    expect(stale).toEqual({ kind: 'stale', version: 1 });
    const ahead = await c.read(2, { resource: 'Ticket' });
    expect(ahead.ok ? null : ahead.error.code).toBe('invalid_query');
    const applied = await c.applyEdits(1, 2, [{ kind: 'updateResource', name: 'Ticket', patch: { description: 'x' } }]);
    expect(applied.kind).toBe('applied');
    const old = await c.read(1, { resource: 'Ticket' });
    expect(old.ok && [old.value.version, old.value.requestedVersion]).toEqual([2, 1]);
  });

  it('a refused write is reported and leaves the rows as they were', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    expect((await c.importData(tpl.data)).ok).toBe(true);
    const before = await c.exportData();
    // Two rows with one primary key: SQLite refuses the second insert, the whole import is undone.
    const bad = await c.importData({ ...tpl.data, User: [{ id: 1, name: 'a' }, { id: 1, name: 'b' }] });
    expect(bad.ok).toBe(false);
    expect(await c.exportData()).toEqual(before);
    const dup = await c.editRow({ kind: 'insert', resource: 'User', row: { ...before.User![0] } });
    expect(dup.ok).toBe(false);
    expect(await c.exportData()).toEqual(before);
  });

  it('an edit SQLite cannot store (two attributes with one name) keeps the rows; the next edit brings them along', async () => {
    const c = client();
    await c.setModel(1, tpl.model);
    expect((await c.importData(tpl.data)).ok).toBe(true);
    const dup = await c.applyEdits(1, 2, [{ kind: 'addAttribute', resource: 'Ticket', attribute: { name: 'subject', type: 'string' } }]);
    // addAttribute refuses a taken name, so the document never gets there: the host says stale.
    expect(dup.kind).toBe('stale');
    const renamed = await c.applyEdits(1, 2, [{ kind: 'renameResource', from: 'Comment', to: 'Note' }]);
    expect(renamed.kind === 'applied' && renamed.status.changes).toEqual([{ kind: 'renameResource', from: 'Comment', to: 'Note', rows: 3 }]);
    expect((await c.rows('Note', 0, 10)).rows.map((r) => r.body)).toEqual(tpl.data.Comment!.map((r) => r.body));
  });
});

import { describe, expect, it } from 'vitest';
import { applyOps } from '../model/ops';
import type { DocumentOp } from '../model/ops';
import { normalizeModel } from '../model/normalize';
import { getTemplate } from '../templates/index';
import { migrateData } from './migrate';
import { migrateDataByOps } from './edit-migration';

const tpl = getTemplate('helpdesk');
const doc = { model: tpl.model, layout: { positions: {} } };

/** Rows carried across the edit's ops (the intent comes from the ops, nothing is guessed). */
function edit(ops: DocumentOp[]) {
  const r = migrateDataByOps(doc, tpl.data, ops);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.migration;
}

const ticketAttr = (name: string) => tpl.model.resources.find((r) => r.name === 'Ticket')!.attributes!.find((a) => a.name === name)!;

describe('migrateData', () => {
  it('keeps values of a renamed attribute', () => {
    const { data, changes } = edit([{ kind: 'updateAttribute', resource: 'Ticket', name: 'subject', attribute: { ...ticketAttr('subject'), name: 'title' } }]);
    expect(data.Ticket!.map((t) => t.title)).toEqual(tpl.data.Ticket!.map((t) => t.subject));
    expect(data.Ticket![0]).not.toHaveProperty('subject');
    expect(changes).toContainEqual({ kind: 'renameAttribute', resource: 'Ticket', from: 'subject', to: 'title' });
  });

  it('drops values of a removed attribute and keeps the rest', () => {
    const { data, changes } = edit([{ kind: 'removeAttribute', resource: 'Ticket', name: 'priority' }]);
    expect(data.Ticket![0]).not.toHaveProperty('priority');
    expect(data.Ticket![0]!.subject).toBe('Printer on fire');
    expect(changes).toContainEqual({ kind: 'dropAttribute', resource: 'Ticket', attribute: 'priority' });
  });

  it('keeps rows of a renamed resource', () => {
    const { data } = edit([{ kind: 'renameResource', from: 'Ticket', to: 'Issue' }]);
    expect(data.Issue).toEqual(tpl.data.Ticket);
    expect(data).not.toHaveProperty('Ticket');
  });

  it('drops rows of a removed resource', () => {
    const { data, changes } = edit([{ kind: 'removeResource', name: 'Comment' }]);
    expect(data).not.toHaveProperty('Comment');
    expect(changes).toContainEqual({ kind: 'dropResource', resource: 'Comment', rows: 3 });
  });

  it('converts values on a type change, nulling what cannot convert', () => {
    const { data, changes } = edit([{ kind: 'updateAttribute', resource: 'Ticket', name: 'priority', attribute: { ...ticketAttr('priority'), type: 'string', constraints: undefined } }]);
    expect(data.Ticket![0]!.priority).toBe('9');
    expect(changes).toContainEqual({ kind: 'convertAttribute', resource: 'Ticket', attribute: 'priority', from: 'integer', to: 'string', lost: 0 });
  });

  it('keeps foreign keys when a belongs_to is renamed (its added attribute is renamed too)', () => {
    const rel = tpl.model.resources.find((r) => r.name === 'Ticket')!.relationships!.find((r) => r.name === 'reporter')!;
    const { data } = edit([{ kind: 'updateRelationship', resource: 'Ticket', name: 'reporter', relationship: { ...rel, name: 'submitter' } }]);
    expect(data.Ticket!.map((t) => t.submitter_id)).toEqual(tpl.data.Ticket!.map((t) => t.reporter_id));
  });

  it('never moves values between columns: removing priority and adding notes in one step', () => {
    const notes = { name: 'notes', type: 'string' as const };
    const { data, changes } = edit([
      { kind: 'removeAttribute', resource: 'Ticket', name: 'priority' },
      { kind: 'addAttribute', resource: 'Ticket', attribute: notes },
    ]);
    expect(data.Ticket!.every((t) => !('priority' in t) && (t.notes === undefined || t.notes === null))).toBe(true);
    expect(changes).toContainEqual({ kind: 'dropAttribute', resource: 'Ticket', attribute: 'priority' });
    expect(changes.some((c) => c.kind === 'renameAttribute')).toBe(false);
  });

  it('a snapshot without hints keeps rows by name only (no guessed rename)', () => {
    const applied = applyOps(doc, [{ kind: 'updateAttribute', resource: 'Ticket', name: 'subject', attribute: { ...ticketAttr('subject'), name: 'title' } }]);
    if (!applied.ok) throw new Error(applied.error.message);
    const { data } = migrateData(normalizeModel(tpl.model), normalizeModel(applied.value.document.model), tpl.data);
    expect(data.Ticket!.every((t) => !('title' in t))).toBe(true);
  });
});

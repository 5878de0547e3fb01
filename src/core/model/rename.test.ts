import { describe, expect, it } from 'vitest';
import { getTemplate, type TemplateName } from '../templates/index';
import { validateModel } from '../validate/validate';
import { normalizeModel } from './normalize';
import { applyOps } from './ops';
import type { DocumentOp, RelataDocument } from './ops';
import { followRenames, renameInExpression } from './rename';

function edit(doc: RelataDocument, ops: DocumentOp[]) {
  const expanded = followRenames(doc, ops);
  const r = applyOps(doc, expanded.ops);
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.value, warnings: expanded.warnings, ops: expanded.ops };
}

const docOf = (name: TemplateName): RelataDocument => ({ model: getTemplate(name).model, layout: { positions: {} } });

describe('renames follow through', () => {
  it('Blog: Author → Writer leaves no diagnostics and the inverse has_many still names author_id', () => {
    const doc = docOf('blog');
    expect(validateModel(doc.model)).toEqual([]);
    const { document, inverse } = edit(doc, [{ kind: 'renameResource', from: 'Author', to: 'Writer' }]);
    expect(validateModel(document.model)).toEqual([]);
    const writer = normalizeModel(document.model).resources.find((r) => r.name === 'Writer')!;
    const posts = writer.relationships.find((r) => r.kind === 'has_many' && r.destination === 'Post')!;
    expect(posts.destinationAttribute).toBe('author_id');
    // One step, undone exactly.
    const undone = applyOps(document, inverse);
    expect(undone.ok && undone.value.document).toEqual(doc);
  });

  it('without follow-through the same rename is an error (what the issue saw)', () => {
    const doc = docOf('blog');
    const r = applyOps(doc, [{ kind: 'renameResource', from: 'Author', to: 'Writer' }]);
    if (!r.ok) throw new Error(r.error.message);
    expect(validateModel(r.value.document.model).filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
  });

  it('an attribute rename updates actions accept lists and set_attribute, and undoes exactly', () => {
    const doc = docOf('helpdesk');
    const ticket = doc.model.resources.find((r) => r.name === 'Ticket')!;
    const subject = ticket.attributes!.find((a) => a.name === 'subject')!;
    const { document, inverse } = edit(doc, [{ kind: 'updateAttribute', resource: 'Ticket', name: 'subject', attribute: { ...subject, name: 'title' } }]);
    expect(validateModel(document.model).filter((d) => d.severity === 'error')).toEqual([]);
    expect(JSON.stringify(document.model.resources.find((r) => r.name === 'Ticket')!.actions)).not.toContain('"subject"');
    const undone = applyOps(document, inverse);
    expect(undone.ok && undone.value.document).toEqual(doc);
  });

  it('an attribute rename updates relationship filters, sorts, aggregates and key attributes that named it', () => {
    const doc: RelataDocument = {
      layout: { positions: {} },
      model: {
        format: 'relata/model@1',
        name: 'M',
        resources: [
          {
            name: 'Rep',
            attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'threshold', type: 'integer' }],
            relationships: [
              { kind: 'has_many', name: 'urgent', destination: 'Ticket', destinationAttribute: 'rep_id', filter: 'priority > parent(threshold)', sort: [{ field: 'priority', order: 'desc' }] },
            ],
            aggregates: [{ name: 'top', kind: 'max', path: ['urgent'], field: 'priority', filter: 'priority > 1' }],
          },
          {
            name: 'Ticket',
            attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'priority', type: 'integer' }, { name: 'rep_id', type: 'integer' }],
            relationships: [{ kind: 'belongs_to', name: 'rep', destination: 'Rep', sourceAttribute: 'rep_id', attributeType: 'integer' }],
            actions: [{ type: 'create', accept: ['priority', 'rep_id'] }],
          },
        ],
      },
    };
    expect(validateModel(doc.model).filter((d) => d.severity === 'error')).toEqual([]);
    const t = doc.model.resources[1]!;
    const a = edit(doc, [{ kind: 'updateAttribute', resource: 'Ticket', name: 'priority', attribute: { ...t.attributes![1]!, name: 'urgency' } }]);
    const rep = a.document.model.resources[0]!;
    expect(rep.relationships![0]).toMatchObject({ filter: 'urgency > parent(threshold)', sort: [{ field: 'urgency', order: 'desc' }] });
    expect(rep.aggregates![0]).toMatchObject({ field: 'urgency', filter: 'urgency > 1' });
    expect(a.document.model.resources[1]!.actions).toEqual([{ type: 'create', accept: ['urgency', 'rep_id'] }]);
    expect(validateModel(a.document.model).filter((d) => d.severity === 'error')).toEqual([]);

    const b = edit(doc, [{ kind: 'updateAttribute', resource: 'Ticket', name: 'rep_id', attribute: { ...t.attributes![2]!, name: 'owner_id' } }]);
    expect(b.document.model.resources[0]!.relationships![0]).toMatchObject({ destinationAttribute: 'owner_id' });
    expect(b.document.model.resources[1]!.relationships![0]).toMatchObject({ sourceAttribute: 'owner_id' });
    expect(validateModel(b.document.model).filter((d) => d.severity === 'error')).toEqual([]);

    const c = edit(doc, [{ kind: 'updateAttribute', resource: 'Rep', name: 'threshold', attribute: { name: 'limit_value', type: 'integer' } }]);
    expect(c.document.model.resources[0]!.relationships![0]).toMatchObject({ filter: 'priority > parent(limit_value)' });
    const undone = applyOps(c.document, c.inverse);
    expect(undone.ok && undone.value.document).toEqual(doc);
  });

  it('leaves manual code alone but warns about it', () => {
    const doc: RelataDocument = {
      layout: { positions: {} },
      model: {
        format: 'relata/model@1',
        name: 'M',
        resources: [
          {
            name: 'Rep',
            attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
            relationships: [{ kind: 'has_many', name: 'mine', destination: 'Ticket', manual: { language: 'javascript', source: 'export default { load: ({ ctx }) => ctx.rows("Ticket").filter((t) => t.priority > 1) }' } }],
          },
          { name: 'Ticket', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'priority', type: 'integer' }] },
        ],
      },
    };
    const source = (doc.model.resources[0]!.relationships![0] as { manual: { source: string } }).manual.source;
    const r = edit(doc, [{ kind: 'updateAttribute', resource: 'Ticket', name: 'priority', attribute: { name: 'urgency', type: 'integer' } }]);
    expect((r.document.model.resources[0]!.relationships![0] as { manual: { source: string } }).manual.source).toBe(source);
    expect(r.warnings).toEqual([expect.stringContaining('Rep.mine is manual code that mentions `priority`')]);
  });

  it('renames identifiers by scope, never fields of related records or functions', () => {
    expect(renameInExpression('a > 1 and rel.a == parent(a) and a(1)', 'a', 'b', 'row')).toBe('b > 1 and rel.a == parent(a) and a(1)');
    expect(renameInExpression('a > 1 and rel.a == parent(a)', 'a', 'b', 'parent')).toBe('a > 1 and rel.a == parent(b)');
  });
});

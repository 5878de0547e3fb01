import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../../core/index';
import type { DocumentOp, Model, RelataDocument, Relationship } from '../../core/index';
import {
  addAttributeOps, addResourceOps, connectOps, deleteSelectionOps, inverseKind, placeNewNode, plural,
  suggestJoinName, suggestRelationshipName, uniqueName,
} from './gesture-ops';
import { helpdeskDoc } from './test-fixtures';

/** Just enough of applyOp for these tests (the real one lives in core). */
function apply(model: Model, ops: DocumentOp[]): Model {
  const m: Model = structuredClone(model);
  for (const op of ops) {
    if (op.kind === 'addResource') m.resources.push(structuredClone(op.resource));
    else if (op.kind === 'addRelationship') {
      const r = m.resources.find((x) => x.name === op.resource)!;
      (r.relationships ??= []).push(op.relationship);
    }
  }
  return m;
}

function twoResources(): RelataDocument {
  return {
    model: {
      format: 'relata/model@1',
      name: 'T',
      resources: [
        { name: 'Ticket', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] },
        { name: 'Representative', attributes: [{ name: 'id', type: 'integer', primaryKey: true }] },
      ],
    },
    layout: { positions: { Ticket: { x: 0, y: 0 }, Representative: { x: 600, y: 0 } } },
  };
}

describe('names', () => {
  it('pluralises snake names', () => {
    expect(plural('ticket')).toBe('tickets');
    expect(plural('category')).toBe('categories');
    expect(plural('box')).toBe('boxes');
    expect(plural('key')).toBe('keys');
  });
  it('suggests belongs_to singular and has_many plural', () => {
    expect(suggestRelationshipName('belongs_to', 'Representative')).toBe('representative');
    expect(suggestRelationshipName('has_many', 'Ticket')).toBe('tickets');
    expect(suggestRelationshipName('many_to_many', 'BlogPost')).toBe('blog_posts');
    expect(inverseKind('belongs_to')).toBe('has_many');
    expect(inverseKind('manual')).toBeNull();
  });
  it('makes names unique', () => {
    expect(uniqueName('Resource', new Set(['Resource', 'Resource2']))).toBe('Resource3');
    expect(suggestJoinName(helpdeskDoc().model, 'Post', 'Tag')).toBe('PostTag2');
  });
});

describe('addResourceOps', () => {
  it('adds a resource with a uuid key at the given point', () => {
    const { ops, name } = addResourceOps(twoResources(), { x: 10.4, y: 20.6 });
    expect(name).toBe('Resource');
    expect(ops).toEqual([{ kind: 'addResource', resource: expect.objectContaining({ name: 'Resource' }), position: { x: 10, y: 21 } }]);
  });
  it('places a resource without a point where nothing overlaps', () => {
    const doc = twoResources();
    const { ops } = addResourceOps(doc);
    const op = ops[0] as Extract<DocumentOp, { kind: 'addResource' }>;
    expect(op.position).toBeDefined();
    expect(Object.values(doc.layout.positions)).not.toContainEqual(op.position);
  });
  it('places a new resource beside the selected one, a full gap away from every node', () => {
    const doc = twoResources();
    const [first] = Object.keys(doc.layout.positions);
    const from = doc.layout.positions[first!]!;
    const op = addResourceOps(doc, undefined, undefined, first).ops[0] as Extract<DocumentOp, { kind: 'addResource' }>;
    expect(op.position!.x).toBeGreaterThanOrEqual(from.x + 240 + 120);
    for (const p of Object.values(doc.layout.positions)) {
      const apart = Math.abs(p.x - op.position!.x) >= 240 + 120 || Math.abs(p.y - op.position!.y) >= 180;
      expect(apart).toBe(true);
    }
  });
  it('moves off an occupied point', () => {
    const p = placeNewNode({ A: { x: 0, y: 0 } }, { x: 0, y: 0 });
    expect(p).not.toEqual({ x: 0, y: 0 });
  });
  it('adds a uniquely named attribute', () => {
    const doc = twoResources();
    doc.model.resources[0]!.attributes!.push({ name: 'attribute', type: 'string' });
    expect(addAttributeOps(doc, undefined, 'Ticket').name).toBe('attribute_2');
  });
});

describe('connectOps', () => {
  it('draws belongs_to with its inverse has_many in one op list, typed like the destination key', () => {
    const doc = twoResources();
    const plan = connectOps(doc, normalizeModel(doc.model), 'Ticket', 'Representative', {
      kind: 'belongs_to', name: 'representative', inverse: { name: 'tickets' },
    });
    expect(plan.ops).toEqual([
      { kind: 'addRelationship', resource: 'Ticket', relationship: { kind: 'belongs_to', name: 'representative', destination: 'Representative', attributeType: 'integer' } },
      { kind: 'addRelationship', resource: 'Representative', relationship: { kind: 'has_many', name: 'tickets', destination: 'Ticket' } },
    ]);
    const n = normalizeModel(apply(doc.model, plan.ops));
    expect(n.resources[0]!.attributes.map((a) => [a.name, a.type])).toContainEqual(['representative_id', 'integer']);
  });
  it('keeps the inverse on the same key when the belongs_to is renamed', () => {
    const doc = twoResources();
    const plan = connectOps(doc, normalizeModel(doc.model), 'Ticket', 'Representative', {
      kind: 'belongs_to', name: 'assignee', inverse: { name: 'assigned_tickets' },
    });
    expect((plan.ops[1] as { relationship: Relationship }).relationship).toMatchObject({ destinationAttribute: 'assignee_id' });
  });
  it('has_many adds the belongs_to inverse on the destination', () => {
    const doc = twoResources();
    const plan = connectOps(doc, normalizeModel(doc.model), 'Representative', 'Ticket', {
      kind: 'has_many', name: 'tickets', inverse: { name: 'representative' },
    });
    expect(plan.ops.map((o) => (o as { relationship: Relationship }).relationship.kind)).toEqual(['has_many', 'belongs_to']);
    expect((plan.ops[1] as { relationship: Relationship }).relationship).toMatchObject({ attributeType: 'integer' });
  });
  it('manual is a has_many with a code template and no inverse', () => {
    const doc = twoResources();
    const plan = connectOps(doc, normalizeModel(doc.model), 'Ticket', 'Ticket', { kind: 'manual', name: 'related', inverse: { name: 'x' } });
    expect(plan.ops).toHaveLength(1);
    expect((plan.ops[0] as { relationship: Relationship }).relationship).toMatchObject({ kind: 'has_many', manual: { language: 'javascript' } });
  });
  it('many_to_many creates a join resource with two primary-key belongs_to between the two', () => {
    const doc = twoResources();
    const plan = connectOps(doc, normalizeModel(doc.model), 'Ticket', 'Representative', {
      kind: 'many_to_many', name: 'representatives', inverse: { name: 'tickets' }, through: { create: 'TicketRepresentative' },
    });
    expect(plan.ops).toHaveLength(3);
    const add = plan.ops[0] as Extract<DocumentOp, { kind: 'addResource' }>;
    expect(add.resource.relationships).toEqual([
      { kind: 'belongs_to', name: 'ticket', destination: 'Ticket', primaryKey: true, allowNil: false, attributeType: 'uuid' },
      { kind: 'belongs_to', name: 'representative', destination: 'Representative', primaryKey: true, allowNil: false, attributeType: 'integer' },
    ]);
    expect(add.position!.x).toBeGreaterThan(0);
    expect(add.position!.x).toBeLessThan(600);
    const n = normalizeModel(apply(doc.model, plan.ops));
    const join = n.resources.find((r) => r.name === 'TicketRepresentative')!;
    expect(join.attributes.map((a) => [a.name, a.type, a.primaryKey, a.allowNil])).toEqual([
      ['ticket_id', 'uuid', true, false],
      ['representative_id', 'integer', true, false],
    ]);
    const m = n.resources[0]!.relationships.find((r) => r.name === 'representatives');
    expect(m).toMatchObject({ through: 'TicketRepresentative', sourceAttributeOnJoinResource: 'ticket_id', destinationAttributeOnJoinResource: 'representative_id' });
  });
  it('many_to_many on itself names the join keys apart', () => {
    const doc = twoResources();
    const plan = connectOps(doc, normalizeModel(doc.model), 'Ticket', 'Ticket', {
      kind: 'many_to_many', name: 'linked', inverse: null, through: { create: 'TicketLink' },
    });
    expect((plan.ops[1] as { relationship: Relationship }).relationship).toMatchObject({
      sourceAttributeOnJoinResource: 'source_ticket_id', destinationAttributeOnJoinResource: 'related_ticket_id',
    });
  });
  it('many_to_many through an existing join reads its keys', () => {
    const doc = helpdeskDoc();
    const plan = connectOps(doc, normalizeModel(doc.model), 'Tag', 'Post', { kind: 'many_to_many', name: 'articles', through: { existing: 'PostTag' } });
    expect(plan.ops).toEqual([{ kind: 'addRelationship', resource: 'Tag', relationship: { kind: 'many_to_many', name: 'articles', destination: 'Post', through: 'PostTag' } }]);
  });
});

describe('deleteSelectionOps', () => {
  it('deletes a resource and what points at it, in one list', () => {
    const doc = helpdeskDoc();
    expect(deleteSelectionOps(doc.model, undefined, { kind: 'resource', resource: 'Tag' })).toEqual([
      { kind: 'removeRelationship', resource: 'Post', name: 'tags' },
      { kind: 'removeRelationship', resource: 'PostTag', name: 'tag' },
      { kind: 'removeResource', name: 'Tag' },
    ]);
  });
  it('deletes a relationship; an implicit join relationship deletes its many_to_many', () => {
    const doc = helpdeskDoc();
    const n = normalizeModel(doc.model);
    expect(deleteSelectionOps(doc.model, n, { kind: 'relationship', resource: 'Ticket', relationship: 'representative' }))
      .toEqual([{ kind: 'removeRelationship', resource: 'Ticket', name: 'representative' }]);
    expect(deleteSelectionOps(doc.model, n, { kind: 'relationship', resource: 'Post', relationship: 'tags_join_assoc' }))
      .toEqual([{ kind: 'removeRelationship', resource: 'Post', name: 'tags' }]);
  });
  it('does nothing for nothing or an attribute a belongs_to adds', () => {
    const doc = helpdeskDoc();
    expect(deleteSelectionOps(doc.model, undefined, null)).toEqual([]);
    expect(deleteSelectionOps(doc.model, undefined, { kind: 'attribute', resource: 'Ticket', attribute: 'representative_id' })).toEqual([]);
    expect(deleteSelectionOps(doc.model, undefined, { kind: 'attribute', resource: 'Ticket', attribute: 'priority' }))
      .toEqual([{ kind: 'removeAttribute', resource: 'Ticket', name: 'priority' }]);
  });
});

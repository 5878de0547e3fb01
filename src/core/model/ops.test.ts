import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeModel } from './normalize';
import { applyOp, applyOps, type DocumentOp, type RelataDocument } from './ops';
import type { Attribute, Relationship, Resource } from './types';
import type { ActionEntry } from '../actions/types';
import type { AggregateDef } from '../aggregates/types';

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const doc = (): RelataDocument => ({
  model: {
    format: 'relata/model@1',
    name: 'Blog',
    resources: [
      { name: 'User', attributes: [{ name: 'id', type: 'integer', primaryKey: true }] },
      {
        name: 'Post',
        attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'title', type: 'string' }],
        relationships: [
          { kind: 'belongs_to', name: 'author', destination: 'User', attributeType: 'integer' },
          { kind: 'many_to_many', name: 'tags', destination: 'Tag', through: 'PostTag' },
        ],
      },
      { name: 'Tag' },
    ],
  },
  layout: { positions: { User: { x: 0, y: 0 }, Post: { x: 100, y: 0 } } },
});

function roundTrip(d: RelataDocument, ops: DocumentOp[]): void {
  const before = structuredClone(d);
  const r = applyOps(deepFreeze(d), ops);
  if (!r.ok) return;
  const back = applyOps(r.value.document, r.value.inverse);
  expect(back.ok).toBe(true);
  if (back.ok) expect(back.value.document).toStrictEqual(before);
}

describe('applyOp', () => {
  it('removing a belongs_to removes its auto attribute; the inverse restores it exactly', () => {
    const d = deepFreeze(doc());
    const r = applyOp(d, { kind: 'removeRelationship', resource: 'Post', name: 'author' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const post = (x: RelataDocument) => normalizeModel(x.model).resources.find((p) => p.name === 'Post')!;
    expect(post(r.value.document).attributes.map((a) => a.name)).toEqual(['id', 'title']);
    const back = applyOps(r.value.document, r.value.inverse);
    expect(back.ok && back.value.document).toStrictEqual(doc());
    expect(back.ok && post(back.value.document).attributes.map((a) => a.name)).toEqual(['id', 'title', 'author_id']);
  });

  it('renames a resource with every destination, through and layout entry', () => {
    const r = applyOp(deepFreeze(doc()), { kind: 'renameResource', from: 'User', to: 'Person' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.value.document.model;
    expect(m.resources[1]!.relationships![0]!.destination).toBe('Person');
    expect(r.value.document.layout.positions).toEqual({ Person: { x: 0, y: 0 }, Post: { x: 100, y: 0 } });
    expect(r.value.inverse).toEqual([{ kind: 'renameResource', from: 'Person', to: 'User' }]);
    const t = applyOp(doc(), { kind: 'renameResource', from: 'PostTag', to: 'Tagging' });
    expect(t.ok).toBe(false); // PostTag is only referenced, not a resource
  });

  it('fails without changing anything on bad input', () => {
    const d = deepFreeze(doc());
    expect(applyOp(d, { kind: 'removeResource', name: 'Nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(applyOp(d, { kind: 'addResource', resource: { name: 'User' } })).toMatchObject({ ok: false, error: { code: 'invalid_model' } });
    expect(applyOp(d, { kind: 'addAttribute', resource: 'Post', attribute: { name: 'title', type: 'string' } }).ok).toBe(false);
    expect(applyOp(d, { kind: 'moveAttribute', resource: 'Post', from: 0, to: 5 }).ok).toBe(false);
    const all = applyOps(d, [{ kind: 'removeResource', name: 'Tag' }, { kind: 'removeResource', name: 'Tag' }]);
    expect(all.ok).toBe(false);
    expect(d).toStrictEqual(doc());
  });

  it('applyOps returns the inverses in reverse order', () => {
    const r = applyOps(doc(), [
      { kind: 'addAttribute', resource: 'Tag', attribute: { name: 'id', type: 'integer', primaryKey: true } },
      { kind: 'updateResource', name: 'Tag', patch: { table: 'tags' } },
    ]);
    expect(r.ok && r.value.inverse).toEqual([
      { kind: 'updateResource', name: 'Tag', patch: { table: undefined } },
      { kind: 'replaceDocument', document: doc() },
    ]);
  });

  it('updateResource sets and removes actions and aggregates, and its inverse restores them', () => {
    const d = deepFreeze(doc());
    const actions: ActionEntry[] = ['read', { type: 'update', name: 'close', accept: [], changes: [{ kind: 'set_attribute', attribute: 'status', value: 'closed' }] }];
    const aggregates: AggregateDef[] = [{ name: 'post_count', kind: 'count', path: ['posts'] }];
    const r = applyOp(d, { kind: 'updateResource', name: 'User', patch: { actions, aggregates } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const user = r.value.document.model.resources.find((x) => x.name === 'User')!;
    expect(user.actions).toEqual(actions);
    expect(user.aggregates).toEqual(aggregates);
    const back = applyOps(r.value.document, r.value.inverse);
    expect(back.ok && back.value.document).toStrictEqual(doc());
    const cleared = applyOp(r.value.document, { kind: 'updateResource', name: 'User', patch: { actions: undefined } });
    expect(cleared.ok && 'actions' in cleared.value.document.model.resources[0]!).toBe(false);
  });

  // Ops built from small pools of names so that many of them apply.
  const resName = fc.constantFrom('User', 'Post', 'Tag', 'PostTag', 'Extra');
  const fieldName = fc.constantFrom('id', 'title', 'author', 'author_id', 'tags', 'x');
  const attribute: fc.Arbitrary<Attribute> = fc.record(
    { name: fieldName, type: fc.constantFrom('integer', 'string', 'uuid'), primaryKey: fc.boolean(), description: fc.string() },
    { requiredKeys: ['name', 'type'] },
  );
  const relationship: fc.Arbitrary<Relationship> = fc.oneof(
    fc.record({ kind: fc.constant('belongs_to' as const), name: fieldName, destination: resName }),
    fc.record({ kind: fc.constant('has_many' as const), name: fieldName, destination: resName, limit: fc.nat(5) }, { requiredKeys: ['kind', 'name', 'destination'] }),
    fc.record({ kind: fc.constant('many_to_many' as const), name: fieldName, destination: resName, through: resName }),
  );
  const resource: fc.Arbitrary<Resource> = fc.record(
    { name: resName, table: fc.string(), attributes: fc.array(attribute, { maxLength: 2 }), relationships: fc.array(relationship, { maxLength: 2 }) },
    { requiredKeys: ['name'] },
  );
  const actionEntry: fc.Arbitrary<ActionEntry> = fc.oneof(
    fc.constantFrom('create' as const, 'read' as const, 'update' as const, 'destroy' as const),
    fc.record(
      {
        type: fc.constantFrom('create' as const, 'update' as const),
        name: fc.constantFrom('open', 'assign', 'close'),
        accept: fc.array(fieldName, { maxLength: 2 }),
        arguments: fc.array(fc.record({ name: fc.constantFrom('reporter_id', 'tags'), type: fc.constantFrom('integer' as const, 'map' as const), allowNil: fc.boolean() }, { requiredKeys: ['name', 'type'] }), { maxLength: 2 }),
        changes: fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('set_attribute' as const), attribute: fieldName, value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }),
            fc.record({ kind: fc.constant('manage_relationship' as const), argument: fc.constantFrom('reporter_id', 'tags'), relationship: fieldName, type: fc.constantFrom('append_and_remove' as const, 'create' as const) }, { requiredKeys: ['kind', 'argument'] }),
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['type'] },
    ),
  );
  const actions = fc.array(actionEntry, { maxLength: 3 });
  const aggregates: fc.Arbitrary<AggregateDef[]> = fc.array(
    fc.record(
      { name: fc.constantFrom('n', 'open_count'), kind: fc.constantFrom('count' as const, 'first' as const), path: fc.array(fieldName, { minLength: 1, maxLength: 2 }), field: fieldName, filter: fc.constant('status == :open') },
      { requiredKeys: ['name', 'kind', 'path'] },
    ),
    { maxLength: 2 },
  );
  const pos = fc.record({ x: fc.integer(), y: fc.integer() });
  const idx = fc.nat(4);
  const op: fc.Arbitrary<DocumentOp> = fc.oneof(
    fc.record({ kind: fc.constant('addResource' as const), resource, index: idx, position: pos }, { requiredKeys: ['kind', 'resource'] }),
    fc.record({ kind: fc.constant('removeResource' as const), name: resName }),
    fc.record({ kind: fc.constant('renameResource' as const), from: resName, to: resName }),
    fc.record({ kind: fc.constant('updateResource' as const), name: resName, patch: fc.record({ table: fc.option(fc.string(), { nil: undefined }), description: fc.option(fc.string(), { nil: undefined }), actions: fc.option(actions, { nil: undefined }), aggregates: fc.option(aggregates, { nil: undefined }) }, { requiredKeys: [] }) }),
    fc.record({ kind: fc.constant('addAttribute' as const), resource: resName, attribute, index: idx }, { requiredKeys: ['kind', 'resource', 'attribute'] }),
    fc.record({ kind: fc.constant('removeAttribute' as const), resource: resName, name: fieldName }),
    fc.record({ kind: fc.constant('updateAttribute' as const), resource: resName, name: fieldName, attribute }),
    fc.record({ kind: fc.constant('moveAttribute' as const), resource: resName, from: idx, to: idx }),
    fc.record({ kind: fc.constant('addRelationship' as const), resource: resName, relationship, index: idx }, { requiredKeys: ['kind', 'resource', 'relationship'] }),
    fc.record({ kind: fc.constant('removeRelationship' as const), resource: resName, name: fieldName }),
    fc.record({ kind: fc.constant('updateRelationship' as const), resource: resName, name: fieldName, relationship }),
    fc.record({ kind: fc.constant('moveRelationship' as const), resource: resName, from: idx, to: idx }),
    fc.record({ kind: fc.constant('setModelInfo' as const), name: fc.string(), module: fc.option(fc.string(), { nil: null }) }, { requiredKeys: ['kind'] }),
    fc.record({ kind: fc.constant('moveNode' as const), resource: resName, to: pos }),
    fc.record({ kind: fc.constant('setLayout' as const), layout: fc.record({ positions: fc.dictionary(resName, pos) }) }),
  );

  it('property: an op then its inverse gives back a deep-equal document, without mutating the input', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 4 }), op, (setup, probe) => {
        const start = applyOps(doc(), setup);
        if (!start.ok) return;
        roundTrip(structuredClone(start.value.document), [probe]);
      }),
      { numRuns: 1500 },
    );
  });

  it('property: a sequence of ops is undone by the combined inverse', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 8 }), (ops) => roundTrip(doc(), ops)), { numRuns: 800 });
  });
});

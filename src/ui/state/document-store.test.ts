import { beforeEach, describe, expect, it } from 'vitest';
import { MODEL_FORMAT, resourceKeyOf, stripIds } from '../../core/index';
import type { RelataDocument } from '../../core/index';
import { getTemplate } from '../../core/index';
import { toFlow } from '../canvas/to-flow';
import { editsSince, useDocument } from './document-store';

const doc = (): RelataDocument => ({
  model: {
    format: MODEL_FORMAT,
    name: 'Shop',
    resources: [
      { name: 'Customer', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] },
      { name: 'Order', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] },
    ],
  },
  layout: { positions: { Customer: { x: 0, y: 0 }, Order: { x: 300, y: 0 } } },
});

const store = () => useDocument.getState();
const order = () => store().normalized.resources.find((r) => r.name === 'Order')!;
/** The position of the resource called `name` (the layout is keyed by resource id). */
const pos = (name: string) => store().document.layout.positions[resourceKeyOf(store().document.model, name)];
/** The document as `replaceDocument(doc())` left it (with the ids it was given). */
let opened: RelataDocument;

describe('document store', () => {
  beforeEach(() => {
    store().replaceDocument(doc());
    opened = store().document;
  });

  it('starts with no history after replaceDocument', () => {
    expect(store().canUndo).toBe(false);
    expect(store().canRedo).toBe(false);
    expect(store().diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('dispatch applies ops, bumps the version and recomputes normalized and diagnostics', () => {
    const v = store().version;
    const res = store().dispatch([
      { kind: 'addRelationship', resource: 'Order', relationship: { kind: 'belongs_to', name: 'customer', destination: 'Nowhere' } },
    ]);
    expect(res.ok).toBe(true);
    expect(store().version).toBe(v + 1);
    expect(order().attributes.map((a) => a.name)).toContain('customer_id');
    expect(store().diagnostics.some((d) => d.code === 'unknown_destination' && d.resource === 'Order')).toBe(true);
    expect(store().canUndo).toBe(true);
  });

  it('undo of removing a belongs_to restores the relationship and its auto-added attribute', () => {
    store().dispatch([
      { kind: 'addRelationship', resource: 'Order', relationship: { kind: 'belongs_to', name: 'customer', destination: 'Customer' } },
    ]);
    const withRel = store().document;
    store().dispatch([{ kind: 'removeRelationship', resource: 'Order', name: 'customer' }], 'Remove customer');
    expect(order().attributes.map((a) => a.name)).not.toContain('customer_id');
    expect(order().relationships).toHaveLength(0);

    store().undo();
    expect(store().document).toEqual(withRel);
    expect(order().attributes.find((a) => a.name === 'customer_id')?.addedBy).toBe('customer');
    expect(order().relationships.map((r) => r.name)).toEqual(['customer']);

    store().redo();
    expect(order().relationships).toHaveLength(0);
    store().undo();
    store().undo();
    expect(store().document).toEqual(opened);
    expect(store().canUndo).toBe(false);
    expect(store().canRedo).toBe(true);
  });

  it('a failing op leaves the state untouched and returns the error', () => {
    store().dispatch([{ kind: 'moveNode', resource: 'Order', to: { x: 10, y: 20 } }]);
    const before = store();
    const res = store().dispatch([
      { kind: 'addAttribute', resource: 'Order', attribute: { name: 'total', type: 'decimal' } },
      { kind: 'removeResource', name: 'DoesNotExist' },
    ]);
    expect(res.ok).toBe(false);
    const after = store();
    expect(after.document).toBe(before.document);
    expect(after.version).toBe(before.version);
    expect(after.normalized).toBe(before.normalized);
    expect(after.canUndo).toBe(true);
    expect(after.canRedo).toBe(false);
    store().undo();
    expect(pos('Order')).toEqual({ x: 300, y: 0 });
  });

  it('node moves are undoable and a new edit clears redo', () => {
    store().dispatch([{ kind: 'moveNode', resource: 'Customer', to: { x: 50, y: 60 } }], 'Move Customer');
    expect(store().undoLabel).toBe('Move Customer');
    store().undo();
    expect(pos('Customer')).toEqual({ x: 0, y: 0 });
    expect(store().canRedo).toBe(true);
    store().dispatch([{ kind: 'moveNode', resource: 'Order', to: { x: 1, y: 1 } }]);
    expect(store().canRedo).toBe(false);
  });

  it('drops a selection whose element disappears', () => {
    store().select({ kind: 'resource', resource: 'Order' });
    store().dispatch([{ kind: 'removeResource', name: 'Order' }]);
    expect(store().selection).toBeNull();
    store().undo();
    store().select({ kind: 'attribute', resource: 'Order', attribute: 'id' });
    store().dispatch([{ kind: 'removeAttribute', resource: 'Order', name: 'id' }]);
    expect(store().selection).toEqual({ kind: 'resource', resource: 'Order' });
  });

  it('replaceDocument without resetHistory is one undoable step', () => {
    const other: RelataDocument = { model: { format: MODEL_FORMAT, name: 'Other', resources: [] }, layout: { positions: {} } };
    store().replaceDocument(other, { resetHistory: false });
    expect(store().document.model.name).toBe('Other');
    store().undo();
    expect(store().document).toEqual(opened);
  });

  it('an empty op list is a no-op that adds no history', () => {
    const v = store().version;
    expect(store().dispatch([]).ok).toBe(true);
    expect(store().version).toBe(v);
    expect(store().canUndo).toBe(false);
  });

  it('Blog: renaming Author to Writer is one undoable step, leaves no diagnostics and keeps the pair one edge', () => {
    const blog = getTemplate('blog');
    store().replaceDocument({ model: blog.model, layout: { positions: {} } });
    const edges = () => toFlow(store().document.model, store().normalized, store().document.layout, null).edges;
    const before = edges().length;
    const v = store().version;
    expect(store().dispatch([{ kind: 'renameResource', from: 'Author', to: 'Writer' }], 'Rename').ok).toBe(true);
    expect(store().diagnostics).toEqual([]);
    expect(edges()).toHaveLength(before);
    // The worker is sent the rename and what followed it, as ops.
    expect(editsSince(v)?.map((o) => o.kind)).toEqual(['renameResource', 'updateRelationship']);
    store().undo();
    expect(stripIds(store().document.model)).toEqual(blog.model);
    expect(store().canUndo).toBe(false);
  });
});

describe('document store: ids', () => {
  const idOf = (name: string) => store().document.model.resources.find((r) => r.name === name)?.id;

  beforeEach(() => {
    store().replaceDocument(doc());
    opened = store().document;
  });

  it('gives every entity of a document that enters it an id, and moves a layout keyed by name to the ids', () => {
    const { model, layout } = store().document;
    for (const r of model.resources) {
      expect(r.id).toMatch(/^res-/);
      for (const a of r.attributes ?? []) expect(a.id).toMatch(/^att-/);
    }
    expect(new Set(model.resources.map((r) => r.id)).size).toBe(2);
    expect(layout.positions).toEqual({ [idOf('Customer')!]: { x: 0, y: 0 }, [idOf('Order')!]: { x: 300, y: 0 } });
  });

  it('migrates an old saved document (names as keys of positions, pins and routes) on open', () => {
    const old: RelataDocument = {
      model: {
        format: MODEL_FORMAT,
        name: 'Shop',
        resources: [
          { name: 'Customer', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] },
          { name: 'Order', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }], relationships: [{ kind: 'belongs_to', name: 'customer', destination: 'Customer' }] },
        ],
      },
      layout: {
        positions: { Customer: { x: 0, y: 0 }, Order: { x: 300, y: 40 } },
        pinned: ['Order'],
        routes: { 'rel:Order.customer': { points: [{ x: 1, y: 2 }], ends: [{ x: 300, y: 40 }, { x: 0, y: 0 }] } },
      },
    };
    store().openDocument('saved', 'Shop', old);
    const { model, layout } = store().document;
    const orderId = idOf('Order')!;
    const relId = model.resources[1]!.relationships![0]!.id!;
    expect(relId).toMatch(/^rel-/);
    expect(layout.positions).toEqual({ [idOf('Customer')!]: { x: 0, y: 0 }, [orderId]: { x: 300, y: 40 } });
    expect(layout.pinned).toEqual([orderId]);
    expect(Object.keys(layout.routes!)).toEqual([`rel:${relId}`]);
    // The canvas finds it all under the ids.
    const flow = toFlow(model, store().normalized, layout, null);
    expect(flow.nodes.find((n) => n.data.name === 'Order')).toMatchObject({ id: orderId, position: { x: 300, y: 40 }, data: { pinned: true } });
    expect(flow.edges.map((e) => e.id)).toEqual([`rel:${relId}`]);
    // A document that already has ids is left as it is.
    const withIds = store().document;
    store().openDocument('saved', 'Shop', withIds);
    expect(store().document).toBe(withIds);
  });

  it('renaming a selected resource keeps its id, place and selection; undo and redo too', () => {
    const id = idOf('Order');
    store().select({ kind: 'resource', resource: 'Order' });
    const ids = store().selectionIds;
    expect(ids).toEqual({ kind: 'resource', resourceId: id });
    expect(store().dispatch([{ kind: 'renameResource', from: 'Order', to: 'Purchase' }], 'Rename').ok).toBe(true);
    expect(idOf('Purchase')).toBe(id);
    expect(store().selection).toEqual({ kind: 'resource', resource: 'Purchase' });
    expect(store().selectionIds).toEqual(ids);
    expect(pos('Purchase')).toEqual({ x: 300, y: 0 });
    store().undo();
    expect(store().document).toEqual(opened);
    expect(store().selection).toEqual({ kind: 'resource', resource: 'Order' });
    expect(pos('Order')).toEqual({ x: 300, y: 0 });
    store().redo();
    expect(idOf('Purchase')).toBe(id);
    expect(store().selection).toEqual({ kind: 'resource', resource: 'Purchase' });
  });

  it('renaming a selected attribute keeps it selected (an update without id keeps the id)', () => {
    const attrId = store().document.model.resources[1]!.attributes![0]!.id;
    store().select({ kind: 'attribute', resource: 'Order', attribute: 'id' });
    store().dispatch([{ kind: 'updateAttribute', resource: 'Order', name: 'id', attribute: { name: 'key', type: 'uuid', primaryKey: true } }]);
    expect(store().document.model.resources[1]!.attributes![0]).toEqual({ id: attrId, name: 'key', type: 'uuid', primaryKey: true });
    expect(store().selection).toEqual({ kind: 'attribute', resource: 'Order', attribute: 'key' });
    store().undo();
    expect(store().selection).toEqual({ kind: 'attribute', resource: 'Order', attribute: 'id' });
    expect(store().document).toEqual(opened);
  });

  it('what is added gets a fresh id; a copy of an existing resource gets new ones; undo and redo keep them', () => {
    const customer = store().document.model.resources[0]!;
    store().dispatch([{ kind: 'addResource', resource: { ...customer, name: 'Client' }, position: { x: 5, y: 5 } }], 'Paste');
    const client = store().document.model.resources[2]!;
    expect(client.id).toMatch(/^res-/);
    expect(client.id).not.toBe(customer.id);
    expect(client.attributes![0]!.id).not.toBe(customer.attributes![0]!.id);
    expect(pos('Client')).toEqual({ x: 5, y: 5 });
    store().dispatch([{ kind: 'addAttribute', resource: 'Client', attribute: { name: 'email', type: 'string' } }]);
    const email = store().document.model.resources[2]!.attributes![1]!;
    expect(email.id).toMatch(/^att-/);
    const after = store().document;
    store().undo();
    store().undo();
    store().redo();
    store().redo();
    expect(store().document).toEqual(after);
  });

  it('holds an implicit field (a belongs_to attribute) by name', () => {
    store().dispatch([{ kind: 'addRelationship', resource: 'Order', relationship: { kind: 'belongs_to', name: 'customer', destination: 'Customer' } }]);
    store().select({ kind: 'attribute', resource: 'Order', attribute: 'customer_id' });
    expect(store().selectionIds).toEqual({ kind: 'attribute', resourceId: idOf('Order'), attributeId: 'customer_id' });
    store().dispatch([{ kind: 'renameResource', from: 'Order', to: 'Purchase' }]);
    expect(store().selection).toEqual({ kind: 'attribute', resource: 'Purchase', attribute: 'customer_id' });
  });
});

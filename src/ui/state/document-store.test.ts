import { beforeEach, describe, expect, it } from 'vitest';
import { MODEL_FORMAT } from '../../core/index';
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

describe('document store', () => {
  beforeEach(() => store().replaceDocument(doc()));

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
    expect(store().document).toEqual(doc());
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
    expect(store().document.layout.positions.Order).toEqual({ x: 300, y: 0 });
  });

  it('node moves are undoable and a new edit clears redo', () => {
    store().dispatch([{ kind: 'moveNode', resource: 'Customer', to: { x: 50, y: 60 } }], 'Move Customer');
    expect(store().undoLabel).toBe('Move Customer');
    store().undo();
    expect(store().document.layout.positions.Customer).toEqual({ x: 0, y: 0 });
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
    expect(store().document).toEqual(doc());
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
    expect(store().document.model).toEqual(blog.model);
    expect(store().canUndo).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../../core/index';
import type { Model, Relationship } from '../../core/index';
import { keysSummary, rowsSummary } from './relationship-summary';

const model: Model = {
  format: 'relata/model@1',
  name: 'Shop',
  resources: [
    { name: 'Order', attributes: [{ name: 'id', type: 'integer', primaryKey: true }], relationships: [
      { name: 'customer', kind: 'belongs_to', destination: 'Customer' },
      { name: 'lines', kind: 'has_many', destination: 'Line', limit: 5, filter: 'qty > 0', sort: [{ field: 'qty', order: 'desc' }] },
      { name: 'tags', kind: 'many_to_many', destination: 'Tag', through: 'OrderTag' },
      { name: 'loose', kind: 'has_many', destination: 'Line', noAttributes: true },
    ] },
    { name: 'Customer', attributes: [{ name: 'id', type: 'integer', primaryKey: true }] },
    { name: 'Line', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'qty', type: 'integer' }, { name: 'order_id', type: 'integer' }] },
    { name: 'Tag', attributes: [{ name: 'id', type: 'integer', primaryKey: true }] },
    { name: 'OrderTag', attributes: [{ name: 'order_id', type: 'integer' }, { name: 'tag_id', type: 'integer' }] },
  ],
};
const rel = (name: string) => normalizeModel(model).resources.find((r) => r.name === 'Order')!.relationships.find((r) => r.name === name)!;
const raw = (name: string) => model.resources[0]!.relationships!.find((r) => r.name === name)! as Relationship;

describe('folded relationship sections', () => {
  it('Keys says which attributes join, or why none do', () => {
    expect(keysSummary(rel('customer'), false)).toBe('customer_id → id');
    expect(keysSummary(rel('lines'), false)).toBe('id → order_id');
    expect(keysSummary(rel('tags'), false)).toBe('through OrderTag');
    expect(keysSummary(rel('loose'), false)).toBe('no attributes');
    expect(keysSummary(rel('lines'), true)).toBe('manual code');
  });

  it('Rows lists what narrows or orders the related rows', () => {
    expect(rowsSummary(raw('lines'))).toBe('filter · sort · limit 5');
    expect(rowsSummary(raw('customer'))).toBe('all rows');
  });
});

import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine';
import type { Model } from '../model/types';
import { Query, QueryBuildError } from './builder';

describe('Query builder', () => {
  it('is immutable: every method returns a new query and leaves the old one as it was', () => {
    const base = Query.for('Ticket');
    const filtered = base.filter('priority > ^min', { min: 3 });
    expect(base.toRequest()).toEqual({ resource: 'Ticket' });
    expect(filtered.toRequest()).toEqual({ resource: 'Ticket', filter: 'priority > ^min', params: { min: 3 } });
    expect(Object.isFrozen(filtered)).toBe(true);
  });

  it('ANDs filters, appends sorts, unions selects', () => {
    const q = Query.for('Ticket')
      .filter('priority > 1')
      .filter('status == :open')
      .sort('priority')
      .sort([{ field: 'id', order: 'desc' }])
      .select(['id', 'subject'])
      .select(['subject', 'status']);
    expect(q.toRequest()).toEqual({
      resource: 'Ticket',
      filter: '(priority > 1) and (status == :open)',
      sort: [{ field: 'priority' }, { field: 'id', order: 'desc' }],
      select: ['id', 'subject', 'status'],
    });
  });

  it('ensureSelected only adds fields when a select is in place', () => {
    expect(Query.for('T').ensureSelected(['a']).toRequest().select).toBeUndefined();
    expect(Query.for('T').select(['b']).ensureSelected(['a']).toRequest().select).toEqual(['b', 'a']);
  });

  it('limit and offset clamp to non-negative integers; limit(null) is a no-op', () => {
    expect(Query.for('T').limit(-3).offset(-1).toRequest()).toEqual({ resource: 'T', limit: 0, offset: 0 });
    expect(Query.for('T').limit(2).limit(null).toRequest().limit).toBe(2);
  });

  it('merges loads of the same relationship and unsets keys', () => {
    const q = Query.for('Rep')
      .load({ tickets: { select: ['id'] } })
      .load({ tickets: Query.for('Ticket').sort('priority').load('comments') })
      .filter('id > 1')
      .limit(5);
    expect(q.toRequest().load).toEqual({ tickets: { select: ['id'], sort: [{ field: 'priority' }], load: { comments: {} } } });
    expect(q.unset(['filter', 'limit', 'load']).toRequest()).toEqual({ resource: 'Rep' });
  });

  it('throws a coded error for an expression that does not parse', () => {
    expect(() => Query.for('T').filter('priority >>')).toThrow(QueryBuildError);
  });

  it('applyTo filters, sorts, offsets and limits records in memory with the engine semantics', async () => {
    const model: Model = {
      format: 'relata/model@1',
      name: 'M',
      resources: [{ name: 'T', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'p', type: 'integer' }] }],
    };
    const engine = createEngine({ model, dataLayer: { kind: 'memory' } });
    if (!engine.ok) throw new Error(engine.error.message);
    const records = [{ id: 1, p: 3 }, { id: 2, p: null }, { id: 3, p: 5 }, { id: 4, p: 1 }];
    const out = await Query.for('T').filter('p >= 1').sort({ field: 'p', order: 'desc' }).offset(1).limit(1).applyTo(records, engine.value);
    expect(out).toEqual({ ok: true, value: [{ id: 1, p: 3 }] });
  });
});

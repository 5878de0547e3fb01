import { describe, expect, it } from 'vitest';
import { getTemplate, normalizeModel } from '../../core/index';
import { actionFields, buildActionRequest, changedKeys, findAction, parseFieldValue, primaryKeyText } from './action-form';

const model = normalizeModel(getTemplate('helpdesk').model);

describe('action form', () => {
  it('fields come from the accept list and the arguments', () => {
    const open = findAction(model, 'Ticket', 'open')!;
    expect(actionFields(open.resource, open.action)).toEqual([
      { name: 'subject', source: 'attribute', type: 'string', required: true },
      { name: 'reporter_id', source: 'argument', type: 'integer', required: false, manages: 'reporter' },
    ]);
    const assign = findAction(model, 'Ticket', 'assign')!;
    expect(actionFields(assign.resource, assign.action)).toEqual([
      { name: 'representative_id', source: 'argument', type: 'integer', required: true, manages: 'representative' },
    ]);
    // A default update accepts every writable attribute.
    const update = findAction(model, 'Ticket', 'update')!;
    expect(actionFields(update.resource, update.action).map((f) => f.name)).toContain('status');
    expect(findAction(model, 'Ticket', 'nope')).toBeUndefined();
  });

  it('parses values by type; empty is not given', () => {
    expect(parseFieldValue('integer', ' 2 ')).toEqual({ ok: true, value: 2 });
    expect(parseFieldValue('integer', '1, 2')).toEqual({ ok: true, value: [1, 2] });
    expect(parseFieldValue('integer', '1.5').ok).toBe(false);
    expect(parseFieldValue('string', '')).toEqual({ ok: true, value: undefined });
    expect(parseFieldValue('string', 'nil')).toEqual({ ok: true, value: null });
    expect(parseFieldValue('boolean', 'true')).toEqual({ ok: true, value: true });
    expect(parseFieldValue('map', '[{"label": "x"}]')).toEqual({ ok: true, value: [{ label: 'x' }] });
    expect(parseFieldValue('map', 'a, 2')).toEqual({ ok: true, value: ['a', 2] });
  });

  it('builds the request, asking for a primary key for update actions', () => {
    const open = findAction(model, 'Ticket', 'open')!;
    expect(buildActionRequest(open.resource, open.action, { subject: 'No power', reporter_id: '2' }, '')).toEqual({
      ok: true, request: { resource: 'Ticket', action: 'open', input: { subject: 'No power', reporter_id: 2 } },
    });
    const close = findAction(model, 'Ticket', 'close')!;
    expect(buildActionRequest(close.resource, close.action, {}, '')).toEqual({ ok: false, errors: { primaryKey: expect.any(String) } });
    expect(buildActionRequest(close.resource, close.action, {}, '5')).toEqual({ ok: true, request: { resource: 'Ticket', action: 'close', input: {}, primaryKey: 5 } });
    const assign = findAction(model, 'Ticket', 'assign')!;
    expect(buildActionRequest(assign.resource, assign.action, { representative_id: 'x' }, '5')).toEqual({ ok: false, errors: { representative_id: 'expected an integer' } });
  });

  it('changed keys and the record key', () => {
    expect(changedKeys({ id: 1, status: 'new', x: null }, { id: 1, status: 'open', x: null })).toEqual(['status']);
    expect(changedKeys(null, { id: 1 })).toEqual(['id']);
    const ticket = model.resources.find((r) => r.name === 'Ticket')!;
    expect(primaryKeyText(ticket, { id: 11, subject: 's' })).toBe('11');
    expect(primaryKeyText(ticket, null)).toBe('');
  });
});

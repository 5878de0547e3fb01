import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../../core/index';
import type { Model } from '../../core/index';
import { expressionCompletions, expressionProblems, parentDepth } from './expression-language';

const model: Model = {
  format: 'relata/model@1',
  name: 'H',
  resources: [
    { name: 'Representative', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'priority_threshold', type: 'integer' }] },
    {
      name: 'Ticket',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'priority', type: 'integer' }],
      relationships: [{ kind: 'belongs_to', name: 'representative', destination: 'Representative', attributeType: 'integer' }],
    },
  ],
};
const scope = { model: normalizeModel(model), resource: 'Ticket', parents: ['Representative'] };

describe('expression diagnostics', () => {
  it('reports nothing for a good filter', () => {
    expect(expressionProblems('priority > parent(priority_threshold)', scope)).toEqual([]);
  });
  it('reports a parse error at its span', () => {
    const [p] = expressionProblems('priority > ', scope);
    expect(p).toMatchObject({ severity: 'error' });
    expect(p!.from).toBeLessThanOrEqual(11);
  });
  it('reports an unknown reference at its span', () => {
    const problems = expressionProblems('priorty > 1', scope);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ from: 0, to: 7 });
  });
});

describe('expression completion', () => {
  const labels = (text: string, pos = text.length) => expressionCompletions(text, pos, scope)?.items.map((i) => i.label) ?? [];
  it('completes destination fields', () => {
    expect(labels('pri')).toEqual(['priority']);
    expect(labels('')).toContain('representative');
  });
  it('completes the source inside parent(', () => {
    expect(parentDepth('parent(pri', 10)).toBe(1);
    expect(labels('priority > parent(pri')).toEqual(['priority_threshold']);
    expect(labels('parent(x) and pri')).toEqual(['priority']);
  });
  it('follows relationship paths', () => {
    expect(labels('representative.')).toEqual(['id', 'priority_threshold']);
  });
  it('completes aggregate names, also through paths', () => {
    const withAggregates: Model = {
      ...model,
      resources: model.resources.map((r) =>
        r.name === 'Representative'
          ? { ...r, relationships: [{ kind: 'has_many', name: 'tickets', destination: 'Ticket' }], aggregates: [{ name: 'ticket_count', kind: 'count', path: ['tickets'] }] }
          : r),
    };
    const s = { model: normalizeModel(withAggregates), resource: 'Representative', parents: [] };
    expect(expressionCompletions('ticket_', 7, s)?.items.map((i) => i.label)).toEqual(['ticket_count']);
    const t = { ...s, resource: 'Ticket' };
    expect(expressionCompletions('representative.tic', 18, t)?.items.map((i) => [i.label, i.detail])).toEqual([['tickets', 'has_many Ticket'], ['ticket_count', 'count tickets']]);
  });
});

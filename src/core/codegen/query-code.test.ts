import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../model/normalize';
import { getTemplate } from '../templates/index';
import { toAshQueryCode, toTypeScriptQueryCode } from './query-code';

const helpdesk = normalizeModel(getTemplate('helpdesk').model);

describe('toAshQueryCode', () => {
  it('writes a pipeline with modules, filter, sort, limit and nested loads', () => {
    const code = toAshQueryCode({
      resource: 'Representative',
      filter: 'priority_threshold >= ^min',
      params: { min: 3 },
      sort: [{ field: 'name' }],
      limit: 10,
      load: { tickets: { sort: [{ field: 'priority', order: 'desc' }], limit: 3, load: { comments: {} } } },
    }, helpdesk);
    expect(code).toBe(`min = 3

require Ash.Query

Helpdesk.Support.Representative
|> Ash.Query.filter(priority_threshold >= ^min)
|> Ash.Query.sort(name: :asc)
|> Ash.Query.limit(10)
|> Ash.Query.load(
  [
    tickets: Helpdesk.Support.Ticket
    |> Ash.Query.sort(priority: :desc)
    |> Ash.Query.limit(3)
    |> Ash.Query.load(:comments)
  ]
)
|> Ash.read!()
`);
  });

  it('writes plain loads as atoms and keeps select and strict', () => {
    const code = toAshQueryCode({ resource: 'Ticket', select: ['id', 'subject'], strict: true, load: { comments: {}, reporter: {} } });
    expect(code).toContain('|> Ash.Query.select([:id, :subject])');
    expect(code).toContain('|> Ash.Query.load([:comments, :reporter], strict?: true)');
  });
});

describe('toAshQueryCode: calculations and aggregates', () => {
  it('loads calculations and aggregates by name, as Ash does', () => {
    const code = toAshQueryCode({ resource: 'Person', calculations: ['full_name'], aggregates: ['post_count'], load: { team: { calculations: ['loud'] } } });
    expect(code).toContain('|> Ash.Query.load(\n  [\n    post_count: [],\n    full_name: [],\n    team: team');
    expect(code).toContain('|> Ash.Query.load(:loud)');
    expect(toAshQueryCode({ resource: 'Person', calculations: ['full_name', 'adult?'] })).toContain('|> Ash.Query.load([:full_name, :adult?])');
  });
});

describe('toTypeScriptQueryCode', () => {
  it('writes the request as a literal passed to engine.read', () => {
    const code = toTypeScriptQueryCode({ resource: 'Ticket', filter: 'priority > 3', load: { comments: {} } });
    expect(code).toContain("resource: 'Ticket'".replace(/'/g, '"'));
    expect(code).toContain('engine.read(request)');
    const literal = code.slice(code.indexOf('= {') + 2, code.indexOf('};') + 1);
    // The literal is valid JavaScript that evaluates to the request.
    expect(new Function(`return (${literal});`)()).toEqual({ resource: 'Ticket', filter: 'priority > 3', load: { comments: {} } });
  });
});

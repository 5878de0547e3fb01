import { describe, expect, it } from 'vitest';
import { validateModel } from '../validate/validate';
import { normalizeModel } from '../model/normalize';
import { parseModel } from '../model/parse';
import { TEMPLATES, getTemplate } from './index';

describe('templates', () => {
  for (const t of TEMPLATES) {
    it(`${t.name} validates with no error diagnostics`, () => {
      const errors = validateModel(t.model).filter((d) => d.severity === 'error');
      expect(errors).toEqual([]);
    });

    it(`${t.name} parses as relata/model@1 and round-trips through JSON`, () => {
      const parsed = parseModel(JSON.parse(JSON.stringify(t.model)));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.value).toEqual(t.model);
    });

    it(`${t.name} sample data names only resources and attributes of the model`, () => {
      const normalized = normalizeModel(t.model);
      for (const [resourceName, rows] of Object.entries(t.data)) {
        const resource = normalized.resources.find((r) => r.name === resourceName);
        expect(resource, resourceName).toBeDefined();
        const names = new Set(resource!.attributes.map((a) => a.name));
        for (const row of rows) for (const key of Object.keys(row)) expect(names.has(key), `${resourceName}.${key}`).toBe(true);
      }
    });
  }

  it('helpdesk has the manual and the noAttributes relationships of the seed', () => {
    const m = getTemplate('helpdesk').model;
    const rep = m.resources.find((r) => r.name === 'Representative')!;
    const manual = rep.relationships!.find((r) => r.name === 'tickets_above_threshold')!;
    expect(manual.kind).toBe('has_many');
    expect(manual.kind === 'has_many' && manual.manual?.language).toBe('javascript');
    const ticket = m.resources.find((r) => r.name === 'Ticket')!;
    const higher = ticket.relationships!.find((r) => r.name === 'higher_priority_tickets')!;
    expect(higher.kind === 'has_many' && higher.noAttributes).toBe(true);
    expect(higher.filter).toBe('priority > parent(priority)');
  });

  it('getTemplate returns a copy that can be edited freely', () => {
    const a = getTemplate('blog');
    a.model.resources.pop();
    expect(getTemplate('blog').model.resources).toHaveLength(5);
  });
});

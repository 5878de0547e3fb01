import { describe, expect, it } from 'vitest';
import { fromElixir } from '../import/elixir';
import { fromTypeScript, resourceFromTypeScript } from '../import/typescript';
import { TEMPLATES } from '../templates/index';
import { toElixir, toElixirResource, toElixirSource } from './elixir';
import { toTypeScriptResource } from './typescript';

describe('one resource as text (the code panel)', () => {
  for (const t of TEMPLATES) {
    it(`${t.name}: every resource reads back from its own Ash module and TypeScript definition`, () => {
      for (const r of t.model.resources) {
        const ex = toElixirResource(t.model, r.name) as string;
        expect(ex).toContain(`use Ash.Resource,`);
        expect(toElixir(t.model).files.map((f) => f.content)).toContain(ex);
        const read = fromElixir(ex, t.model);
        if (!read.ok) throw new Error(read.error.message);
        expect(read.value.model.resources).toHaveLength(1);
        const ts = resourceFromTypeScript(toTypeScriptResource(t.model, r.name) as string);
        if (!ts.ok) throw new Error(ts.error.message);
        expect(ts.value.resource).toEqual(r);
      }
      const whole = fromElixir(toElixirSource(t.model), t.model);
      expect(whole.ok && whole.value.model.resources.map((r) => r.name)).toEqual(t.model.resources.map((r) => r.name));
    });
  }

  it('resolves aliases to the context model and gives manual relationships their JavaScript back', () => {
    const helpdesk = TEMPLATES.find((t) => t.name === 'helpdesk')!.model;
    const owner = helpdesk.resources.find((r) => (r.relationships ?? []).some((rel) => 'manual' in rel && rel.manual))!;
    const text = toElixirResource(helpdesk, owner.name) as string;
    // Alone, the other resources are unknown: they become external placeholders.
    const alone = fromElixir(text);
    expect(alone.ok && alone.value.model.resources.slice(1).every((r) => r.external === true)).toBe(true);
    const read = fromElixir(text, helpdesk);
    if (!read.ok) throw new Error(read.error.message);
    const manual = (owner.relationships ?? []).find((rel) => 'manual' in rel && rel.manual)!;
    const back = read.value.model.resources[0]!.relationships!.find((rel) => rel.name === manual.name)!;
    expect('manual' in back && back.manual).toEqual('manual' in manual && manual.manual);
    expect(read.value.model.name).toBe(helpdesk.name);
  });

  it('reports a broken TypeScript resource with its line, and the model reader still wants defineModel', () => {
    const r = resourceFromTypeScript("import { defineResource } from 'relata';\n\nexport const resource = defineResource({\n  name: 'X',\n  attributes: [nope],\n});\n");
    expect(!r.ok && r.error.problems[0]).toMatchObject({ line: 5 });
    expect(fromTypeScript("export const resource = defineResource({ name: 'X' });").ok).toBe(false);
  });
});

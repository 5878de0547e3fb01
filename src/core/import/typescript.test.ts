import { describe, expect, it } from 'vitest';
import { fromTypeScript } from './typescript';

describe('fromTypeScript', () => {
  it('reads constants, skips imports, interfaces and type aliases', () => {
    const r = fromTypeScript(`import { defineModel } from 'relata';
const SRC = \`export const load = (r) => r.map(() => []);\`;
export type Id = number;
export const model = defineModel({
  format: 'relata/model@1', name: "M", // trailing comments are fine
  resources: [{ name: 'A', relationships: [{ kind: 'has_many', name: 'xs', destination: 'A', manual: { language: 'javascript', source: SRC } }] }],
});
export interface A { id: number; xs?: A[] }
`);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.model.resources[0]?.relationships?.[0]).toMatchObject({ manual: { source: 'export const load = (r) => r.map(() => []);' } });
  });

  it('reports what it cannot read with its line and returns no model', () => {
    const cases: [string, number, RegExp][] = [
      ["const model = defineModel({\n  name: 'x',\n  resources: [...others],\n});", 3, /expected a value/],
      ["const model = defineModel({\n  name: other,\n});", 2, /Unknown name `other`/],
      ["import x from 'y';\nclass F {}\n", 2, /Unexpected "class"/],
      ["const x = 'a';\n", 1, /No `defineModel/],
      ["const model = defineModel({\n  format: 'relata/model@1',\n  name: 'x',\n  resources: [{ name: 1 }],\n});", 1, /name/],
    ];
    for (const [text, line, message] of cases) {
      const r = fromTypeScript(text);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.problems[0]?.line).toBe(line);
      expect(r.error.problems[0]?.message).toMatch(message);
    }
  });
});

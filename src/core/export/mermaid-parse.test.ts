/**
 * Mermaid's own parser (the `mermaid` package's `parse`, which runs in Node without a DOM for
 * erDiagram) accepts every export: the templates and names that are words of its grammar.
 */
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import type { Model, Resource } from '../model/types';
import { TEMPLATES } from '../templates/index';
import { toMermaid } from './mermaid';

async function parseError(text: string): Promise<string | undefined> {
  return mermaid.parse(text).then(() => undefined, (e: unknown) => (e instanceof Error ? e.message : String(e)));
}

const KEYWORD_NAMES = ['Class', 'ClassDef', 'Style', 'End', 'One', 'Many', 'Only', 'Zero', 'To', 'U', 'O', 'Subgraph', 'Direction', 'Title', 'ErDiagram', 'Pk', 'Onex', 'Users', 'Ending', 'Optionally', 'AccTitle'];

const keywords: Model = {
  format: 'relata/model@1', name: 'Keywords', resources: KEYWORD_NAMES.map((name, i): Resource => ({
    name,
    attributes: [
      { name: 'id', type: 'integer', primaryKey: true },
      { name: 'pk', type: 'string' }, { name: 'fk', type: 'string' }, { name: 'uk', type: 'string' }, { name: 'PK', type: 'string' },
      { name: 'is_public?', type: 'boolean', allowNil: false }, { name: 'bang!', type: 'string', constraints: { oneOf: ['a "b"', 'c'] } },
      { name: '1st', type: 'string' },
    ],
    relationships: i === 0 ? [] : [{ kind: 'belongs_to', name: 'end', destination: KEYWORD_NAMES[i - 1] as string, attributeType: 'integer' }],
  })),
};

describe('Mermaid parses every export', () => {
  for (const model of [...TEMPLATES.map((t) => t.model), keywords]) {
    it(`${model.name}`, async () => {
      expect(await parseError(toMermaid(model))).toBeUndefined();
    });
  }

  it('the parser is strict: an unquoted keyword entity and a pk attribute fail', async () => {
    expect(await parseError('erDiagram\n  Class {\n    integer id PK\n  }\n')).toMatch(/Parse error/);
    expect(await parseError('erDiagram\n  A {\n    integer pk\n  }\n')).toMatch(/Parse error/);
  });

  it('quotes keyword entities and keeps the real attribute name in the comment', () => {
    const out = toMermaid(keywords);
    expect(out).toContain('  "Class" {');
    expect(out).toContain('    string pk_ "name pk"');
    expect(out).toContain('    boolean is_public_ "name is_public?; not null"');
    expect(out).toContain('  "One" }o--o| "End" : "end"');
  });
});

import { describe, expect, it } from 'vitest';
import type { ImportSuggestion, Model } from '../../core/index';
import { toBundle } from './export-files';
import { applySuggestions, formatForFile, readModelText, suggestionLabel } from './import-formats';

const DDL = `CREATE TABLE authors (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors(id)
);`;

describe('formatForFile', () => {
  it('goes by the extension, then by the text', () => {
    expect(formatForFile('m.relata.json', '{}')).toBe('json');
    expect(formatForFile('post.ex', '')).toBe('elixir');
    expect(formatForFile('model.ts', '')).toBe('typescript');
    expect(formatForFile('schema.sql', DDL)).toBe('sqlite');
    expect(formatForFile('schema.sql', 'CREATE TABLE t (id uuid PRIMARY KEY, d jsonb);')).toBe('postgres');
    expect(formatForFile('schema.sql', DDL, 'postgres')).toBe('postgres');
    expect(formatForFile('dump.sql', 'CREATE TABLE `t` (`id` int unsigned NOT NULL AUTO_INCREMENT) ENGINE=InnoDB;')).toBe('mysql');
    expect(formatForFile('notes.txt', 'defmodule A do end')).toBe('elixir');
    expect(formatForFile('notes.txt', '  { "format": 1 }')).toBe('json');
  });
});

describe('readModelText and applySuggestions', () => {
  it('SQL keeps the current model name and offers the inverse has_many', () => {
    const r = readModelText(DDL, 'sqlite', 'Blog');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.model.name).toBe('Blog');
    expect(r.value.suggestions).toHaveLength(1);
    const s = r.value.suggestions[0]!;
    expect(suggestionLabel(s)).toBe('Add has_many :posts to Author (→ Post)');
    const applied = applySuggestions(r.value.model, [s]);
    expect(applied.skipped).toEqual([]);
    expect(applied.model.resources.find((x) => x.name === 'Author')?.relationships).toEqual([s.relationship]);
    // The input is not mutated.
    expect(r.value.model.resources.find((x) => x.name === 'Author')?.relationships ?? []).toEqual([]);
  });

  it('a read lists what it could not carry with its line; a failed read lists problems with their lines', () => {
    const partial = readModelText('CREATE TABLE x (\n id INTEGER PRIMARY KEY,\n foo ,,\n);', 'sqlite', 'M');
    expect(partial.ok ? partial.value.warnings.map((w) => w.line) : []).toEqual([3]);
    const r = readModelText('-- no tables\nCREATE VIEW v AS SELECT 1;', 'sqlite', 'M');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.problems.map((p) => p.line)).toEqual([1, 2]);
  });

  it('skips a suggestion whose name is taken and leaves the model as it is without suggestions', () => {
    const model: Model = {
      format: 'relata/model@1',
      name: 'M',
      resources: [{ name: 'A', attributes: [], relationships: [{ kind: 'has_many', name: 'bs', destination: 'B' }] }, { name: 'B', attributes: [] }],
    };
    const s: ImportSuggestion = { resource: 'A', relationship: { kind: 'has_many', name: 'bs', destination: 'B' }, reason: 'x' };
    const missing: ImportSuggestion = { resource: 'Nope', relationship: { kind: 'has_many', name: 'bs', destination: 'B' }, reason: 'x' };
    const res = applySuggestions(model, [s, missing]);
    expect(res.skipped).toEqual([s, missing]);
    expect(res.model).toBe(model);
    expect(applySuggestions(model, []).model).toBe(model);
  });
});

describe('toBundle', () => {
  it('joins files under a header line naming each path', () => {
    const text = toBundle([{ path: 'lib/a.ex', content: 'defmodule A do\nend\n' }, { path: 'lib/b.ex', content: 'x' }]);
    expect(text).toBe('# ==== lib/a.ex ====\ndefmodule A do\nend\n\n# ==== lib/b.ex ====\nx\n');
  });
});

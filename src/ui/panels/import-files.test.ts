import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../core/index';
import { formatForFiles, isRelevant, problemPlace, relevantFiles, summarize, unzipSources } from './import-files';

describe('import files', () => {
  it('keeps only the files a format reads, skipping build output and dependencies', () => {
    expect(isRelevant('lib/app/post.ex', 'elixir')).toBe(true);
    expect(isRelevant('test/support/x.exs', 'elixir')).toBe(true);
    expect(isRelevant('deps/ash/lib/ash.ex', 'elixir')).toBe(false);
    expect(isRelevant('_build/dev/lib/x.ex', 'elixir')).toBe(false);
    expect(isRelevant('.hidden/x.ex', 'elixir')).toBe(false);
    expect(isRelevant('mix.lock', 'elixir')).toBe(false);
    expect(isRelevant('README.md', 'elixir')).toBe(false);
    expect(isRelevant('db/structure.sql', 'postgres')).toBe(true);
    expect(isRelevant('src/model.ts', 'typescript')).toBe(true);
    expect(isRelevant('src/model.d.ts', 'typescript')).toBe(false);
    expect(isRelevant('src/model.test.ts', 'typescript')).toBe(false);
  });

  it('guesses the format from the files, keeping the chosen one when it applies', () => {
    expect(formatForFiles(['lib/a.ex', 'lib/b.ex', 'README.md'], 'json')).toBe('elixir');
    expect(formatForFiles(['schema.sql'], 'postgres')).toBe('postgres');
    expect(formatForFiles(['schema.sql'], 'json')).toBe('sqlite');
    expect(formatForFiles(['notes.txt'], 'typescript')).toBe('typescript');
  });

  it('unzips a project and imports its Ash resources as one model', () => {
    const zip = zipSync({
      'app/lib/app/blog/post.ex': strToU8('defmodule App.Blog.Post do\n  use Ash.Resource, domain: App.Blog\n  attributes do\n    uuid_primary_key :id\n    attribute :title, :string\n  end\n  relationships do\n    belongs_to :author, App.Blog.Author\n  end\nend\n'),
      'app/lib/app/blog/author.ex': strToU8('defmodule App.Blog.Author do\n  use Ash.Resource, domain: App.Blog\n  attributes do\n    uuid_primary_key :id\n    attribute :name, :string\n  end\nend\n'),
      'app/deps/other/lib/x.ex': strToU8('this is not elixir ((('),
      'app/README.md': strToU8('# app'),
      'app/lib/': new Uint8Array(),
    });
    const z = unzipSources(zip);
    if (!z.ok) throw new Error(z.message);
    const files = relevantFiles(z.files, 'elixir');
    expect(files.map((f) => f.path)).toEqual(['app/lib/app/blog/author.ex', 'app/lib/app/blog/post.ex']);
    const r = importFiles(files, 'elixir');
    if (r instanceof Promise) throw new Error('unexpected promise');
    if (!r.ok) throw new Error(r.error.message);
    const s = summarize(r.value);
    expect(s.resources).toBe(2);
    expect(s.relationships).toBeGreaterThanOrEqual(1);
  });

  it('reports a broken archive as a value', () => {
    const z = unzipSources(new Uint8Array([1, 2, 3, 4]));
    expect(z.ok).toBe(false);
  });

  it('names file and line of a problem', () => {
    expect(problemPlace({ file: 'lib/a.ex', line: 3, message: 'x' })).toBe('lib/a.ex:3');
    expect(problemPlace({ line: 3, message: 'x' })).toBe('Line 3');
  });

  it('counts placeholders apart from imported resources', () => {
    const s = summarize({
      model: { format: 'relata/model@1', name: 'M', resources: [
        { name: 'A', relationships: [{ kind: 'belongs_to', name: 'u', destination: 'User' }], calculations: [{ name: 'c', type: 'string', expression: '"x"' }] },
        { name: 'User', external: true },
      ] },
      suggestions: [],
      warnings: [],
    });
    expect(s).toEqual({ resources: 1, relationships: 1, external: ['User'], calculations: 1, identities: 0, preserved: 0 });
  });
});

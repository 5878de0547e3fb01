/**
 * Every generated file is parsed by Elixir's own parser. `elixir` comes from Debian's package
 * (`node scripts/ensure-elixir.mjs` installs it); without it these tests fail, they never skip.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromElixir } from '../import/elixir';
import { normalizeModel } from '../model/normalize';
import type { Model } from '../model/types';
import { TEMPLATES } from '../templates/index';
import { toElixir } from './elixir';

const elixir = process.env.ELIXIR_PATH ?? 'elixir';

/** Parses each file with `Code.string_to_quoted!`; returns the failures. */
function parseWithElixir(files: { path: string; content: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'relata-ex-'));
  const paths = files.map((f, i) => {
    const p = join(dir, `${i}.ex`);
    writeFileSync(p, f.content);
    return p;
  });
  const script = `for p <- System.argv() do
  try do
    Code.string_to_quoted!(File.read!(p), file: p)
  rescue
    e -> IO.puts("#{p}: #{Exception.message(e)}")
  end
end`;
  const r = spawnSync(elixir, ['-e', script, ...paths], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}${r.status === 0 ? '' : r.stderr}`.trim();
}

beforeAll(() => {
  const probe = spawnSync(elixir, ['-e', 'IO.puts(:ok)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error('elixir is not installed: run `node scripts/ensure-elixir.mjs` (installs Debian\'s elixir package)');
  }
});

const rich: Model = {
  format: 'relata/model@1', name: 'Edge', module: 'Edge.Cases', resources: [
    {
      name: 'Thing', table: 'things', description: 'Has "quotes", #{interpolation} and\nnewlines.',
      attributes: [
        { name: 'id', type: 'uuid', primaryKey: true, generated: 'uuid' },
        { name: 'code', type: 'string', constraints: { match: '^a/b|c$', minLength: 2, maxLength: 9 }, public: false },
        { name: 'ratio', type: 'float', default: 1, writable: false, description: 'a ratio' },
        { name: 'meta', type: 'map', default: { a: [1, 'x'] } },
        { name: 'kind', type: 'atom', constraints: { oneOf: ['a', 'b c'] }, default: 'b c' },
        { name: 'seen_on', type: 'date', generated: 'now' },
      ],
      relationships: [
        { kind: 'belongs_to', name: 'parent', destination: 'Thing', attributeType: 'uuid', allowNil: false, attributeWritable: false, validateDestinationAttribute: false },
        { kind: 'has_one', name: 'latest_child', destination: 'Thing', destinationAttribute: 'parent_id', sort: [{ field: 'code', order: 'desc_nils_last' }], fromMany: true, offset: 0 },
        { kind: 'has_many', name: 'children', destination: 'Thing', destinationAttribute: 'parent_id', limit: 3, defaultSort: [{ field: 'code' }, { field: 'ratio', order: 'desc' }], filter: 'contains(code, "x") and ratio > ^min', description: 'kids' },
        { kind: 'has_many', name: 'odd', destination: 'Thing', manual: { language: 'javascript', source: 'export async function load(records, opts, ctx) {\n  return records.map(() => []); // """ not simple\n}\n', options: { depth: 2 } } },
        { kind: 'many_to_many', name: 'peers', destination: 'Thing', through: 'Link', sourceAttributeOnJoinResource: 'a_id', destinationAttributeOnJoinResource: 'b_id', joinRelationship: 'peer_links' },
      ],
    },
    {
      name: 'Link',
      relationships: [
        { kind: 'belongs_to', name: 'a', destination: 'Thing', primaryKey: true, allowNil: false, defineAttribute: true },
        { kind: 'belongs_to', name: 'b', destination: 'Thing', primaryKey: true, allowNil: false },
      ],
    },
  ],
};

describe('toElixir', () => {
  for (const t of TEMPLATES) {
    it(`${t.name}: every file parses with Code.string_to_quoted!`, () => {
      expect(parseWithElixir(toElixir(t.model).files)).toBe('');
    });
    it(`${t.name}: fromElixir reads back the same model (normalized)`, () => {
      const r = fromElixir(toElixir(t.model).files.map((f) => f.content).join('\n'));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(normalizeModel(r.value.model)).toEqual(normalizeModel(t.model));
      expect(r.value.warnings).toEqual([]);
    });
  }

  it('an edge-case model parses in Elixir and round-trips (ets data layer too)', () => {
    for (const dataLayer of ['postgres', 'ets'] as const) {
      const files = toElixir(rich, { dataLayer }).files;
      expect(parseWithElixir(files)).toBe('');
      const r = fromElixir(files.map((f) => f.content).join('\n'));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const expected = normalizeModel(dataLayer === 'ets' ? { ...rich, resources: rich.resources.map(({ table: _t, ...x }) => x) } : rich);
      expect(normalizeModel(r.value.model)).toEqual(expected);
    }
  });

  it('writes the Ash DSL of the seeds', () => {
    const all = toElixir(TEMPLATES[0]!.model).files.map((f) => f.content).join('\n');
    expect(all).toContain('belongs_to :representative, Helpdesk.Support.Representative do');
    expect(all).toContain('constraints one_of: [:new, :open, :closed]');
    expect(all).toContain('filter expr(priority > parent(priority))');
    expect(all).toContain('sort [priority: :desc]');
    expect(all).toContain('no_attributes? true');
    expect(all).toContain('manual Helpdesk.Support.Representative.Relationships.TicketsAboveThreshold');
    expect(all).toContain('use Ash.Resource.ManualRelationship');
    expect(all).toContain('|> Ash.Query.filter(representative_id in ^rep_ids)');
    expect(all).toContain('|> Enum.group_by(& &1.representative_id)}');
    const twitter = toElixir(TEMPLATES[1]!.model).files.map((f) => f.content).join('\n');
    expect(twitter).toMatch(/many_to_many :followers, Twitter\.Social\.User do\n\s+through Twitter\.Social\.Follow\n\s+source_attribute_on_join_resource :followee_id\n\s+destination_attribute_on_join_resource :follower_id/);
  });

  it('an untranslatable manual relationship becomes a stub that says so', () => {
    const stub = toElixir(rich).files.find((f) => f.path.endsWith('relationships/odd.ex'));
    expect(stub?.content).toContain('# NOT TRANSLATED');
    expect(stub?.content).toContain('#   return records.map(() => []); // """ not simple');
    expect(stub?.content).toContain('@moduledoc "Manual relationship Thing.odd."');
  });
});

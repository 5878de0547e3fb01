/**
 * Real Ash apps (test/corpus/ash/<app>, sources in SOURCES.md) import whole, and the importer finds
 * the relationships (name and kind) and attributes Elixir's own parser counts (count.exs, run with
 * the `elixir` binary that scripts/ensure-elixir.mjs installs; without it this test fails).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toElixir } from '../../../src/core/export/elixir';
import { fromElixirFiles } from '../../../src/core/import/elixir';
import { normalizeModel } from '../../../src/core/model/normalize';
import { validateModel } from '../../../src/core/validate/validate';
import { loadElixirParserNode } from '../../../src/node/elixir-parser';

const root = join(import.meta.dirname, '.');
const elixir = process.env.ELIXIR_PATH ?? 'elixir';
const apps = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();

function exFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ex')).sort().map((f) => join(dir, f));
}

interface Counted { module: string; rels: string[]; attrs: string[] }

function countWithElixir(paths: string[]): Counted[] {
  const r = spawnSync(elixir, [join(root, 'count.exs'), ...paths], { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`count.exs failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.startsWith('RES\t')).map((l) => {
    const [, module = '', rels = '', attrs = ''] = l.split('\t');
    return { module, rels: rels === '' ? [] : rels.split(','), attrs: attrs === '' ? [] : attrs.split(',') };
  });
}

/** Elixir's own parser on each exported file; the failures, or ''. */
function parseWithElixir(texts: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'relata-ash-'));
  const paths = texts.map((t, i) => { const p = join(dir, `${i}.ex`); writeFileSync(p, t); return p; });
  const script = 'for p <- System.argv() do\n  try do\n    Code.string_to_quoted!(File.read!(p), file: p)\n  rescue\n    e -> IO.puts("#{p}: #{Exception.message(e)}")\n  end\nend';
  const r = spawnSync(elixir, ['-e', script, ...paths], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}${r.status === 0 ? '' : r.stderr}`.trim();
}

beforeAll(async () => {
  const probe = spawnSync(elixir, ['-e', 'IO.puts(:ok)'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error('elixir is not installed: run `node scripts/ensure-elixir.mjs`');
  await loadElixirParserNode();
});

describe('Ash corpus', () => {
  it('has apps', () => expect(apps.length).toBeGreaterThanOrEqual(5));
  for (const app of apps) {
    it(`${app}: imports whole, the relationships and attributes match Elixir's count`, () => {
      const paths = exFiles(join(root, app));
      const files = paths.map((p) => ({ path: relative(join(root, app), p), text: readFileSync(p, 'utf8') }));
      const r = fromElixirFiles(files);
      if (!r.ok) throw new Error(JSON.stringify(r.error.problems.slice(0, 5)));
      const model = r.value.model;
      const errors = validateModel(model).filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.resource}: ${d.message}`)).toEqual([]);
      const n = normalizeModel(model);
      const counted = countWithElixir(paths);
      let expected = 0;
      let found = 0;
      const missing: string[] = [];
      const attrDiff: string[] = [];
      for (const c of counted) {
        const res = n.resources.find((x) => x.module === c.module && !x.external);
        expect(res, `resource ${c.module}`).toBeDefined();
        if (!res) continue;
        for (const rel of c.rels) {
          expected++;
          const [kind, name] = rel.split(':');
          if (model.resources.find((x) => x.name === res.name)?.relationships?.some((x) => x.kind === kind && x.name === name)) found++;
          else missing.push(`${c.module} ${rel}`);
        }
        const got = (model.resources.find((x) => x.name === res.name)?.attributes ?? []).map((a) => a.name).sort();
        if (JSON.stringify(got) !== JSON.stringify([...c.attrs].sort())) attrDiff.push(`${c.module}: ${got.join(',')} vs ${c.attrs.join(',')}`);
      }
      // Each file pasted alone imports too (its other destinations become placeholders).
      const alone = files.filter((f) => /use Ash\.Resource\b(?!\.)/.test(f.text)).map((f) => fromElixirFiles([f]));
      const aloneOk = alone.filter((x) => x.ok).length;
      const externals = model.resources.filter((x) => x.external).length;
      console.log(`${app}: files ${files.length}, resources ${counted.length} (+${externals} external), relationships ${found}/${expected}, warnings ${r.value.warnings.length}, files alone ${aloneOk}/${alone.length}${missing.length ? `; missing ${missing.join('; ')}` : ''}`);
      expect(model.resources.length - externals).toBe(counted.length);
      expect(found).toBeGreaterThanOrEqual(Math.ceil(expected * 0.95));
      expect(attrDiff).toEqual([]);
      // A file alone fails only when it holds no (non-embedded) resource at all.
      expect(alone.flatMap((x) => (x.ok ? [] : x.error.problems.map((p) => p.message))).filter((m) => m !== 'No module with `use Ash.Resource` found')).toEqual([]);
    });

    it(`${app}: the Ash export parses in Elixir, and import → export → import gives the same model (normalized)`, () => {
      const files = exFiles(join(root, app)).map((p) => ({ path: relative(join(root, app), p), text: readFileSync(p, 'utf8') }));
      const first = fromElixirFiles(files);
      if (!first.ok) throw new Error(first.error.message);
      // Type modules (enums, embedded resources) are the app's own code, not exported: given again.
      const typeFiles = files.filter((f) => !/use Ash\.Resource\b(?!,\s*data_layer: :embedded)/.test(f.text) || /data_layer: :embedded/.test(f.text));
      const exported = toElixir(first.value.model).files.map((f) => ({ path: f.path, text: f.content }));
      expect(parseWithElixir(exported.map((f) => f.text))).toBe('');
      const second = fromElixirFiles([...exported, ...typeFiles.filter((f) => !/use Ash\.(Domain|Api|Registry)\b/.test(f.text))]);
      if (!second.ok) throw new Error(second.error.message);
      // Normalized: an option the source wrote out though it equals Ash's default comes back implicit.
      expect(normalizeModel(second.value.model)).toEqual(normalizeModel(first.value.model));
    });
  }
});

import { describe, expect, it } from 'vitest';
import { importFiles, importModelText, type ImportFormat } from './index';
import { resourceFromTypeScript } from './typescript';

/**
 * Issue 12: the importers return coded results for hostile input (through the public entry points:
 * the Elixir and SQL importers are being rewritten, these tests hold for any implementation).
 */
const FORMATS: ImportFormat[] = ['json', 'sqlite', 'postgres', 'elixir', 'typescript'];

function coded(run: () => unknown, budgetMs = 5000) {
  const started = Date.now();
  let r: unknown;
  expect(() => (r = run())).not.toThrow();
  expect(Date.now() - started).toBeLessThan(budgetMs);
  const res = r as { ok: boolean; error?: { code: string; problems: unknown[] } };
  expect(typeof res.ok).toBe('boolean');
  if (!res.ok) expect(res.error!.problems.length).toBeGreaterThan(0);
  return res;
}

describe('importers on hostile input', () => {
  it('TypeScript nested 100k deep is a coded error', () => {
    const text = `const model = defineModel(${'['.repeat(100_000)}${']'.repeat(100_000)});`;
    const r = coded(() => importModelText(text, 'typescript'));
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toMatch(/deeper than 200/);
  });

  it('TypeScript constants that reference each other fail fast with a budget error', () => {
    // 729 characters in the issue took 59 s of CPU: each constant doubles the one before.
    const lines = ['const C0 = "x";'];
    for (let i = 1; i <= 40; i++) lines.push(`const C${i} = [C${i - 1}, C${i - 1}];`);
    lines.push('const model = defineModel({ format: "relata/model@1", name: "X", resources: [], extra: C40 });');
    const r = coded(() => importModelText(lines.join('\n'), 'typescript'), 2000);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toMatch(/import budget exceeded/);
  });

  it('a TypeScript __proto__ key is an own key, reported, never a prototype', () => {
    for (const text of [
      'const model = defineModel({ format: "relata/model@1", name: "X", __proto__: { resources: 1 }, resources: [] });',
      'const model = defineModel({ __proto__: null, format: "relata/model@1", name: "X", resources: [] });',
      'const model = defineModel({ format: "relata/model@1", name: "X", resources: [{ name: "A", __proto__: [], attributes: [] }] });',
    ]) {
      const r = coded(() => importModelText(text, 'typescript'));
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).toMatch(/__proto__/);
    }
    const res = resourceFromTypeScript('const resource = defineResource({ name: "A", __proto__: null, attributes: [] });');
    expect(res.ok).toBe(false);
  });

  it('Elixir nested 20k deep is a coded result', () => {
    const text = `defmodule A do\n  use Ash.Resource\n  attributes do\n    attribute :x, :map, default: ${'%{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n  end\nend\n`;
    coded(() => importModelText(text, 'elixir'));
    coded(() => importModelText(`${'('.repeat(20_000)}${')'.repeat(20_000)}`, 'elixir'));
  });

  it('every format: deep brackets, NUL, huge input, non-strings, prototype keys', () => {
    const inputs: unknown[] = [
      '['.repeat(50_000), '{'.repeat(50_000), '(\u0000)', '"__proto__": {"__proto__": 1}', 'x'.repeat(21 * 1024 * 1024), null, 12n, {},
      JSON.stringify({ format: 'relata/model@1', name: 'X', resources: [], __proto__: 1 }),
      'CREATE TABLE sqlite_master (id INTEGER PRIMARY KEY); CREATE TABLE "a\u0000" (x INT);',
    ];
    for (const format of FORMATS) for (const input of inputs) coded(() => importModelText(input as string, format));
    for (const files of [null, [null], [{ path: 'a', text: 1 }], [{ path: 'a.ex', text: '('.repeat(30_000) }, { path: 'b.ex', text: '' }]]) {
      for (const format of FORMATS) coded(() => importFiles(files as never, format));
    }
  });
});

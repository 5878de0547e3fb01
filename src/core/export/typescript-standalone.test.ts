/**
 * The TypeScript export is self-contained: written to an empty folder, it compiles with the real
 * `tsc --strict` (no `relata` package, no tsconfig, no @types).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import { TEMPLATES } from '../templates/index';
import { toTypeScript, toTypeScriptResource } from './typescript';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Compiles every file in one `tsc --strict` run in a fresh folder; returns tsc's output and status. */
function compileStandalone(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'relata-ts-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const r = spawnSync(process.execPath, [tsc, '--strict', '--noEmit', '--pretty', 'false', ...Object.keys(files)], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const awkward: Model = {
  format: 'relata/model@1', name: 'Awkward\nname', module: 'MyApp.Awkward', resources: [{
    name: 'Class', identities: [{ name: 'by_code', keys: ['code?'] }], preserved: [{ section: 'policies', text: 'policies do\nend' }],
    calculations: [{ name: 'shout', type: 'string', expression: 'code?' }], external: true,
    attributes: [{ name: 'id', type: 'uuid', primaryKey: true }, { name: 'code?', type: 'string', sqlType: 'inet', ashType: '{:array, :string}' }],
    relationships: [{ kind: 'belongs_to', name: 'owner!', destination: 'Class', onDelete: 'cascade' }],
  }],
};

describe('TypeScript export compiles standalone with tsc --strict', () => {
  it('every template and an awkward model, whole and per resource, in one tsc run', () => {
    const files: Record<string, string> = {};
    for (const m of [...TEMPLATES.map((t) => t.model), awkward]) {
      const base = m.name.replace(/[^A-Za-z]+/g, '_');
      files[`${base}.ts`] = toTypeScript(m);
      for (const r of m.resources) files[`${base}_${r.name}.ts`] = toTypeScriptResource(m, r.name) ?? '';
    }
    for (const text of Object.values(files)) expect(text).not.toMatch(/from 'relata/);
    const r = compileStandalone(files);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('tsc rejects a misspelled key, so the inlined types check something', () => {
    const text = toTypeScript(TEMPLATES[0]!.model).replace("kind: 'has_many'", "kind: 'has_lots'");
    const r = compileStandalone({ 'model.ts': text });
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/has_lots/);
  });
});

import { describe, expect, it } from 'vitest';
import { checkManualModuleStatic, toSandboxScript } from './static-check';

/** Evaluates the rewritten script the way the sandbox does and returns its exports. */
async function run(source: string): Promise<Record<string, unknown>> {
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...a: string[]) => (e: object) => Promise<void>;
  const exports: Record<string, unknown> = {};
  await new AsyncFunction('__exports', `"use strict";\n${toSandboxScript(source)}`)(exports);
  return exports;
}

describe('checkManualModuleStatic', () => {
  it.each([
    ['function', 'export function load(records) { return []; }'],
    ['async function', 'export async function load(records, opts, ctx) { return []; }'],
    ['const arrow', 'export const load = async (records, opts, ctx) => [];'],
    ['let', 'export let load = function () { return []; };'],
    ['renamed', 'async function fetchLoans() { return []; }\nexport { fetchLoans as load };'],
    ['plain list', 'function load() { return []; }\nexport { load };'],
    ['string name', 'function f() { return []; }\nexport { f as "load" };'],
    ['top-level await', 'const x = await Promise.resolve(1);\nexport const load = () => [x];'],
  ])('accepts %s', (_name, source) => {
    expect(checkManualModuleStatic(source)).toEqual({ ok: true });
  });

  it('reports a syntax error with its position', () => {
    const check = checkManualModuleStatic('export async function load(records, opts, ctx) {\n  return records.map((r) => ;\n}\n');
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/^Syntax error: Unexpected token$/);
    expect(check).toMatchObject({ line: 2, column: 29 });
  });

  it('reports a module without a load export', () => {
    const check = checkManualModuleStatic('async function load() { return []; }\nexport const name = "loans";');
    expect(check.ok).toBe(false);
    expect(check.message).toContain('does not export `load`');
  });

  it('rejects CommonJS', () => {
    expect(checkManualModuleStatic('module.exports.load = async () => [];').ok).toBe(false);
    expect(checkManualModuleStatic('exports.load = async () => [];').ok).toBe(false);
  });

  it('rejects a load export that is obviously not a function', () => {
    expect(checkManualModuleStatic('export const load = 42;')).toMatchObject({ ok: false, message: 'The `load` export is not a function', line: 1 });
  });

  it.each([
    ['import declaration', 'import fs from "node:fs";\nexport function load() {}', /import/],
    ['dynamic import', 'export async function load() { return import("node:fs"); }', /import\(\)/],
    ['import.meta', 'export function load() { return import.meta.url; }', /import\.meta/],
    ['re-export', 'export { load } from "./other.js";', /re-export/],
    ['export star', 'export * from "./other.js";\nexport function load() {}', /re-export/],
  ])('rejects %s', (_name, source, message) => {
    const check = checkManualModuleStatic(source);
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(message);
  });

  it('rejects a top-level return (not valid in a module)', () => {
    expect(checkManualModuleStatic('return 1;\nexport function load() {}').ok).toBe(false);
  });
});

describe('toSandboxScript', () => {
  it('keeps every line and column of the source', () => {
    const source = 'export async function load(r) {\n  return r;\n}\nexport const a = 1, b = 2;\nexport { a as c };\n';
    const script = toSandboxScript(source);
    const lines = source.split('\n');
    script.split('\n').slice(0, lines.length).forEach((line, i) => {
      expect(line.length).toBe(lines[i]!.length);
      const expected = lines[i]!.startsWith('export {') ? '' : lines[i]!.replace(/^export /, '');
      expect(line.trim()).toBe(expected.trim());
    });
  });

  it('exports functions, variables, destructured and renamed bindings', async () => {
    const exports = await run(
      'export function load() { return "f"; }\nexport const { x, y: [z] } = { x: 1, y: [2] };\nconst q = 3;\nexport { q as w, q };\nexport default 7\n',
    );
    expect((exports.load as () => string)()).toBe('f');
    expect(exports).toMatchObject({ x: 1, z: 2, w: 3, q: 3, default: 7 });
  });

  it('keeps export default from swallowing the next line', async () => {
    const exports = await run('export default function () { return 1; }\n(function () {})();\nexport const load = 1;');
    expect(typeof exports.default).toBe('function');
  });

  it('leaves non-ASCII text intact', async () => {
    const exports = await run('export const load = () => "Zoë 🚀";');
    expect((exports.load as () => string)()).toBe('Zoë 🚀');
  });
});

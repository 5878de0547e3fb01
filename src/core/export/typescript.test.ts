import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fromTypeScript } from '../import/typescript';
import type { Model } from '../model/types';
import { TEMPLATES } from '../templates/index';
import { toTypeScript } from './typescript';

const definePath = join(dirname(fileURLToPath(import.meta.url)), 'define.ts');
const VIRTUAL = '/virtual/exported-model.ts';

/** Type-checks one in-memory module, resolving `relata` to the real define.ts. */
function typeCheck(source: string): string[] {
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2023.d.ts'], types: [],
    noUnusedLocals: true, noUncheckedIndexedAccess: true, paths: { relata: [definePath], 'relata/core': [definePath] },
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError, create) =>
    name === VIRTUAL ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === VIRTUAL || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === VIRTUAL ? source : readFile(name));
  const program = ts.createProgram([VIRTUAL], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1} ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('toTypeScript', () => {
  for (const t of TEMPLATES) {
    it(`${t.name}: type-checks with the compiler API`, () => {
      expect(typeCheck(toTypeScript(t.model))).toEqual([]);
    });
    it(`${t.name}: imports back to the identical model`, () => {
      const r = fromTypeScript(toTypeScript(t.model));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(r.value.model).toEqual(t.model);
      expect(JSON.stringify(r.value.model)).toBe(JSON.stringify(t.model)); // key order too
    });
  }

  it('uses the import path given by the option', () => {
    expect(toTypeScript(TEMPLATES[0]!.model, { importFrom: 'relata/core' })).toContain("import { defineModel } from 'relata/core';");
    expect(typeCheck(toTypeScript(TEMPLATES[0]!.model, { importFrom: 'relata/core' }))).toEqual([]);
  });

  it('the typed API rejects an unknown kind, attribute type or key', () => {
    const good = toTypeScript(TEMPLATES[2]!.model);
    expect(typeCheck(good.replace("kind: 'has_many'", "kind: 'has_lots'")).length).toBeGreaterThan(0);
    expect(typeCheck(good.replace("type: 'string'", "type: 'text'")).length).toBeGreaterThan(0);
    expect(typeCheck(good.replace("destination: 'Comment'", "destinaton: 'Comment'")).length).toBeGreaterThan(0);
  });

  it('record types carry nullability, oneOf unions and optional relationships', () => {
    const out = toTypeScript(TEMPLATES[0]!.model);
    expect(out).toContain("  status: 'new' | 'open' | 'closed';");
    expect(out).toContain('  priority: number | null;');
    expect(out).toContain('  reporter?: User | null;');
    expect(out).toContain('  comments?: Comment[];');
    expect(out).toContain('export const Representative_tickets_above_threshold_source = `');
  });

  it('round-trips awkward strings (quotes, backticks, ${, backslashes, unicode)', () => {
    const model: Model = {
      format: 'relata/model@1', name: "It's `odd`", resources: [{
        name: 'A', description: 'line\nbreak \\ "q" ${x} é 😀',
        attributes: [{ name: 'id', type: 'uuid', primaryKey: true, default: { 'a-b': [1, null, true] } }],
        relationships: [{ kind: 'has_many', name: 'xs', destination: 'A', manual: { language: 'javascript', source: 'export const load = (r) => r.map(() => `${"`"}\\n`);\n' } }],
      }],
    };
    const text = toTypeScript(model);
    expect(typeCheck(text)).toEqual([]);
    const r = fromTypeScript(text);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.model).toEqual(model);
  });
});

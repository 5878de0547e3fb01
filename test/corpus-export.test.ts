/**
 * Issue 11, part 6 (export half): every export of every model in the corpus runs. The corpus is the
 * templates, the small fixtures of test/fixtures/export, and every app under test/corpus/ash/<app>/
 * and every dump test/corpus/sql/*.sql when those folders exist (RELATA_CORPUS_DIR points elsewhere),
 * and the model files (*.json) of the folder RELATA_EXPORT_MODELS when set (models imported elsewhere).
 * For each model that imports and that the validator accepts (no errors):
 *   - the PostgreSQL DDL runs on the run's PostgreSQL server, each model in a schema of its own;
 *   - the SQLite DDL runs in sql.js (and `PRAGMA foreign_key_check` is clean);
 *   - the TypeScript export compiles with `tsc --strict` standalone (all models in one tsc run);
 *   - the Mermaid export parses with Mermaid's parser;
 *   - every Ash file parses with `Code.string_to_quoted!` (all models in one elixir run).
 * The figures are printed at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mermaid from 'mermaid';
import type pg from 'pg';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSourceFiles, type CliImportFormat } from '../src/cli/relata-files';
import { prepareImport } from '../src/cli/relata';
import { toElixir } from '../src/core/export/elixir';
import { toMermaid } from '../src/core/export/mermaid';
import { toSql } from '../src/core/export/sql';
import { toTypeScript } from '../src/core/export/typescript';
import { importFiles, type ImportFormat } from '../src/core/import/index';
import { parseModelText } from '../src/core/model/parse';
import type { Model } from '../src/core/model/types';
import { TEMPLATES } from '../src/core/templates/index';
import { validateModel } from '../src/core/validate/validate';
import { connect, runInFreshSchema } from './support/postgres';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = process.env.RELATA_CORPUS_DIR ?? join(root, 'test/corpus');
const elixir = process.env.ELIXIR_PATH ?? 'elixir';

interface Source {
  label: string;
  paths: string[];
  format: CliImportFormat;
  dialect?: ImportFormat;
}

function discover(): Source[] {
  const out: Source[] = [
    { label: 'fixture shop-ash', paths: [join(root, 'test/fixtures/export/shop-ash')], format: 'ash' },
    { label: 'fixture library.sql', paths: [join(root, 'test/fixtures/export/library.sql')], format: 'sql', dialect: 'postgres' },
  ];
  const ash = join(corpusDir, 'ash');
  if (existsSync(ash)) {
    for (const app of readdirSync(ash).sort()) {
      if (statSync(join(ash, app)).isDirectory()) out.push({ label: `ash ${app}`, paths: [join(ash, app)], format: 'ash' });
    }
  }
  const sql = join(corpusDir, 'sql');
  if (existsSync(sql)) {
    for (const f of readdirSync(sql).filter((n) => n.endsWith('.sql')).sort()) {
      out.push({ label: `sql ${f}`, paths: [join(sql, f)], format: 'sql', dialect: /sqlite/i.test(f) ? 'sqlite' : 'postgres' });
    }
  }
  return out;
}

interface Entry {
  label: string;
  model: Model;
}

const notImported: string[] = [];
const rejected: string[] = [];

async function loadCorpus(): Promise<Entry[]> {
  const entries: Entry[] = TEMPLATES.map((t) => ({ label: `template ${t.name}`, model: t.model }));
  for (const s of discover()) {
    const read = readSourceFiles(s.paths, s.format, root);
    if (!read.ok) {
      notImported.push(`${s.label}: ${read.message}`);
      continue;
    }
    const format: ImportFormat = s.format === 'ash' ? 'elixir' : (s.dialect ?? 'postgres');
    await prepareImport(s.format);
    const r = await importFiles(read.files, format);
    if (!r.ok) {
      notImported.push(`${s.label}: ${r.error.message}`);
      continue;
    }
    entries.push({ label: s.label, model: r.value.model });
  }
  const extra = process.env.RELATA_EXPORT_MODELS;
  for (const f of extra ? readdirSync(extra).filter((n) => n.endsWith('.json')).sort() : []) {
    const parsed = parseModelText(readFileSync(join(extra as string, f), 'utf8'));
    if (parsed.ok) entries.push({ label: `model ${f}`, model: parsed.value });
    else notImported.push(`model ${f}: ${parsed.error.message}`);
  }
  return entries.filter((e) => {
    const errors = validateModel(e.model).filter((d) => d.severity === 'error');
    if (errors.length > 0) rejected.push(`${e.label}: ${errors.length} validation error(s), first: ${errors[0]?.code} ${errors[0]?.message}`);
    return errors.length === 0;
  });
}

const corpus = await loadCorpus();
const SQL = await initSqlJs();
const passed = { postgres: 0, sqlite: 0, typescript: 0, mermaid: 0, elixir: 0 };
let client: pg.Client;
beforeAll(async () => {
  client = await connect();
});
afterAll(async () => {
  await client.end();
  console.log([
    `corpus export: ${corpus.length} model(s) exported (${corpus.map((e) => e.label).join(', ')})`,
    `  PostgreSQL ${passed.postgres}/${corpus.length}, SQLite ${passed.sqlite}/${corpus.length}, TypeScript ${passed.typescript}/${corpus.length}, Mermaid ${passed.mermaid}/${corpus.length}, Elixir ${passed.elixir}/${corpus.length}`,
    `  not imported (${notImported.length}): ${notImported.join('; ') || '-'}`,
    `  imported but with validation errors, not exported (${rejected.length}): ${rejected.join('; ') || '-'}`,
  ].join('\n'));
});

describe('every export of every corpus model runs', () => {
  it('the corpus has the templates and the fixtures at least', () => {
    expect(corpus.map((e) => e.label)).toEqual(expect.arrayContaining(['template helpdesk', 'fixture shop-ash', 'fixture library.sql']));
  });

  for (const e of corpus) {
    it(`${e.label}: PostgreSQL executes its DDL`, async () => {
      expect(await runInFreshSchema(client, toSql(e.model, { dialect: 'postgres' }), e.label)).toBeUndefined();
      passed.postgres++;
    });
    it(`${e.label}: SQLite executes its DDL`, () => {
      const db = new SQL.Database();
      try {
        db.exec(toSql(e.model, { dialect: 'sqlite' }));
        expect(db.exec('PRAGMA foreign_key_check')).toEqual([]);
        passed.sqlite++;
      } finally {
        db.close();
      }
    });
    it(`${e.label}: Mermaid parses it`, async () => {
      await expect(mermaid.parse(toMermaid(e.model))).resolves.toBeTruthy();
      passed.mermaid++;
    });
  }

  it('TypeScript: every model compiles with tsc --strict standalone (one run)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relata-corpus-ts-'));
    try {
      const names = corpus.map((e, i) => {
        const name = `m${i}.ts`;
        writeFileSync(join(dir, name), toTypeScript(e.model));
        return name;
      });
      const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
      const r = spawnSync(process.execPath, [tsc, '--strict', '--noEmit', '--pretty', 'false', ...names], { cwd: dir, encoding: 'utf8' });
      const failing = new Set([...`${r.stdout}`.matchAll(/^m(\d+)\.ts\(/gm)].map((m) => Number(m[1])));
      passed.typescript = corpus.length - failing.size;
      expect(`${r.stdout}${r.stderr}`).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);

  it('Elixir: every Ash file of every model parses with Code.string_to_quoted! (one run)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relata-corpus-ex-'));
    try {
      const owner: string[] = [];
      corpus.forEach((e, i) => {
        for (const f of toElixir(e.model).files) {
          const p = join(dir, String(i), f.path);
          mkdirSync(dirname(p), { recursive: true });
          writeFileSync(p, f.content);
          owner.push(p);
        }
      });
      const script = `for p <- System.argv() do
  try do
    Code.string_to_quoted!(File.read!(p), file: p)
  rescue
    e -> IO.puts("FAIL #{p}: #{Exception.message(e)}")
  end
end`;
      const r = spawnSync(elixir, ['-e', script, ...owner], { encoding: 'utf8' });
      if (r.error) throw new Error(`elixir could not run (node scripts/ensure-elixir.mjs installs it): ${r.error.message}`);
      const failing = new Set([...r.stdout.matchAll(/^FAIL .*?relata-corpus-ex-[^/]+\/(\d+)\//gm)].map((m) => Number(m[1])));
      passed.elixir = corpus.length - failing.size;
      expect(r.stdout.trim()).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);
});

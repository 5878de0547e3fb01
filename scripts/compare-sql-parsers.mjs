// How many statements of the SQL corpus (test/corpus/sql) each maintained SQL parser reads, overall
// and for CREATE TABLE alone; the figures in docs/import-sql.md come from this script. The parsers
// are not dependencies of Relata: install them first without saving, then run it with tsx:
//   npm install --no-save pgsql-ast-parser node-sql-parser sql-parser-cst
//   npx tsx scripts/compare-sql-parsers.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { lexSql } from '../src/core/import/sql-ddl-lex.ts';

const dir = new URL('../test/corpus/sql/', import.meta.url);
const { parse: pgParse } = await import('pgsql-ast-parser');
const { default: NSP } = await import('node-sql-parser');
const { parse: cstParse } = await import('sql-parser-cst');
const nsp = new NSP.Parser();
const parsers = {
  'pgsql-ast-parser': (text, d) => { if (d !== 'postgres') throw new Error('PostgreSQL only'); pgParse(text); },
  'node-sql-parser': (text, d) => nsp.astify(text, { database: { postgres: 'PostgresQL', mysql: 'MySQL', sqlite: 'SQLite' }[d] }),
  'sql-parser-cst': (text, d) => cstParse(text, { dialect: d === 'postgres' ? 'postgresql' : d }),
};
const rows = [];
const total = { statements: 0, createTable: 0 };
const ms = {};
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
  const d = file.includes('mysql') ? 'mysql' : file.includes('sqlite') ? 'sqlite' : 'postgres';
  const { statements } = lexSql(readFileSync(new URL(file, dir), 'utf8'), d);
  const row = { file, dialect: d, statements: statements.length, createTable: 0 };
  for (const s of statements) {
    const ct = /^\s*create\s+(unlogged\s+|temp\s+|temporary\s+)?table/i.test(s.text);
    if (ct) row.createTable++;
    for (const [name, parse] of Object.entries(parsers)) {
      const t0 = performance.now();
      let ok = true;
      try { parse(s.text, d); } catch { ok = false; }
      ms[name] = (ms[name] ?? 0) + performance.now() - t0;
      row[name] = (row[name] ?? 0) + (ok ? 1 : 0);
      row[`${name} (tables)`] = (row[`${name} (tables)`] ?? 0) + (ok && ct ? 1 : 0);
    }
  }
  for (const [k, v] of Object.entries(row)) if (typeof v === 'number') total[k] = (total[k] ?? 0) + v;
  rows.push(row);
}
rows.push({ file: 'TOTAL', ...total });
console.table(rows);
console.log('milliseconds per parser over the corpus:', Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)])));

/**
 * Every dump of the corpus (SOURCES.md) imports with every table, and its foreign keys become
 * relationships. Tables and foreign keys are counted independently of the importer: by a regular
 * expression over the statements the lexer split, and for the SQLite dumps by SQLite itself (sql.js
 * runs the dump, `sqlite_master` and `pragma foreign_key_list` list what it created).
 */
import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { fromSqlDdl, sqlDialectOf } from '../../../src/core/import/sql-ddl';
import { lexSql, type SqlDialect } from '../../../src/core/import/sql-ddl-lex';
import { snake } from '../../../src/core/model/snake';
import type { BelongsTo, Model } from '../../../src/core/model/types';
import { validateModel } from '../../../src/core/validate/validate';

const DUMPS: [file: string, dialect: SqlDialect][] = [
  ['chinook-postgres.sql', 'postgres'],
  ['chinook-mysql.sql', 'mysql'],
  ['chinook-sqlite.sql', 'sqlite'],
  ['pagila-schema.sql', 'postgres'],
  ['sakila-mysql-schema.sql', 'mysql'],
  ['laravel-animethemes-mysql-schema.sql', 'mysql'],
  ['sakila-sqlite-schema.sql', 'sqlite'],
  ['rails-danbooru-structure.sql', 'postgres'],
  ['rails-zync-structure.sql', 'postgres'],
];

const read = (file: string): string => readFileSync(new URL(file, import.meta.url), 'utf8');
const unquoted = (name: string): string => (name.split('.').pop() ?? name).replace(/["`[\]]/g, '').trim();
const bare = (name: string): string => unquoted(name).toLowerCase();

interface Fk { table: string; columns: string[]; target: string }

/** CREATE TABLE names and foreign keys found by regular expressions over the split statements. */
function countByRegex(text: string, dialect: SqlDialect): { tables: string[]; fks: Fk[] } {
  const tables: string[] = [];
  const fks: Fk[] = [];
  const PART = String.raw`(?:[\w$]+|"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\])`;
  const NAME = String.raw`(${PART}(?:\.${PART})*)`;
  for (const s of lexSql(text, dialect).statements) {
    const create = new RegExp(String.raw`^\s*CREATE\s+(?:UNLOGGED\s+|TEMP\s+|TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`, 'i').exec(s.text);
    const alter = new RegExp(String.raw`^\s*ALTER\s+TABLE\s+(?:ONLY\s+)?${NAME}`, 'i').exec(s.text);
    const owner = create?.[1] ?? alter?.[1];
    if (create?.[1]) tables.push(bare(create[1]));
    if (!owner) continue;
    const body = s.text.replace(/--[^\n]*/g, '');
    for (const m of body.matchAll(new RegExp(String.raw`FOREIGN\s+KEY\s*\(([^)]*)\)\s*REFERENCES\s+${NAME}`, 'gi'))) {
      fks.push({ table: bare(owner), columns: (m[1] ?? '').split(',').map(unquoted), target: bare(m[2] ?? '') });
    }
    // Column-level `col type ... REFERENCES t` (no FOREIGN KEY before it on the same line).
    for (const line of body.split('\n')) {
      const m = new RegExp(String.raw`^\s*${NAME}\s+[^,]*?\bREFERENCES\s+${NAME}`, 'i').exec(line);
      if (m && !/FOREIGN\s+KEY/i.test(line) && !/^\s*(CONSTRAINT|ALTER|ADD)\b/i.test(line)) fks.push({ table: bare(owner), columns: [unquoted(m[1] ?? '')], target: bare(m[2] ?? '') });
    }
  }
  return { tables, fks };
}

function tableOf(model: Model): Map<string, string> {
  return new Map(model.resources.map((r) => [(r.table ?? snake(r.name)).toLowerCase(), r.name]));
}

/** The belongs_to of `resource` whose key column is `column` (its attribute name is the snake_case of it). */
function belongsToOn(model: Model, resource: string, column: string): BelongsTo | undefined {
  const rels = model.resources.find((r) => r.name === resource)?.relationships ?? [];
  const key = snake(column).toLowerCase();
  return rels.find((r): r is BelongsTo => r.kind === 'belongs_to' && (r.sourceAttribute ?? `${r.name}_id`) === key);
}

const figures: Record<string, Record<string, number>> = {};

describe('SQL corpus', () => {
  for (const [file, dialect] of DUMPS) {
    it(`${file} imports with every table, and its foreign keys as belongs_to`, () => {
      const text = read(file);
      expect(sqlDialectOf(text)).toBe(dialect);
      const r = fromSqlDdl(text, { dialect });
      if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
      const { model, warnings } = r.value;
      const { tables, fks } = countByRegex(text, dialect);
      expect(tables.length).toBeGreaterThan(5);
      const byTable = tableOf(model);
      expect(model.resources).toHaveLength(new Set(tables).size);
      expect([...byTable.keys()].sort()).toEqual([...new Set(tables)].sort());
      expect(fks.length).toBeGreaterThan(5);
      let single = 0;
      for (const fk of fks) {
        const source = byTable.get(fk.table) as string;
        if (fk.columns.length > 1) {
          expect(warnings.some((w) => w.message.startsWith(`Composite foreign key (${fk.columns.join(', ')})`)), `${fk.table} (${fk.columns.join(', ')})`).toBe(true);
          continue;
        }
        single++;
        const rel = belongsToOn(model, source, fk.columns[0] as string);
        expect(rel, `${file}: ${fk.table}.${fk.columns[0]} → ${fk.target}`).toBeDefined();
        expect(rel?.destination).toBe(byTable.get(fk.target));
      }
      const rels = model.resources.flatMap((x) => x.relationships ?? []);
      const belongs = rels.filter((x) => x.kind === 'belongs_to').length;
      expect(belongs).toBe(single);
      // The model is one the validator accepts.
      expect(validateModel(model).filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      figures[file] = {
        tables: tables.length, resources: model.resources.length, foreignKeys: fks.length, belongsTo: belongs,
        manyToMany: rels.filter((x) => x.kind === 'many_to_many').length,
        identities: model.resources.reduce((n, x) => n + (x.identities?.length ?? 0), 0),
        warnings: warnings.length, suggestions: r.value.suggestions.length,
      };
    });
  }

  it('the SQLite dumps: SQLite itself agrees on the tables and foreign keys', async () => {
    const SQL = await initSqlJs();
    for (const [file, dialect] of DUMPS.filter(([, d]) => d === 'sqlite')) {
      const text = read(file);
      const db = new SQL.Database();
      db.exec(text);
      const names = (db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")[0]?.values ?? []).map((v) => String(v[0]));
      const r = fromSqlDdl(text, { dialect });
      if (!r.ok) throw new Error(r.error.message);
      const byTable = tableOf(r.value.model);
      expect([...byTable.keys()].sort()).toEqual(names.map((n) => n.toLowerCase()).sort());
      let fkCount = 0;
      for (const t of names) {
        const rows = db.exec(`PRAGMA foreign_key_list("${t}")`)[0]?.values ?? [];
        for (const [, , target, from] of rows) {
          fkCount++;
          const rel = belongsToOn(r.value.model, byTable.get(t.toLowerCase()) as string, String(from));
          expect(rel?.destination, `${t}.${String(from)}`).toBe(byTable.get(String(target).toLowerCase()));
        }
      }
      expect(fkCount).toBeGreaterThan(5);
      db.close();
    }
    console.table(figures);
  });

  it("a SQLite `.schema` (what sqlite3 prints for a database, sqlite_sequence included) imports like the script that built it", async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.exec(read('chinook-sqlite.sql'));
    db.exec('CREATE TABLE [Review] ([ReviewId] INTEGER PRIMARY KEY AUTOINCREMENT, [TrackId] INTEGER NOT NULL REFERENCES [Track] ([TrackId]) ON DELETE CASCADE, [Stars] INTEGER CHECK ([Stars] IN (1, 2, 3)));');
    db.exec("INSERT INTO Review (TrackId, Stars) VALUES (1, 3)");
    // sqlite3's `.schema`: every object's SQL as stored, each followed by `;`.
    const dotSchema = (db.exec("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")[0]?.values ?? []).map((v) => `${String(v[0])};`).join('\n');
    db.close();
    expect(dotSchema).toContain('CREATE TABLE sqlite_sequence(name,seq);');
    const fromScript = fromSqlDdl(read('chinook-sqlite.sql'), { dialect: 'sqlite' });
    const fromDump = fromSqlDdl(dotSchema, { dialect: 'sqlite' });
    if (!fromScript.ok || !fromDump.ok) throw new Error('import failed');
    const review = fromDump.value.model.resources.find((r) => r.name === 'Review');
    expect(fromDump.value.model.resources.filter((r) => r.name !== 'Review')).toEqual(fromScript.value.model.resources);
    expect(review?.relationships).toEqual([{ kind: 'belongs_to', name: 'track', destination: 'Track', destinationAttribute: 'track_id', allowNil: false, attributeType: 'integer', onDelete: 'cascade' }]);
    expect(review?.attributes?.find((a) => a.name === 'stars')?.constraints).toEqual({ oneOf: [1, 2, 3] });
  });
});

/**
 * SQL DDL → model (rules in docs/import-sql.md). Each table becomes a resource (PascalCase singular
 * of the table name, `table` kept when it differs from the default), each single-column foreign key a
 * belongs_to (with its ON DELETE / ON UPDATE), each UNIQUE constraint or unique index an identity, a
 * table whose primary key is exactly two foreign keys a join resource with a many_to_many on both
 * sides, and the has_many inverse of every other belongs_to is offered as a suggestion.
 * Importing never fails as a whole because of one statement: what cannot be carried is a warning
 * with its line; only an input without any table is an error.
 */
import { snake } from '../model/snake';
import { MODEL_FORMAT, type Attribute, type BelongsTo, type Identity, type Model, type Relationship, type Resource } from '../model/types';
import { err, ok } from '../result';
import { RESERVED_NAMES } from '../validate/rules-names';
import { importError, SyntaxFailure, type ImportProblem, type ImportResult, type ImportSuggestion, type SourceFile } from './errors';
import { plural, singular, toPascal } from './naming';
import { Cursor, nameOf, type QName } from './sql-ddl-cursor';
import { lexSql, type Lexed, type SqlDialect } from './sql-ddl-lex';
import type { SqlColumn, SqlSchema, SqlTable } from './sql-ddl-parse';
import { readStatement } from './sql-ddl-statements';
import { attribute } from './sql-ddl-types';

export interface SqlImportOptions {
  dialect?: SqlDialect;
  /** The model's name (default `Imported`). */
  name?: string;
}

export function fromSqlDdl(text: string, opts: SqlImportOptions = {}): ImportResult {
  return importLexed(lexSql(text, opts.dialect ?? 'postgres'), opts);
}

/**
 * The dialect a dump is most likely written in, from its name and text: mysqldump and Laravel dumps
 * (`ENGINE=`, `AUTO_INCREMENT`, `UNSIGNED`, a table name in backticks), PostgreSQL (pg_dump headers, psql
 * `\connect`, `serial`, `jsonb`, `CREATE TYPE`, `::` casts, `ALTER TABLE ONLY`), else SQLite.
 */
export function sqlDialectOf(text: string, fileName = ''): SqlDialect {
  const name = fileName.toLowerCase();
  if (/mysql|mariadb/.test(name)) return 'mysql';
  if (/postgres|pg_?dump|structure\.sql$/.test(name)) return 'postgres';
  if (/sqlite/.test(name)) return 'sqlite';
  if (/^-- (MySQL|MariaDB) dump|\b(auto_increment|engine\s*=\s*\w+|unsigned)\b|^\s*create\s+table\s+`/im.test(text)) return 'mysql';
  if (/^\\c(onnect)?\s|PostgreSQL database dump|\b(serial|bigserial|timestamptz|jsonb|uuid|bytea|create\s+type|create\s+extension|alter\s+table\s+only)\b|::/im.test(text)) return 'postgres';
  return 'sqlite';
}

/**
 * Several files (a dump split in parts, a folder of migrations) imported as one schema. Each file is
 * split on its own, so a statement never runs from one file into the next; every warning and
 * problem names its file.
 */
export function fromSqlFiles(files: readonly SourceFile[], opts: SqlImportOptions = {}): ImportResult {
  const starts: number[] = [];
  const all: Lexed = { statements: [], problems: [] };
  let offset = 0;
  for (const f of files) {
    starts.push(offset);
    const lexed = lexSql(f.text, opts.dialect ?? 'postgres');
    for (const s of lexed.statements) {
      all.statements.push({ ...s, line: s.line + offset, toks: s.toks.map((t) => ({ ...t, line: t.line + offset })) });
    }
    all.problems.push(...lexed.problems.map((p) => ({ ...p, line: p.line + offset })));
    offset += f.text.split('\n').length;
  }
  const where = (p: ImportProblem): ImportProblem => {
    let i = starts.length - 1;
    while (i > 0 && (starts[i] ?? 0) >= p.line) i--;
    return { ...p, file: files[i]?.path, line: p.line - (starts[i] ?? 0) };
  };
  const r = importLexed(all, opts);
  if (r.ok) return ok({ ...r.value, warnings: r.value.warnings.map(where) });
  return err(importError('SQL', r.error.problems.map(where)));
}

function importLexed(lexed: Lexed, opts: SqlImportOptions): ImportResult {
  const schema: SqlSchema = { tables: [], enums: new Map(), domains: new Map(), alters: [], warnings: [...lexed.problems] };
  for (const stmt of lexed.statements) {
    const before = schema.tables.length;
    try {
      readStatement(new Cursor(stmt.toks), schema);
    } catch (e) {
      if (!(e instanceof SyntaxFailure)) throw e;
      schema.tables.length = before;
      schema.warnings.push({ line: e.line, message: `${e.message}; statement skipped` });
    }
  }
  if (schema.tables.length === 0) {
    const problems = schema.warnings.length > 0 ? schema.warnings : [{ line: 1, message: 'No CREATE TABLE statement found' }];
    if (schema.warnings.length > 0) problems.push({ line: 1, message: 'No table could be imported' });
    return err(importError('SQL', problems));
  }
  const built = buildModel(schema, opts.name ?? 'Imported');
  const warnings = [...schema.warnings, ...built.warnings].sort((a, b) => a.line - b.line);
  return ok({ model: built.model, suggestions: built.suggestions, warnings });
}

interface Built {
  model: Model;
  suggestions: ImportSuggestion[];
  warnings: ImportProblem[];
}

/** The tables of a dump, found by qualified name or (when unqualified) by name alone. */
class Tables {
  readonly list: SqlTable[] = [];
  private byKey = new Map<string, SqlTable>();
  private byName = new Map<string, SqlTable[]>();
  add(t: SqlTable): boolean {
    const key = nameOf(t.name).toLowerCase();
    if (this.byKey.has(key)) return false;
    this.byKey.set(key, t);
    const n = t.name.name.toLowerCase();
    this.byName.set(n, [...(this.byName.get(n) ?? []), t]);
    this.list.push(t);
    return true;
  }
  find(q: QName): SqlTable | undefined {
    const exact = this.byKey.get(nameOf(q).toLowerCase());
    if (exact) return exact;
    const same = this.byName.get(q.name.toLowerCase()) ?? [];
    if (q.schema !== undefined && q.schema.toLowerCase() !== 'public') return same.find((t) => t.name.schema === undefined);
    return same.find((t) => t.name.schema === undefined || t.name.schema.toLowerCase() === 'public') ?? (same.length === 1 ? same[0] : undefined);
  }
}

function buildModel(schema: SqlSchema, modelName: string): Built {
  const warnings: ImportProblem[] = [];
  const tables = new Tables();
  for (const t of schema.tables) {
    if (!tables.add(t)) warnings.push({ line: t.line, message: `Table ${nameOf(t.name)} is created twice; the second is ignored` });
    else warnings.push(...t.ignored);
  }
  applyAlters(schema, tables, warnings);
  inheritColumns(tables, warnings);
  const resourceOf = nameResources(tables.list, warnings);
  const attrNames = new Map<SqlTable, Map<string, string>>();
  for (const t of tables.list) attrNames.set(t, attributeNames(t, warnings));
  const col = (t: SqlTable, c: string): string => attrNames.get(t)?.get(c) ?? c;

  const resources: Resource[] = [];
  const suggestions: ImportSuggestion[] = [];
  const joins: { table: SqlTable; keys: [BelongsTo, BelongsTo] }[] = [];
  for (const t of tables.list) {
    const name = resourceOf.get(t) as string;
    const tname = nameOf(t.name);
    const pk = new Set(primaryKey(t));
    for (const k of pk) if (!t.columns.some((c) => c.name === k)) warnings.push({ line: t.line, message: `Primary key column ${k} is not a column of ${tname}; ignored` });
    const fkByColumn = new Map<string, BelongsTo>();
    for (const fk of t.foreignKeys) {
      const dest = tables.find(fk.table);
      const cols = fk.columns.join(', ');
      if (fk.columns.length !== 1) { warnings.push({ line: fk.line, message: `Composite foreign key (${cols}) of ${tname} → ${nameOf(fk.table)} cannot be a belongs_to; its columns are kept as attributes` }); continue; }
      if (!dest) { warnings.push({ line: fk.line, message: `Foreign key ${tname}.${cols} references ${nameOf(fk.table)}, which is not in the input; the column is kept as an attribute` }); continue; }
      const column = t.columns.find((c) => c.name === fk.columns[0]);
      if (!column) { warnings.push({ line: fk.line, message: `Foreign key column ${cols} is not a column of ${tname}; ignored` }); continue; }
      if (fkByColumn.has(column.name)) { warnings.push({ line: fk.line, message: `A second foreign key on ${tname}.${cols} (to ${nameOf(fk.table)}) is not carried` }); continue; }
      const destPk = primaryKey(dest);
      const refCol = fk.refColumns[0] ?? (destPk.length === 1 ? destPk[0] : undefined);
      if (refCol === undefined) { warnings.push({ line: fk.line, message: `Foreign key ${tname}.${cols} names no column of ${nameOf(fk.table)}, which has no single primary key; the column is kept as an attribute` }); continue; }
      const rel = belongsTo(t, column, col(t, column.name), resourceOf.get(dest) as string, col(dest, refCol), pk.has(column.name));
      if (fk.onDelete) rel.onDelete = fk.onDelete;
      if (fk.onUpdate) rel.onUpdate = fk.onUpdate;
      fkByColumn.set(column.name, rel);
    }
    const attributes: Attribute[] = [];
    for (const c of t.columns) {
      const rel = fkByColumn.get(c.name);
      const attr = attribute(c, col(t, c.name), pk.has(c.name), schema, warnings, `${tname}.${c.name}`);
      if (rel && attr.type !== 'uuid') rel.attributeType = attr.type;
      // The belongs_to defines a plain key column itself; a column with more to say stays explicit.
      if (rel && rel.sourceAttribute === undefined && isPlainKey(attr)) continue;
      attributes.push(attr);
    }
    const relationships: Relationship[] = [...fkByColumn.values()];
    const resource: Resource = { name };
    if (t.name.name !== snake(name)) resource.table = t.name.name;
    if (attributes.length > 0) resource.attributes = attributes;
    if (relationships.length > 0) resource.relationships = relationships;
    const identities = identitiesOf(t, pk, (c) => col(t, c));
    if (identities.length > 0) resource.identities = identities;
    resources.push(resource);
    const keys = [...fkByColumn.values()];
    const keyCols = keys.map((k) => k.sourceAttribute ?? `${k.name}_id`);
    const pkAttrs = new Set([...pk].map((k) => col(t, k)));
    if (keys.length === 2 && pk.size === 2 && keyCols.every((k) => pkAttrs.has(k))) joins.push({ table: t, keys: keys as [BelongsTo, BelongsTo] });
    else for (const k of keys) suggestions.push(inverse(name, k, tname));
  }
  for (const j of joins) addManyToMany(resources, resourceOf.get(j.table) as string, j.keys, suggestions);
  dedupeSuggestionNames(suggestions, resources);
  return { model: { format: MODEL_FORMAT, name: modelName, resources }, suggestions, warnings };
}

function primaryKey(t: SqlTable): string[] {
  return t.primaryKey.length > 0 ? t.primaryKey : t.columns.filter((c) => c.primaryKey).map((c) => c.name);
}

function applyAlters(schema: SqlSchema, tables: Tables, warnings: ImportProblem[]): void {
  for (const a of schema.alters) {
    const t = tables.find(a.table);
    if (!t) { warnings.push({ line: a.line, message: `ALTER TABLE or CREATE INDEX names ${nameOf(a.table)}, which is not in the input; ignored` }); continue; }
    if ('primaryKey' in a) t.primaryKey = a.primaryKey;
    else if ('foreignKey' in a) t.foreignKeys.push(a.foreignKey);
    else if ('unique' in a) t.uniques.push(a.unique);
    else if ('increment' in a) { const c = t.columns.find((x) => x.name === a.column); if (c) c.autoincrement = true; }
    else {
      const child = tables.find(a.child);
      if (child && !child.parents.some((p) => tables.find(p.table) === t)) child.parents.push({ table: t.name, how: 'partition' });
    }
  }
}

/** INHERITS: the parent's columns first (PostgreSQL's order); a partition written without columns gets the parent's. */
function inheritColumns(tables: Tables, warnings: ImportProblem[]): void {
  const done = new Set<SqlTable>();
  const ownPartitions = new Map<SqlTable, SqlTable[]>();
  const visit = (t: SqlTable, depth: number): void => {
    if (done.has(t) || depth > 16) return;
    done.add(t);
    const inherited: SqlColumn[] = [];
    for (const p of t.parents) {
      const parent = tables.find(p.table);
      const what = p.how === 'inherits' ? 'inherits from' : 'is a partition of';
      if (!parent) { warnings.push({ line: t.line, message: `Table ${nameOf(t.name)} ${what} ${nameOf(p.table)}, which is not in the input; imported with its own columns only` }); continue; }
      visit(parent, depth + 1);
      if (p.how === 'partition' && t.columns.length > 0) {
        ownPartitions.set(parent, [...(ownPartitions.get(parent) ?? []), t]);
        continue;
      }
      const added = parent.columns.filter((c) => !t.columns.some((x) => x.name === c.name) && !inherited.some((x) => x.name === c.name));
      inherited.push(...added);
      if (p.how === 'partition') {
        if (t.primaryKey.length === 0) t.primaryKey = primaryKey(parent);
        t.foreignKeys.push(...parent.foreignKeys);
      }
      warnings.push({ line: t.line, message: `Table ${nameOf(t.name)} ${what} ${nameOf(parent.name)}; its ${added.length} column(s) are copied into ${nameOf(t.name)}` });
    }
    t.columns = [...inherited, ...t.columns];
  };
  for (const t of tables.list) visit(t, 0);
  // One warning per partitioned table (a dump may hold dozens of partitions of one table).
  for (const [parent, parts] of ownPartitions) {
    const names = parts.map((x) => nameOf(x.name)).join(', ');
    const what = parts.length === 1 ? `Table ${names} is a partition` : `Tables ${names} are partitions`;
    warnings.push({ line: parts[0]?.line ?? parent.line, message: `${what} of ${nameOf(parent.name)}; each imported as a resource of its own` });
  }
}

/** Table → resource name; the same name from two schemas (or `user`/`users`) made distinct. */
function nameResources(list: SqlTable[], warnings: ImportProblem[]): Map<SqlTable, string> {
  const out = new Map<SqlTable, string>();
  const used = new Set<string>();
  for (const t of list) {
    const base = pascalName(t.name.name);
    let name = base;
    if (used.has(name) && t.name.schema !== undefined) name = pascalName(t.name.schema) + base;
    for (let n = 2; used.has(name); n++) name = `${base}${n}`;
    if (name !== base) warnings.push({ line: t.line, message: `Table ${nameOf(t.name)} would be resource ${base}, already taken; named ${name}` });
    used.add(name);
    out.set(t, name);
  }
  return out;
}

function pascalName(table: string): string {
  const words = snake(table.replace(/[^A-Za-z0-9_]+/g, '_')).split('_').filter((w) => w !== '');
  const last = words.length - 1;
  const name = toPascal(words.map((w, i) => (i === last ? singular(w) : w)).join('_'));
  return /^[A-Z]/.test(name) ? name : `T${name}`;
}

/** Column → attribute name: snake_case and not a reserved name, as the model requires; a table's renames are one warning. */
function attributeNames(t: SqlTable, warnings: ImportProblem[]): Map<string, string> {
  const out = new Map<string, string>();
  const renamed: string[] = [];
  const used = new Set<string>();
  for (const c of t.columns) {
    let n = /^[a-z_][a-z0-9_]*[?!]?$/.test(c.name) ? c.name : snake(c.name.replace(/[^A-Za-z0-9_]+/g, '_')).replace(/^([0-9])/, '_$1');
    if (n === '') n = 'column';
    if (RESERVED_NAMES.has(n)) n = `${n}_`; // Ash reserves `as`, `calculations`, ...
    while (used.has(n)) n = `${n}_`;
    used.add(n);
    out.set(c.name, n);
    if (n !== c.name) renamed.push(`${c.name} → ${n}`);
  }
  if (renamed.length > 0) warnings.push({ line: t.line, message: `Columns of ${nameOf(t.name)} renamed (snake_case, no reserved names): ${renamed.join(', ')}` });
  return out;
}

function identitiesOf(t: SqlTable, pk: Set<string>, col: (c: string) => string): Identity[] {
  const out: Identity[] = [];
  const seen = new Set<string>([[...pk].sort().join(',')]);
  const all = [...t.columns.filter((c) => c.unique).map((c) => ({ name: undefined, columns: [c.name] })), ...t.uniques];
  for (const u of all) {
    if (!u.columns.every((c) => t.columns.some((x) => x.name === c))) continue;
    const keys = u.columns.map(col);
    const sig = [...u.columns].sort().join(',');
    if (seen.has(sig)) continue;
    seen.add(sig);
    const given = u.name !== undefined && /^[a-z_][a-z0-9_]*$/.test(u.name) ? u.name : undefined;
    out.push({ name: given ?? `unique_${keys.join('_')}`, keys });
  }
  return out;
}

function belongsTo(t: SqlTable, column: SqlColumn, attr: string, destination: string, refCol: string, primaryKey: boolean): BelongsTo {
  const stem = attr.endsWith('_id') ? attr.slice(0, -3) : '';
  const clash = stem === '' || t.columns.some((c) => c.name === stem || snake(c.name) === stem);
  const rel: BelongsTo = { kind: 'belongs_to', name: clash ? `${attr}_${snake(destination)}` : stem, destination };
  if (clash) rel.sourceAttribute = attr;
  if (refCol !== 'id') rel.destinationAttribute = refCol;
  if (primaryKey) rel.primaryKey = true;
  if (column.notNull || primaryKey) rel.allowNil = false;
  return rel;
}

function isPlainKey(a: Attribute): boolean {
  return a.default === undefined && a.generated === undefined && a.constraints === undefined && a.sqlType === undefined;
}

function inverse(source: string, rel: BelongsTo, table: string): ImportSuggestion {
  const has: Relationship = { kind: 'has_many', name: plural(snake(source)), destination: source };
  const key = rel.sourceAttribute ?? `${rel.name}_id`;
  if (key !== `${snake(rel.destination)}_id`) has.destinationAttribute = key;
  if (rel.destinationAttribute !== undefined) has.sourceAttribute = rel.destinationAttribute;
  return { resource: rel.destination, relationship: has, reason: `Inverse of ${source}.${rel.name} (foreign key ${table}.${key})` };
}

/** A join table's two keys become a many_to_many on each side (when the name is free; else a suggestion). */
function addManyToMany(resources: Resource[], join: string, [a, b]: [BelongsTo, BelongsTo], suggestions: ImportSuggestion[]): void {
  const keyA = a.sourceAttribute ?? `${a.name}_id`;
  const keyB = b.sourceAttribute ?? `${b.name}_id`;
  const self = a.destination === b.destination;
  const sides: [BelongsTo, string, BelongsTo, string][] = [[a, keyA, b, keyB], [b, keyB, a, keyA]];
  for (const [from, fromKey, to, toKey] of sides) {
    const owner = resources.find((r) => r.name === from.destination);
    if (!owner) continue;
    const name = plural(self ? to.name : snake(to.destination));
    const m: Relationship = { kind: 'many_to_many', name, destination: to.destination, through: join };
    if (fromKey !== `${snake(from.destination)}_id`) m.sourceAttributeOnJoinResource = fromKey;
    if (toKey !== `${snake(to.destination)}_id`) m.destinationAttributeOnJoinResource = toKey;
    if (from.destinationAttribute !== undefined) m.sourceAttribute = from.destinationAttribute;
    if (to.destinationAttribute !== undefined) m.destinationAttribute = to.destinationAttribute;
    const taken = [...(owner.attributes ?? []), ...(owner.relationships ?? [])].some((x) => x.name === name);
    if (taken) suggestions.push({ resource: owner.name, relationship: m, reason: `Join table ${join}; the name ${name} is taken` });
    else owner.relationships = [...(owner.relationships ?? []), m];
  }
}

/** Two suggested inverses with the same name (two keys to one table) get the key's stem as a prefix. */
function dedupeSuggestionNames(suggestions: ImportSuggestion[], resources: Resource[]): void {
  const count = new Map<string, number>();
  for (const s of suggestions) count.set(`${s.resource}.${s.relationship.name}`, (count.get(`${s.resource}.${s.relationship.name}`) ?? 0) + 1);
  for (const s of suggestions) {
    const owner = resources.find((r) => r.name === s.resource);
    const taken = [...(owner?.attributes ?? []), ...(owner?.relationships ?? [])].some((x) => x.name === s.relationship.name);
    if ((count.get(`${s.resource}.${s.relationship.name}`) ?? 0) > 1 || taken) {
      const key = s.relationship.kind === 'has_many' ? (s.relationship.destinationAttribute ?? '') : '';
      if (key !== '') s.relationship.name = `${key.replace(/_id$/, '')}_${s.relationship.name}`;
    }
  }
}

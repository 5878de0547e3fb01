/**
 * SQL DDL → model. Each table becomes a resource (PascalCase singular of the table name, `table`
 * kept when it differs from the default), each single-column foreign key a belongs_to, a table whose
 * primary key is exactly two foreign keys a join resource with a many_to_many on both sides, and the
 * has_many inverse of every other belongs_to is offered as a suggestion. All-or-nothing: any problem
 * (an unknown type, a key to a missing table) fails the whole import with its line.
 */
import { snake } from '../model/snake';
import { MODEL_FORMAT, type Attribute, type AttributeType, type BelongsTo, type JsonValue, type Model, type Relationship, type Resource } from '../model/types';
import { err, ok } from '../result';
import { importError, SyntaxFailure, type ImportProblem, type ImportResult, type ImportSuggestion } from './errors';
import { plural, singular, toPascal } from './naming';
import {
  Cursor, foreignKey, parseCreateTable, splitStatements, tokenizeSql, type SqlColumn, type SqlSchema, type SqlTable, type SqlTok,
} from './sql-ddl-parse';

export interface SqlImportOptions {
  dialect?: 'sqlite' | 'postgres';
  /** The model's name (default `Imported`). */
  name?: string;
}

export function fromSqlDdl(text: string, opts: SqlImportOptions = {}): ImportResult {
  const problems: ImportProblem[] = [];
  const schema: SqlSchema = { tables: [], enums: new Map(), alters: [] };
  let statements: SqlTok[][];
  try {
    statements = splitStatements(tokenizeSql(text));
  } catch (e) {
    if (e instanceof SyntaxFailure) return err(importError('SQL', [{ line: e.line, message: e.message }]));
    throw e;
  }
  for (const stmt of statements) {
    try {
      readStatement(new Cursor(stmt), schema);
    } catch (e) {
      if (!(e instanceof SyntaxFailure)) throw e;
      problems.push({ line: e.line, message: e.message });
    }
  }
  if (schema.tables.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'No CREATE TABLE statement found' });
  if (problems.length > 0) return err(importError('SQL', problems));
  const built = buildModel(schema, opts.name ?? 'Imported');
  if (built.problems.length > 0) return err(importError('SQL', built.problems));
  return ok({ model: built.model, suggestions: built.suggestions, warnings: built.warnings });
}

function readStatement(c: Cursor, schema: SqlSchema): void {
  if (c.isWord('create')) {
    let k = 1;
    while (['temp', 'temporary', 'unlogged'].some((w) => c.isWord(w, k))) k++;
    if (c.isWord('table', k)) { schema.tables.push(parseCreateTable(c)); return; }
    if (c.isWord('type', 1)) { readEnum(c, schema); return; }
    return; // indexes, extensions, views, sequences, triggers: nothing a resource needs
  }
  if (c.isWord('alter') && c.isWord('table', 1)) {
    const line = c.line;
    c.i += 2;
    if (c.isWord('if')) c.i += 2; // IF EXISTS
    c.eatWord('only');
    const table = c.qualifiedName();
    if (!c.eatWord('add')) return; // OWNER TO, ALTER COLUMN ... SET DEFAULT: not structure we import
    if (c.eatWord('constraint')) c.name();
    if (c.eatWord('foreign')) { schema.alters.push({ table, line, foreignKey: foreignKey(c, line) }); return; }
    if (c.eatWord('primary')) { c.eatWord('key'); schema.alters.push({ table, line, primaryKey: c.nameList() }); return; }
    if (c.isWord('unique') || c.isWord('check')) return;
    throw new SyntaxFailure(line, `ALTER TABLE ${table} ADD ${c.describe()} is not supported; put the column in CREATE TABLE`);
  }
}

function readEnum(c: Cursor, schema: SqlSchema): void {
  c.i += 2;
  const name = c.qualifiedName();
  if (!c.eatWord('as') || !c.eatWord('enum')) return; // composite and range types are not attribute types here
  const values = c.group().filter((t) => t.k === 'str').map((t) => t.v);
  schema.enums.set(name.toLowerCase(), values);
}

interface Built {
  model: Model;
  suggestions: ImportSuggestion[];
  warnings: ImportProblem[];
  problems: ImportProblem[];
}

function buildModel(schema: SqlSchema, modelName: string): Built {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const byTable = new Map<string, SqlTable>();
  const resourceOf = new Map<string, string>();
  for (const t of schema.tables) {
    const name = toPascal(singular(t.name));
    if (byTable.has(t.name.toLowerCase())) problems.push({ line: t.line, message: `Table ${t.name} is created twice` });
    else if ([...resourceOf.values()].includes(name)) problems.push({ line: t.line, message: `Tables map to the same resource name ${name}` });
    byTable.set(t.name.toLowerCase(), t);
    resourceOf.set(t.name.toLowerCase(), name);
    warnings.push(...t.ignored);
  }
  for (const a of schema.alters) {
    const t = byTable.get(a.table.toLowerCase());
    if (!t) { problems.push({ line: a.line, message: `ALTER TABLE names an unknown table ${a.table}` }); continue; }
    if (a.primaryKey) t.primaryKey = a.primaryKey;
    if (a.foreignKey) t.foreignKeys.push(a.foreignKey);
  }
  const resources: Resource[] = [];
  const suggestions: ImportSuggestion[] = [];
  const joins: { table: SqlTable; keys: [BelongsTo, BelongsTo] }[] = [];
  for (const t of schema.tables) {
    const name = resourceOf.get(t.name.toLowerCase()) as string;
    const pk = new Set(t.primaryKey.length > 0 ? t.primaryKey : t.columns.filter((c) => c.primaryKey).map((c) => c.name));
    for (const k of pk) if (!t.columns.some((c) => c.name === k)) problems.push({ line: t.line, message: `Primary key column ${k} is not a column of ${t.name}` });
    const fkByColumn = new Map<string, { rel: BelongsTo; line: number }>();
    for (const fk of t.foreignKeys) {
      const dest = byTable.get(fk.table.toLowerCase());
      if (fk.columns.length !== 1) { problems.push({ line: fk.line, message: `Composite foreign key (${fk.columns.join(', ')}) on ${t.name} cannot be a belongs_to` }); continue; }
      if (!dest) { problems.push({ line: fk.line, message: `Foreign key ${t.name}.${fk.columns[0]} references unknown table ${fk.table}` }); continue; }
      const col = fk.columns[0] as string;
      const column = t.columns.find((c) => c.name === col);
      if (!column) { problems.push({ line: fk.line, message: `Foreign key column ${col} is not a column of ${t.name}` }); continue; }
      const destPk = dest.primaryKey.length > 0 ? dest.primaryKey : dest.columns.filter((c) => c.primaryKey).map((c) => c.name);
      const refCol = fk.refColumns[0] ?? (destPk.length === 1 ? destPk[0] : undefined);
      if (refCol === undefined) { problems.push({ line: fk.line, message: `Foreign key ${t.name}.${col} names no column of ${fk.table}, which has no single primary key` }); continue; }
      fkByColumn.set(col, { rel: belongsTo(t, column, resourceOf.get(dest.name.toLowerCase()) as string, refCol, pk.has(col)), line: fk.line });
    }
    const attributes: Attribute[] = [];
    for (const c of t.columns) {
      const fk = fkByColumn.get(c.name);
      const attr = attribute(c, pk.has(c.name), schema.enums, problems, warnings, t.name);
      if (fk && attr && attr.type !== 'uuid') fk.rel.attributeType = attr.type;
      // The belongs_to defines a plain key column itself; a column with more to say stays explicit.
      if (fk && fk.rel.sourceAttribute === undefined && attr && isPlainKey(attr)) continue;
      if (attr) attributes.push(attr);
    }
    const relationships: Relationship[] = [...fkByColumn.values()].map((x) => x.rel);
    const resource: Resource = { name };
    if (t.name !== snake(name)) resource.table = t.name;
    if (attributes.length > 0) resource.attributes = attributes;
    if (relationships.length > 0) resource.relationships = relationships;
    resources.push(resource);
    const keys = [...fkByColumn.values()].map((x) => x.rel);
    const keyCols = keys.map((k) => k.sourceAttribute ?? `${k.name}_id`);
    if (keys.length === 2 && pk.size === 2 && keyCols.every((k) => pk.has(k))) joins.push({ table: t, keys: keys as [BelongsTo, BelongsTo] });
    else for (const k of keys) suggestions.push(inverse(name, k, t.name));
  }
  for (const j of joins) addManyToMany(resources, resourceOf.get(j.table.name.toLowerCase()) as string, j.keys, suggestions);
  dedupeSuggestionNames(suggestions, resources);
  return { model: { format: MODEL_FORMAT, name: modelName, resources }, suggestions, warnings, problems };
}

function belongsTo(t: SqlTable, column: SqlColumn, destination: string, refCol: string, primaryKey: boolean): BelongsTo {
  const stem = column.name.endsWith('_id') ? column.name.slice(0, -3) : '';
  const clash = stem === '' || t.columns.some((c) => c.name === stem);
  const rel: BelongsTo = { kind: 'belongs_to', name: clash ? `${column.name}_${snake(destination)}` : stem, destination };
  if (clash) rel.sourceAttribute = column.name;
  if (refCol !== 'id') rel.destinationAttribute = refCol;
  if (primaryKey) rel.primaryKey = true;
  if (column.notNull || primaryKey) rel.allowNil = false;
  return rel;
}

function isPlainKey(a: Attribute): boolean {
  return a.default === undefined && a.generated === undefined && a.constraints === undefined;
}

function attribute(
  c: SqlColumn, primaryKey: boolean, enums: Map<string, string[]>, problems: ImportProblem[], warnings: ImportProblem[],
  table: string,
): Attribute | undefined {
  const typed = columnType(c, enums);
  if (typeof typed === 'string') { problems.push({ line: c.line, message: `${table}.${c.name}: ${typed}` }); return undefined; }
  // A text column limited to a list of values is what an Ash `:atom` with `one_of` is written as.
  const a: Attribute = { name: c.name, type: typed.type === 'string' && c.oneOf ? 'atom' : typed.type };
  if (primaryKey) a.primaryKey = true;
  if (c.notNull && !primaryKey) a.allowNil = false;
  if (c.autoincrement || c.identity || typed.serial) a.generated = 'increment';
  if (c.default) readDefault(c.default, a, warnings, `${table}.${c.name}`);
  const oneOf = c.oneOf ?? typed.oneOf;
  if (oneOf) a.constraints = { oneOf };
  return a;
}

type Typed = { type: AttributeType; serial?: boolean; oneOf?: string[] };

const TYPE_WORDS: [RegExp, AttributeType][] = [
  [/^(big|small)?serial[248]?$/, 'integer'],
  [/^(int|integer|bigint|smallint|tinyint|mediumint|int[248])$/, 'integer'],
  [/^uuid$/, 'uuid'],
  [/^citext$/, 'ci_string'],
  [/^(text|varchar|char|character|nvarchar|nchar|clob|string|bpchar|name)$/, 'string'],
  [/^(bool|boolean)$/, 'boolean'],
  [/^(real|double|float|float[48])$/, 'float'],
  [/^(numeric|decimal|money)$/, 'decimal'],
  [/^date$/, 'date'],
  [/^(datetime|timestamp|timestamptz)$/, 'utc_datetime'],
  [/^(json|jsonb)$/, 'map'],
];

function columnType(c: SqlColumn, enums: Map<string, string[]>): Typed | string {
  if (c.isArray) return 'array columns have no attribute type here';
  const first = c.type[0];
  if (first === undefined) return { type: 'string' }; // SQLite allows a column without a type
  const values = enums.get(c.type.join(' '));
  if (values) return { type: 'atom', oneOf: values };
  for (const [re, type] of TYPE_WORDS) {
    if (!re.test(first)) continue;
    if (type === 'string' && c.collateNocase) return { type: 'ci_string' };
    return { type, serial: first.includes('serial') };
  }
  return `unsupported column type ${c.type.join(' ').toUpperCase()}`;
}

const UUID_FUNCTIONS = new Set(['gen_random_uuid', 'uuid_generate_v4', 'uuid_generate_v7', 'uuidv7', 'uuidv4']);
const NOW_WORDS = new Set(['now', 'current_timestamp', 'current_date', 'localtimestamp', 'statement_timestamp', 'transaction_timestamp', 'clock_timestamp']);

function readDefault(toks: SqlTok[], a: Attribute, warnings: ImportProblem[], where: string): void {
  // Strip casts (`'open'::text`) and wrapping parentheses (`DEFAULT (now())`).
  let body = toks.filter((t, i) => !(t.k === 'p' && t.v === '::') && !(i > 0 && toks[i - 1]?.k === 'p' && toks[i - 1]?.v === '::'));
  while (body[0]?.v === '(' && body[body.length - 1]?.v === ')') body = body.slice(1, -1);
  const first = body[0];
  const line = first?.line ?? 1;
  const word = first?.k === 'id' ? first.v.toLowerCase() : '';
  if (UUID_FUNCTIONS.has(word)) { a.generated = 'uuid'; return; }
  if (NOW_WORDS.has(word)) { a.generated = 'now'; return; }
  if (word === 'nextval') { a.generated = 'increment'; return; }
  const value = body.length === 1 || (body.length === 2 && body[0]?.v === '-') ? literal(body, a.type) : undefined;
  if (value === undefined) warnings.push({ line, message: `The default of ${where} is an expression and is not carried` });
  else if (value !== null) a.default = value;
}

function literal(body: SqlTok[], type: AttributeType): JsonValue | undefined {
  const neg = body.length === 2;
  const t = body[body.length - 1] as SqlTok;
  if (t.k === 'num') {
    const n = Number(t.v) * (neg ? -1 : 1);
    if (type === 'boolean') return n !== 0;
    return type === 'decimal' || type === 'string' ? String(n) : n;
  }
  if (t.k === 'id') {
    const w = t.v.toLowerCase();
    if (w === 'true' || w === 'false') return w === 'true';
    if (w === 'null') return null;
    return undefined;
  }
  if (t.k !== 'str') return undefined;
  if (type === 'map') { try { return JSON.parse(t.v) as JsonValue; } catch { return undefined; } }
  if (type === 'integer' || type === 'float') return Number.isFinite(Number(t.v)) ? Number(t.v) : undefined;
  if (type === 'boolean') return ['t', 'true', '1', 'yes'].includes(t.v.toLowerCase());
  return t.v;
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

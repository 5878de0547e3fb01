/**
 * Statement-level reader for SQL DDL (PostgreSQL, MySQL and SQLite dialects): `CREATE TABLE`
 * (columns, keys, `UNIQUE`, `INHERITS`, `PARTITION OF`), `ALTER TABLE` (keys, unique constraints,
 * serial defaults, identities, partitions, as pg_dump writes them), `CREATE [UNIQUE] INDEX`,
 * `CREATE TYPE ... AS ENUM` and `CREATE DOMAIN`. Every other statement says nothing about resources
 * and is skipped (a view with a warning). Produces plain table descriptions; `sql-ddl.ts` maps them.
 * A construct it does not know inside a table is skipped with a warning, never fatal.
 */
import { SyntaxFailure, type ImportProblem } from './errors';
import type { SqlTok } from './sql-ddl-lex';
import { Cursor, nameOf, type QName } from './sql-ddl-cursor';

export type { SqlTok } from './sql-ddl-lex';

export type RefAction = 'cascade' | 'restrict' | 'no_action' | 'set_null' | 'set_default';

export interface SqlColumn {
  name: string;
  line: number;
  /** Lower-cased words of the declared type without schema (`['timestamp', 'with', 'time', 'zone']`), `[]` when none. */
  type: string[];
  /** The type as written (`numeric(10,2)`, `public.mpaa_rating`, `text[]`), '' when none. */
  typeText: string;
  /** Schema of a qualified type name (`public` in `public.mpaa_rating`). */
  typeSchema?: string;
  /** Arguments of the type (`(10, 2)`), values of a MySQL `enum(...)`. */
  typeArgs: SqlTok[];
  isArray: boolean;
  notNull: boolean;
  primaryKey: boolean;
  autoincrement: boolean;
  identity: boolean;
  collateNocase: boolean;
  unique: boolean;
  /** The default clause's tokens (casts included), if any. */
  default?: SqlTok[];
  /** Values of a `CHECK (col IN (...))`. */
  oneOf?: (string | number)[];
  computed: boolean;
}

export interface SqlForeignKey {
  columns: string[];
  table: QName;
  refColumns: string[];
  line: number;
  onDelete?: RefAction;
  onUpdate?: RefAction;
}

export interface SqlTable {
  name: QName;
  line: number;
  columns: SqlColumn[];
  primaryKey: string[];
  foreignKeys: SqlForeignKey[];
  /** UNIQUE constraints and unique indexes: column lists with a name when one was given. */
  uniques: { name?: string; columns: string[] }[];
  /** `INHERITS (parent, ...)` and `PARTITION OF parent`. */
  parents: { table: QName; how: 'inherits' | 'partition' }[];
  /** Constructs read but not carried into the model (CHECKs other than IN lists, generated columns). */
  ignored: ImportProblem[];
}

export interface SqlDomain {
  base: SqlColumn;
}

export interface SqlSchema {
  tables: SqlTable[];
  enums: Map<string, string[]>;
  domains: Map<string, SqlDomain>;
  /** ALTER TABLE and CREATE INDEX facts, applied after all tables are read. */
  alters: SqlAlter[];
  warnings: ImportProblem[];
}

export type SqlAlter =
  | { table: QName; line: number; primaryKey: string[] }
  | { table: QName; line: number; foreignKey: SqlForeignKey }
  | { table: QName; line: number; unique: { name?: string; columns: string[] } }
  | { table: QName; line: number; column: string; increment: true }
  | { table: QName; line: number; child: QName };

const COLUMN_CONSTRAINT = new Set([
  'constraint', 'primary', 'not', 'null', 'unique', 'check', 'default', 'references', 'collate', 'generated', 'as',
  'auto_increment', 'autoincrement', 'comment', 'on', 'key', 'identity', 'stored', 'virtual', 'invisible', 'visible',
  'column_format', 'storage', 'srid', 'compression',
]);
const TABLE_CONSTRAINT = new Set(['constraint', 'primary', 'unique', 'check', 'foreign', 'exclude', 'key', 'index', 'fulltext', 'spatial', 'like']);

export function parseCreateTable(c: Cursor, schema: SqlSchema): SqlTable {
  const line = c.line;
  c.eatWord('create');
  while (c.eatWord('global') || c.eatWord('local') || c.eatWord('temp') || c.eatWord('temporary') || c.eatWord('unlogged')) { /* modifiers */ }
  c.eatWord('table');
  if (c.isWord('if')) c.i += c.isWord('not', 1) ? 3 : 2; // IF NOT EXISTS
  const table: SqlTable = { name: c.qualifiedName(), line, columns: [], primaryKey: [], foreignKeys: [], uniques: [], parents: [], ignored: [] };
  if (c.eatWord('partition')) {
    c.eatWord('of');
    table.parents.push({ table: c.qualifiedName(), how: 'partition' });
  } else if (c.eatWord('as') || c.eatWord('of')) {
    table.ignored.push({ line, message: `Table ${nameOf(table.name)} is defined by a query or a type; it imports without columns` });
    return table;
  }
  if (c.isP('(')) {
    const body = new Cursor(c.group());
    do {
      if (body.done()) break;
      const start = body.i;
      try {
        const w = body.peek()?.k === 'id' ? (body.peek()?.v.toLowerCase() ?? '') : '';
        if (TABLE_CONSTRAINT.has(w) && !(INDEX_WORDS.has(w) && !isIndex(body))) tableConstraint(body, table, schema);
        else table.columns.push(column(body, table, schema));
      } catch (e) {
        if (!(e instanceof SyntaxFailure)) throw e;
        table.ignored.push({ line: e.line, message: `${e.message}; skipped up to the next \`,\`` });
        if (body.i === start) body.i++;
        body.skipToComma();
      }
    } while (body.eatP(','));
  }
  // After the column list: INHERITS, PARTITION BY, WITH (...), table options (ENGINE=InnoDB, WITHOUT ROWID).
  while (!c.done()) {
    if (c.eatWord('inherits')) { for (const n of c.qualifiedNameList()) table.parents.push({ table: n, how: 'inherits' }); continue; }
    c.i++;
  }
  return table;
}

const INDEX_WORDS = new Set(['key', 'index', 'fulltext', 'spatial', 'like', 'exclude']);

/** `KEY name (col, ...)`, `FULLTEXT KEY (...)`, `LIKE other`, `EXCLUDE USING` rather than a column named `key` or `fulltext`. */
function isIndex(c: Cursor): boolean {
  const next = c.peek(1);
  if (next === undefined) return false;
  if (next.k === 'p') return next.v === '(';
  if (c.isWord('key', 1) || c.isWord('index', 1) || c.isWord('using', 1) || c.isWord('including', 1) || c.isWord('excluding', 1)) return true;
  if (c.isWord('like')) return c.peek(2) === undefined || c.peek(2)?.v === ',' || c.peek(2)?.v === '.';
  const after = c.peek(3);
  return c.peek(2)?.v === '(' && after !== undefined && (after.k === 'id' || after.k === 'qid');
}

/** A column: name, type words (with schema, arguments and array suffix), then constraints. */
export function column(c: Cursor, table: SqlTable | undefined, schema: SqlSchema, fixedName?: string): SqlColumn {
  const line = c.line;
  const col: SqlColumn = {
    name: fixedName ?? c.name(), line, type: [], typeText: '', typeArgs: [], isArray: false, notNull: false, primaryKey: false,
    autoincrement: false, identity: false, collateNocase: false, unique: false, computed: false,
  };
  const typeStart = c.i;
  while (!c.done() && !c.isP(',') && (c.peek()?.k === 'id' || c.peek()?.k === 'qid') && !COLUMN_CONSTRAINT.has(c.peek()?.v.toLowerCase() ?? '')) {
    const w = (c.peek()?.v ?? '').toLowerCase();
    if ((w === 'character' || w === 'char') && c.isWord('set', 1)) break; // MySQL CHARACTER SET utf8
    if (w === 'charset') break;
    c.i++;
    if (c.eatP('.')) { col.typeSchema = w; continue; } // public.mpaa_rating
    col.type.push(w);
    if (c.isP('(')) col.typeArgs = c.group(); // varchar(80), numeric(10, 2), enum('a', 'b')
    if (c.isWord('array')) { c.i++; col.isArray = true; if (c.isP('[')) c.skipBrackets(); }
  }
  while (c.isP('[')) { c.skipBrackets(); col.isArray = true; }
  col.typeText = c.text(typeStart, c.i);
  while (!c.done() && !c.isP(',')) columnConstraint(c, col, table, schema);
  return col;
}

function columnConstraint(c: Cursor, col: SqlColumn, table: SqlTable | undefined, schema: SqlSchema): void {
  const line = c.line;
  const where = table ? `${nameOf(table.name)}.${col.name}` : col.name;
  const note = (message: string): void => { (table ? table.ignored : schema.warnings).push({ line, message }); };
  if (c.eatWord('constraint')) { c.name(); return; }
  if (c.eatWord('primary')) {
    c.eatWord('key');
    col.primaryKey = true;
    if (c.eatWord('asc') || c.eatWord('desc')) { /* order */ }
    skipOnConflict(c);
    if (c.eatWord('autoincrement')) col.autoincrement = true;
    return;
  }
  if (c.eatWord('not')) {
    if (c.eatWord('null')) { col.notNull = true; skipOnConflict(c); return; }
    if (c.eatWord('deferrable')) return;
    throw new SyntaxFailure(line, `Unexpected NOT ${c.describe()} in column ${where}`);
  }
  if (c.eatWord('null')) return;
  if (c.eatWord('unique')) { c.eatWord('key'); col.unique = true; skipOnConflict(c); return; }
  if (c.eatWord('key')) { col.primaryKey = true; return; } // MySQL `KEY` alone in a column means PRIMARY KEY
  if (c.eatWord('check')) { readCheck(c.group(), table, line, col, schema); if (c.eatWord('no')) c.eatWord('inherit'); return; }
  if (c.eatWord('default')) { col.default = defaultTokens(c); return; }
  if (c.eatWord('collate')) { if (c.qualifiedName().name.toLowerCase() === 'nocase') col.collateNocase = true; return; }
  if (c.eatWord('references')) {
    const ref = c.qualifiedName();
    const refColumns = c.isP('(') ? c.nameList() : [];
    const fk: SqlForeignKey = { columns: [col.name], table: ref, refColumns, line };
    referenceActions(c, fk);
    if (table) table.foreignKeys.push(fk);
    return;
  }
  if (c.eatWord('generated')) {
    if (c.eatWord('by')) c.eatWord('default');
    else c.eatWord('always');
    c.eatWord('as');
    if (c.eatWord('identity')) { col.identity = true; if (c.isP('(')) c.group(); return; }
    computed(c, col, note, where);
    return;
  }
  if (c.eatWord('as')) { computed(c, col, note, where); return; }
  if (c.eatWord('auto_increment') || c.eatWord('autoincrement')) { col.autoincrement = true; return; }
  if (c.eatWord('identity')) { col.identity = true; if (c.isP('(')) c.group(); return; } // SQL Server style
  if (c.eatWord('comment')) { c.i++; return; }
  if (c.isWord('on') && c.isWord('update', 1)) { c.i += 2; defaultTokens(c); return; } // MySQL ON UPDATE CURRENT_TIMESTAMP
  if (c.isWord('character') || c.isWord('charset')) { c.i += c.isWord('set', 1) ? 3 : 2; return; }
  if (c.eatWord('stored') || c.eatWord('virtual') || c.eatWord('invisible') || c.eatWord('visible')) return;
  if (c.eatWord('column_format') || c.eatWord('storage') || c.eatWord('srid') || c.eatWord('compression')) { c.i++; return; }
  throw new SyntaxFailure(line, `Unexpected ${c.describe()} in column ${where}`);
}

function computed(c: Cursor, col: SqlColumn, note: (m: string) => void, where: string): void {
  if (c.isP('(')) c.group();
  if (c.eatWord('stored') || c.eatWord('virtual')) { /* storage */ }
  col.computed = true;
  note(`Column ${where} is computed; imported as a plain attribute`);
}

function defaultTokens(c: Cursor): SqlTok[] {
  const start = c.i;
  let depth = 0;
  while (!c.done()) {
    const t = c.peek() as SqlTok;
    if (t.k === 'p' && t.v === '(') depth++;
    else if (t.k === 'p' && t.v === ')') depth--;
    else if (depth === 0 && ((t.k === 'p' && t.v === ',') || (t.k === 'id' && COLUMN_CONSTRAINT.has(t.v.toLowerCase()) && c.i > start && !['null', 'as', 'on', 'key'].includes(t.v.toLowerCase())))) break;
    else if (depth === 0 && t.k === 'id' && c.i > start && t.v.toLowerCase() === 'on' && c.isWord('update', 1)) break;
    c.i++;
  }
  return c.toks.slice(start, c.i);
}

function skipOnConflict(c: Cursor): void {
  if (c.isWord('on') && c.isWord('conflict', 1)) c.i += 3;
}

const ACTIONS: Record<string, RefAction> = { cascade: 'cascade', restrict: 'restrict', no: 'no_action', set: 'set_null' };

/** ON DELETE / ON UPDATE (kept), MATCH, DEFERRABLE, INITIALLY (skipped). */
function referenceActions(c: Cursor, fk: SqlForeignKey): void {
  for (;;) {
    if (c.isWord('on') && (c.isWord('delete', 1) || c.isWord('update', 1))) {
      const which = c.isWord('delete', 1) ? 'onDelete' : 'onUpdate';
      c.i += 2;
      const w = (c.peek()?.v ?? '').toLowerCase();
      c.i++;
      let action = ACTIONS[w];
      if (w === 'set') { if (c.isWord('default')) action = 'set_default'; c.i++; if (c.isP('(')) c.group(); } else if (w === 'no') c.i++;
      if (action) fk[which] = action;
    } else if (c.eatWord('match')) c.i++;
    else if (c.eatWord('not')) { c.eatWord('deferrable'); c.eatWord('valid'); }
    else if (c.eatWord('deferrable')) { /* constraint timing */ }
    else if (c.eatWord('initially')) c.i++;
    else return;
  }
}

function tableConstraint(c: Cursor, table: SqlTable, schema: SqlSchema): void {
  const line = c.line;
  let name: string | undefined;
  if (c.eatWord('constraint')) name = c.isWord('primary') || c.isWord('unique') || c.isWord('foreign') || c.isWord('check') ? undefined : c.name();
  if (c.eatWord('primary')) { c.eatWord('key'); c.indexName(); table.primaryKey = c.nameList(); skipIndexTail(c); return; }
  if (c.eatWord('unique')) {
    if (c.eatWord('key') || c.eatWord('index')) { /* MySQL */ }
    const given = c.indexName() ?? name;
    if (c.eatWord('nulls')) { c.eatWord('not'); c.eatWord('distinct'); }
    table.uniques.push({ name: given, columns: c.nameList() });
    skipIndexTail(c);
    return;
  }
  if (c.eatWord('check')) { readCheck(c.group(), table, line, undefined, schema); if (c.eatWord('no')) c.eatWord('inherit'); return; }
  if (c.eatWord('foreign')) { c.eatWord('key'); c.indexName(); table.foreignKeys.push(foreignKey(c, line)); return; }
  if (c.eatWord('key') || c.eatWord('index') || c.eatWord('fulltext') || c.eatWord('spatial')) {
    // MySQL secondary index: not a constraint, nothing a resource needs.
    c.eatWord('key'); c.eatWord('index');
    c.indexName();
    c.group();
    skipIndexTail(c);
    return;
  }
  if (c.eatWord('exclude') || c.eatWord('like')) {
    table.ignored.push({ line, message: `A ${c.toks[c.i - 1]?.v.toUpperCase()} clause on ${nameOf(table.name)} is not carried` });
    c.skipToComma();
    return;
  }
  throw new SyntaxFailure(line, `Unsupported table constraint ${c.describe()} in ${nameOf(table.name)}`);
}

/** `USING btree`, `WITH (...)`, `INCLUDE (...)`, `DEFERRABLE`, `ON CONFLICT`, MySQL `COMMENT '...'`. */
function skipIndexTail(c: Cursor): void {
  while (!c.done() && !c.isP(',')) c.i++;
}

export function foreignKey(c: Cursor, line: number): SqlForeignKey {
  c.eatWord('key');
  const columns = c.nameList();
  if (!c.eatWord('references')) throw new SyntaxFailure(c.line, `Expected REFERENCES, found ${c.describe()}`);
  const ref = c.qualifiedName();
  const refColumns = c.isP('(') ? c.nameList() : [];
  const fk: SqlForeignKey = { columns, table: ref, refColumns, line };
  referenceActions(c, fk);
  return fk;
}

/** `CHECK (col IN ('a', 'b'))` (or `VALUE IN` in a domain, or `col = ANY (ARRAY[...])`) becomes `oneOf`. */
function readCheck(toks: SqlTok[], table: SqlTable | undefined, line: number, col: SqlColumn | undefined, schema: SqlSchema): void {
  const c = new Cursor(toks.filter((t) => !(t.k === 'p' && (t.v === '(' || t.v === ')'))));
  const name = c.peek()?.k === 'id' || c.peek()?.k === 'qid' ? c.name() : undefined;
  const cast = (): void => {
    while (c.eatP('::')) {
      c.name();
      if (c.isWord('varying')) c.i++;
      while (c.isP('[') && c.peek(1)?.v === ']') c.i += 2;
    }
  };
  cast();
  const values: (string | number)[] = [];
  let okList = false;
  if (name !== undefined && (c.eatWord('in') || (c.eatP('=') && c.eatWord('any') && c.eatWord('array')))) {
    c.eatP('[');
    okList = true;
    do {
      const neg = c.eatP('-');
      const t = c.peek();
      if (t?.k === 'str') values.push(t.v);
      else if (t?.k === 'num') values.push(neg ? -Number(t.v) : Number(t.v));
      else okList = false;
      c.i++;
      cast();
    } while (okList && c.eatP(','));
    c.eatP(']');
    cast();
  }
  const target = col && (col.name === name || name?.toLowerCase() === 'value') ? col : table?.columns.find((x) => x.name === name);
  if (okList && c.done() && target) { target.oneOf = values; return; }
  const where = table ? nameOf(table.name) : `domain ${col?.name ?? ''}`;
  (table ? table.ignored : schema.warnings).push({ line, message: `A CHECK constraint on ${where} is not carried (only \`column IN (...)\` is)` });
}

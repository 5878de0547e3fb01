/**
 * Statement-level reader for SQL DDL (SQLite and PostgreSQL dialects): `CREATE TABLE`,
 * `ALTER TABLE ... ADD [CONSTRAINT n] FOREIGN KEY|PRIMARY KEY` (how pg_dump writes keys) and
 * `CREATE TYPE ... AS ENUM`. Every other statement (indexes, extensions, pragmas, grants) says
 * nothing about resources and is skipped. Produces plain table descriptions; `sql-ddl.ts` maps them.
 */
import { SyntaxFailure } from './errors';

export interface SqlTok {
  k: 'id' | 'qid' | 'str' | 'num' | 'p';
  v: string;
  line: number;
}

export interface SqlColumn {
  name: string;
  line: number;
  /** Lower-cased words of the declared type (`['timestamp', 'with', 'time', 'zone']`), `[]` when none. */
  type: string[];
  isArray: boolean;
  notNull: boolean;
  primaryKey: boolean;
  autoincrement: boolean;
  identity: boolean;
  collateNocase: boolean;
  /** The default clause's tokens (casts included), if any. */
  default?: SqlTok[];
  /** Values of a `CHECK (col IN (...))`. */
  oneOf?: (string | number)[];
  computed: boolean;
}

export interface SqlForeignKey {
  columns: string[];
  table: string;
  refColumns: string[];
  line: number;
}

export interface SqlTable {
  name: string;
  line: number;
  columns: SqlColumn[];
  primaryKey: string[];
  foreignKeys: SqlForeignKey[];
  /** Constructs read but not carried into the model (CHECKs other than IN lists, generated columns). */
  ignored: { line: number; message: string }[];
}

export interface SqlSchema {
  tables: SqlTable[];
  enums: Map<string, string[]>;
  /** ALTER TABLE constraints, applied after all tables are read. */
  alters: { table: string; line: number; primaryKey?: string[]; foreignKey?: SqlForeignKey }[];
}

export function tokenizeSql(src: string): SqlTok[] {
  const out: SqlTok[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('--', i)) { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new SyntaxFailure(line, 'Unterminated /* comment');
      for (let j = i; j < end; j++) if (src[j] === '\n') line++;
      i = end + 2;
      continue;
    }
        // `[name]` quotes a name (SQLite accepts it); `[]` after a type is PostgreSQL's array suffix.
    const close = c === '"' ? '"' : c === '`' ? '`' : c === '[' && src[i + 1] !== ']' ? ']' : c === "'" ? "'" : undefined;
    if (close) {
      const start = line;
      let v = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new SyntaxFailure(start, `Unterminated ${c === "'" ? 'string' : 'quoted name'}`);
        const d = src[j] as string;
        if (d === close) {
          if (src[j + 1] === close && close !== ']') { v += d; j += 2; continue; }
          break;
        }
        if (d === '\n') line++;
        v += d;
        j++;
      }
      out.push({ k: c === "'" ? 'str' : 'qid', v, line: start });
      i = j + 1;
      continue;
    }
    const num = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 40));
    if (num) { out.push({ k: 'num', v: num[0], line }); i += num[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(src.slice(i, i + 200));
    if (id) { out.push({ k: 'id', v: id[0], line }); i += id[0].length; continue; }
    if (src.startsWith('::', i)) { out.push({ k: 'p', v: '::', line }); i += 2; continue; }
    out.push({ k: 'p', v: c, line });
    i++;
  }
  return out;
}

/** Splits on top-level `;`. */
export function splitStatements(toks: SqlTok[]): SqlTok[][] {
  const out: SqlTok[][] = [];
  let cur: SqlTok[] = [];
  for (const t of toks) {
    if (t.k === 'p' && t.v === ';') {
      if (cur.length > 0) out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

const COLUMN_CONSTRAINT = new Set(['constraint', 'primary', 'not', 'null', 'unique', 'check', 'default', 'references', 'collate', 'generated', 'as']);
const TABLE_CONSTRAINT = new Set(['constraint', 'primary', 'unique', 'check', 'foreign', 'exclude']);

/** A cursor over one statement's tokens. */
export class Cursor {
  i = 0;
  constructor(readonly toks: SqlTok[]) {}
  peek(offset = 0): SqlTok | undefined { return this.toks[this.i + offset]; }
  get line(): number { return (this.toks[this.i] ?? this.toks[this.toks.length - 1])?.line ?? 1; }
  done(): boolean { return this.i >= this.toks.length; }
  isWord(w: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.k === 'id' && t.v.toLowerCase() === w;
  }
  isP(p: string): boolean { const t = this.peek(); return t !== undefined && t.k === 'p' && t.v === p; }
  eatWord(w: string): boolean { if (this.isWord(w)) { this.i++; return true; } return false; }
  eatP(p: string): boolean { if (this.isP(p)) { this.i++; return true; } return false; }
  expectP(p: string): void {
    if (!this.eatP(p)) throw new SyntaxFailure(this.line, `Expected \`${p}\`, found ${this.describe()}`);
  }
  name(): string {
    const t = this.peek();
    if (!t || (t.k !== 'id' && t.k !== 'qid')) throw new SyntaxFailure(this.line, `Expected a name, found ${this.describe()}`);
    this.i++;
    return t.v;
  }
  /** `schema.table` → `table` (the schema says nothing about the resource). */
  qualifiedName(): string {
    let n = this.name();
    while (this.eatP('.')) n = this.name();
    return n;
  }
  /** Tokens of a balanced `( ... )` group, without the outer parentheses. */
  group(): SqlTok[] {
    this.expectP('(');
    const start = this.i;
    let depth = 1;
    while (!this.done()) {
      const t = this.toks[this.i] as SqlTok;
      if (t.k === 'p' && t.v === '(') depth++;
      if (t.k === 'p' && t.v === ')' && --depth === 0) { this.i++; return this.toks.slice(start, this.i - 1); }
      this.i++;
    }
    throw new SyntaxFailure(this.line, 'Unclosed `(`');
  }
  nameList(): string[] {
    const c = new Cursor(this.group());
    const out = [c.name()];
    while (c.eatP(',')) out.push(c.name());
    return out;
  }
  describe(): string { const t = this.peek(); return t ? `\`${t.v}\`` : 'the end of the statement'; }
}

export function parseCreateTable(c: Cursor): SqlTable {
  const line = c.line;
  c.eatWord('create');
  while (c.eatWord('temp') || c.eatWord('temporary') || c.eatWord('unlogged')) { /* modifiers */ }
  c.eatWord('table');
  if (c.isWord('if')) { c.i += 3; } // IF NOT EXISTS
  const table: SqlTable = { name: c.qualifiedName(), line, columns: [], primaryKey: [], foreignKeys: [], ignored: [] };
  const body = new Cursor(c.group());
  do {
    if (body.done()) break;
    if (TABLE_CONSTRAINT.has(body.peek()?.k === 'id' ? (body.peek()?.v.toLowerCase() ?? '') : '')) tableConstraint(body, table);
    else table.columns.push(column(body, table));
  } while (body.eatP(','));
  if (!body.done()) throw new SyntaxFailure(body.line, `Unexpected ${body.describe()} in CREATE TABLE ${table.name}`);
  return table;
}

function column(c: Cursor, table: SqlTable): SqlColumn {
  const col: SqlColumn = {
    name: c.name(), line: c.line, type: [], isArray: false, notNull: false, primaryKey: false, autoincrement: false,
    identity: false, collateNocase: false, computed: false,
  };
  while (!c.done() && !c.isP(',') && c.peek()?.k === 'id' && !COLUMN_CONSTRAINT.has(c.peek()?.v.toLowerCase() ?? '')) {
    col.type.push((c.peek()?.v ?? '').toLowerCase());
    c.i++;
    if (c.isP('(')) c.group(); // varchar(80), numeric(10, 2), timestamp(0)
  }
  while (c.isP('[')) { c.i++; c.eatP(']'); col.isArray = true; }
  while (!c.done() && !c.isP(',')) columnConstraint(c, col, table);
  return col;
}

function columnConstraint(c: Cursor, col: SqlColumn, table: SqlTable): void {
  const line = c.line;
  if (c.eatWord('constraint')) { c.name(); return; }
  if (c.eatWord('primary')) {
    c.eatWord('key');
    col.primaryKey = true;
    if (c.eatWord('asc') || c.eatWord('desc')) { /* order */ }
    skipOnConflict(c);
    if (c.eatWord('autoincrement')) col.autoincrement = true;
    return;
  }
  if (c.eatWord('not')) { c.eatWord('null'); col.notNull = true; skipOnConflict(c); return; }
  if (c.eatWord('null')) return;
  if (c.eatWord('unique')) { skipOnConflict(c); return; }
  if (c.eatWord('check')) { readCheck(c.group(), table, line, col); return; }
  if (c.eatWord('default')) { col.default = defaultTokens(c); return; }
  if (c.eatWord('collate')) { if (c.name().toLowerCase() === 'nocase') col.collateNocase = true; return; }
  if (c.eatWord('references')) {
    const ref = c.qualifiedName();
    const refColumns = c.isP('(') ? c.nameList() : [];
    table.foreignKeys.push({ columns: [col.name], table: ref, refColumns, line });
    skipReferenceActions(c);
    return;
  }
  if (c.eatWord('generated')) {
    if (c.eatWord('by')) c.eatWord('default');
    else c.eatWord('always');
    c.eatWord('as');
    if (c.eatWord('identity')) { col.identity = true; if (c.isP('(')) c.group(); return; }
    computed(c, col, table, line);
    return;
  }
  if (c.eatWord('as')) { computed(c, col, table, line); return; }
  throw new SyntaxFailure(line, `Unexpected ${c.describe()} in column \`${col.name}\` of ${table.name}`);
}

function computed(c: Cursor, col: SqlColumn, table: SqlTable, line: number): void {
  c.group();
  if (c.eatWord('stored') || c.eatWord('virtual')) { /* storage */ }
  col.computed = true;
  table.ignored.push({ line, message: `Column \`${table.name}.${col.name}\` is computed; imported as a plain attribute` });
}

function defaultTokens(c: Cursor): SqlTok[] {
  const start = c.i;
  let depth = 0;
  while (!c.done()) {
    const t = c.peek() as SqlTok;
    if (t.k === 'p' && t.v === '(') depth++;
    else if (t.k === 'p' && t.v === ')') depth--;
    else if (depth === 0 && ((t.k === 'p' && t.v === ',') || (t.k === 'id' && COLUMN_CONSTRAINT.has(t.v.toLowerCase()) && c.i > start && t.v.toLowerCase() !== 'null'))) break;
    c.i++;
  }
  return c.toks.slice(start, c.i);
}

function skipOnConflict(c: Cursor): void {
  if (c.isWord('on') && c.isWord('conflict', 1)) c.i += 3;
}

function skipReferenceActions(c: Cursor): void {
  for (;;) {
    if (c.isWord('on') && (c.isWord('delete', 1) || c.isWord('update', 1))) {
      c.i += 2;
      if (c.eatWord('set')) { c.i++; if (c.isP('(')) c.group(); } else if (c.eatWord('no')) c.i++; else c.i++;
    } else if (c.eatWord('match')) c.i++;
    else if (c.eatWord('not') || c.eatWord('deferrable')) { c.eatWord('deferrable'); }
    else if (c.eatWord('initially')) c.i++;
    else return;
  }
}

function tableConstraint(c: Cursor, table: SqlTable): void {
  const line = c.line;
  if (c.eatWord('constraint')) c.name();
  if (c.eatWord('primary')) { c.eatWord('key'); table.primaryKey = c.nameList(); skipOnConflict(c); return; }
  if (c.eatWord('unique')) { c.nameList(); skipOnConflict(c); return; }
  if (c.eatWord('check')) { readCheck(c.group(), table, line); return; }
  if (c.eatWord('foreign')) { table.foreignKeys.push(foreignKey(c, line)); return; }
  throw new SyntaxFailure(line, `Unsupported table constraint ${c.describe()} in ${table.name}`);
}

export function foreignKey(c: Cursor, line: number): SqlForeignKey {
  c.eatWord('key');
  const columns = c.nameList();
  if (!c.eatWord('references')) throw new SyntaxFailure(c.line, `Expected REFERENCES, found ${c.describe()}`);
  const ref = c.qualifiedName();
  const refColumns = c.isP('(') ? c.nameList() : [];
  skipReferenceActions(c);
  return { columns, table: ref, refColumns, line };
}

/** `CHECK (col IN ('a', 'b'))` becomes `oneOf`; any other check is listed as not carried. */
function readCheck(toks: SqlTok[], table: SqlTable, line: number, col?: SqlColumn): void {
  const c = new Cursor(toks);
  const name = c.peek()?.k === 'id' || c.peek()?.k === 'qid' ? c.name() : undefined;
  if (name !== undefined && c.eatWord('in') && c.isP('(')) {
    const values: (string | number)[] = [];
    const list = new Cursor(c.group());
    let okList = true;
    do {
      const neg = list.eatP('-');
      const t = list.peek();
      if (t?.k === 'str') values.push(t.v);
      else if (t?.k === 'num') values.push(neg ? -Number(t.v) : Number(t.v));
      else okList = false;
      list.i++;
      if (list.eatP('::')) list.name();
    } while (okList && list.eatP(','));
    const target = col && col.name === name ? col : table.columns.find((x) => x.name === name);
    if (okList && list.done() && c.done() && target) { target.oneOf = values; return; }
  }
  table.ignored.push({ line, message: `A CHECK constraint on ${table.name} is not carried (only \`column IN (...)\` is)` });
}

/**
 * One statement of a dump → facts in `SqlSchema`. Tables, keys, unique constraints and indexes,
 * enums, domains, serial defaults and partitions are read; views are skipped with a warning; every
 * other statement (functions, triggers, sequences, grants, comments, SET, extensions) is skipped
 * silently: it says nothing about resources.
 */
import { SyntaxFailure } from './errors';
import type { Cursor} from './sql-ddl-cursor';
import { nameOf, type QName } from './sql-ddl-cursor';
import { column, foreignKey, parseCreateTable, type SqlSchema } from './sql-ddl-parse';

export function readStatement(c: Cursor, schema: SqlSchema): void {
  if (c.isWord('create')) {
    let k = 1;
    if (c.isWord('or', k) && c.isWord('replace', k + 1)) k += 2;
    while (['global', 'local', 'temp', 'temporary', 'unlogged'].some((w) => c.isWord(w, k))) k++;
    if (c.isWord('table', k)) {
      const table = parseCreateTable(c, schema);
      // SQLite's own bookkeeping (`sqlite_sequence`, `sqlite_stat1`) appears in `.schema` output.
      if (!table.name.name.toLowerCase().startsWith('sqlite_')) schema.tables.push(table);
      return;
    }
    if (c.isWord('type', k)) { c.i = k + 1; readType(c, schema); return; }
    if (c.isWord('domain', k)) { c.i = k + 1; readDomain(c, schema); return; }
    if (c.isWord('unique', k) || c.isWord('index', k)) { c.i = k; readIndex(c, schema); return; }
    if (c.isWord('view', k) || (c.isWord('materialized', k) && c.isWord('view', k + 1)) || (c.isWord('recursive', k) && c.isWord('view', k + 1))) {
      c.i = k + (c.isWord('view', k) ? 1 : 2);
      if (c.isWord('if')) c.i += 3;
      schema.warnings.push({ line: c.line, message: `View ${nameOf(c.qualifiedName())} is not a table; skipped` });
      return;
    }
    return; // functions, triggers, sequences, extensions, schemas, operators, aggregates
  }
  if (c.isWord('alter') && c.isWord('table', 1)) { c.i = 2; readAlterTable(c, schema); }
}

function readType(c: Cursor, schema: SqlSchema): void {
  const name = c.qualifiedName();
  if (!c.eatWord('as') || !c.eatWord('enum')) return; // composite and range types are not attribute types here
  const values = c.group().filter((t) => t.k === 'str').map((t) => t.v);
  schema.enums.set(name.name.toLowerCase(), values);
}

/** `CREATE DOMAIN name [AS] base [DEFAULT ..] [NOT NULL] [CHECK (VALUE IN (..))]`: read like a column. */
function readDomain(c: Cursor, schema: SqlSchema): void {
  const name = c.qualifiedName();
  c.eatWord('as');
  const base = column(c, undefined, schema, nameOf(name));
  schema.domains.set(name.name.toLowerCase(), { base });
}

/** `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON [ONLY] table [USING m] (cols) [WHERE ..]`. */
function readIndex(c: Cursor, schema: SqlSchema): void {
  const line = c.line;
  const unique = c.eatWord('unique');
  c.eatWord('index');
  c.eatWord('concurrently');
  if (c.isWord('if')) c.i += 3;
  const name = c.isWord('on') ? undefined : c.name();
  if (!c.eatWord('on')) return;
  c.eatWord('only');
  const table = c.qualifiedName();
  if (c.eatWord('using')) c.i++;
  if (!unique) return;
  let columns: string[];
  try {
    columns = c.nameList();
  } catch (e) {
    if (!(e instanceof SyntaxFailure)) throw e;
    schema.warnings.push({ line, message: `Unique index ${name ?? ''} on ${nameOf(table)} is over an expression; not carried` });
    return;
  }
  while (!c.done() && !c.isWord('where')) c.i++;
  if (c.isWord('where')) {
    schema.warnings.push({ line, message: `Unique index ${name ?? ''} on ${nameOf(table)} is partial (WHERE); not carried` });
    return;
  }
  schema.alters.push({ table, line, unique: { name, columns } });
}

function readAlterTable(c: Cursor, schema: SqlSchema): void {
  const line = c.line;
  if (c.isWord('if')) c.i += 2; // IF EXISTS
  c.eatWord('only');
  const table: QName = c.qualifiedName();
  do {
    readAlterAction(c, schema, table, line);
    let depth = 0;
    while (!c.done() && !(depth === 0 && c.isP(','))) {
      if (c.isP('(')) depth++;
      if (c.isP(')')) depth--;
      c.i++;
    }
  } while (c.eatP(','));
}

function readAlterAction(c: Cursor, schema: SqlSchema, table: QName, line: number): void {
  if (c.eatWord('attach') && c.eatWord('partition')) { schema.alters.push({ table, line, child: c.qualifiedName() }); return; }
  if (c.eatWord('inherit')) { schema.alters.push({ table: c.qualifiedName(), line, child: table }); return; }
  if (c.eatWord('alter')) {
    // pg_dump writes serials as `ALTER COLUMN id SET DEFAULT nextval(...)` and identities as
    // `ALTER COLUMN id ADD GENERATED ... AS IDENTITY`.
    c.eatWord('column');
    const col = c.name();
    const rest = c.toks.slice(c.i).map((t) => t.v.toLowerCase());
    const increment = (rest[0] === 'set' && rest[1] === 'default' && rest[2] === 'nextval') || (rest[0] === 'add' && rest[1] === 'generated');
    if (increment) schema.alters.push({ table, line, column: col, increment: true });
    return;
  }
  if (!c.eatWord('add')) return; // OWNER TO, DROP, SET ...: not structure we import
  let name: string | undefined;
  if (c.eatWord('constraint')) name = c.name();
  if (c.eatWord('foreign')) { schema.alters.push({ table, line, foreignKey: foreignKey(c, line) }); return; }
  if (c.eatWord('primary')) { c.eatWord('key'); schema.alters.push({ table, line, primaryKey: c.nameList() }); return; }
  if (c.eatWord('unique')) {
    if (c.eatWord('key') || c.eatWord('index')) { /* MySQL */ }
    const given = c.indexName() ?? name;
    if (c.eatWord('nulls')) { c.eatWord('not'); c.eatWord('distinct'); }
    if (c.isWord('using') && c.isWord('index', 1)) return;
    schema.alters.push({ table, line, unique: { name: given, columns: c.nameList() } });
    return;
  }
  if (c.isWord('check') || c.isWord('exclude') || c.isWord('key') || c.isWord('index')) {
    if (!c.isWord('key') && !c.isWord('index')) schema.warnings.push({ line, message: `ALTER TABLE ${nameOf(table)} ADD ${c.peek()?.v.toUpperCase()} is not carried` });
    return;
  }
  c.eatWord('column');
  if (c.isWord('if')) c.i += 3;
  throw new SyntaxFailure(line, `ALTER TABLE ${nameOf(table)} ADD ${c.describe()} is not imported; put the column in CREATE TABLE`);
}

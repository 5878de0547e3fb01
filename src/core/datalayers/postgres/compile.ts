import type { CompileContext } from '../sqlite/compile-sql';
import { SqlCompiler } from '../sqlite/compile-sql';

/** The PostgreSQL type a parameter is cast to, from its JS value (every parameter is typed: `$1::bigint`). */
export function paramType(value: unknown): string {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'bigint' : 'float8';
  return 'text';
}

/** A parameter value as sent to the driver: booleans and numbers as they are, anything else as text. */
export function pgValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}

/**
 * The sqlite compiler with PostgreSQL's spelling: `$n` parameters cast to their type (PostgreSQL
 * cannot infer `$1 || $2` or `lower($1)`), `true`/`false`, `ctid` for row ids, `LIMIT ALL`, `strpos`,
 * float division with NULLIF (the evaluator's null on a zero divisor; PostgreSQL would raise), and key
 * lists as one array parameter (`= ANY($1::bigint[])`).
 */
export class PgCompiler extends SqlCompiler {
  protected override readonly TRUE: string = 'true';
  protected override readonly FALSE: string = 'false';
  /** `ctid`: PostgreSQL refuses a column of that name, so no attribute shadows it. */
  protected override rowId(): string {
    return 'ctid';
  }

  constructor(ctx: CompileContext) {
    super(ctx);
  }

  override param(value: unknown): string {
    if (value === null || value === undefined) return 'NULL';
    const v = pgValue(value);
    (this.params as unknown[]).push(v);
    return `$${this.params.length}::${paramType(v)}`;
  }

  /** An untyped-array parameter cast to `type` (e.g. `text[]`). */
  arrayParam(values: readonly unknown[], type: string): string {
    // A list of numbers (every key list of integer ids) is sent as it is: pgValue keeps numbers.
    const numeric = (type === 'bigint[]' || type === 'float8[]') && values.every((v) => typeof v === 'number');
    (this.params as unknown[]).push(numeric ? values : values.map(pgValue));
    return `$${this.params.length}::${type}`;
  }

  override limitSql(n: number | undefined): string {
    return n === undefined || n < 0 ? 'ALL' : this.param(n);
  }

  protected override divide(l: string, r: string): string {
    return `(CAST(${l} AS double precision) / NULLIF(${r}, 0))`;
  }

  protected override containsSql(a: string, b: string): string {
    return `(strpos(${a}, ${b}) > 0)`;
  }

  override keyTest(col: string, keys: readonly unknown[], opts: { integerColumn: boolean; lowerValues?: boolean }): string {
    const type = keys.every((k) => typeof k === 'number' && Number.isSafeInteger(k))
      ? 'bigint[]'
      : keys.every((k) => typeof k === 'number')
        ? 'float8[]'
        : keys.every((k) => typeof k === 'boolean')
          ? 'boolean[]'
          : 'text[]';
    const list = type === 'text[]' ? keys.map((k) => (typeof k === 'string' ? k : JSON.stringify(k))) : keys;
    if (opts.lowerValues) return `(${col} = ANY(SELECT lower(v) FROM unnest(${this.arrayParam(list, type)}) AS v))`;
    return `(${col} = ANY(${this.arrayParam(list, type)}))`;
  }
}

/**
 * Rows as ONE JSON text value: `SELECT coalesce(json_agg(json_build_array(j."a", …)), '[]')::text
 * FROM (<sql>) AS j`. PGlite hands every result row through its JavaScript protocol parser (a few µs
 * a row, most of a large read); one text value decoded by `JSON.parse` is 3–5× faster there. A real
 * server through node-postgres is faster with plain rows (measured in bench/loader/pg.ts), so the
 * layer uses this on PGlite only. The aggregate reads the subquery's rows in its order (a plain
 * aggregate over a sorted subquery, no join or grouping around it; json_agg is not parallel).
 * JSON keeps the layer's column types: bigint and float8 as numbers (float8's non-finite values come
 * back as the strings "NaN"/"Infinity"/"-Infinity", which the layer turns into numbers), booleans,
 * text. `null` when the select list is too long for one call (PostgreSQL's 100-argument limit).
 */
export function jsonRowsSql(sql: string, names: readonly string[]): string | null {
  if (names.length === 0 || names.length > 100) return null;
  // The subquery's columns renamed by position: an attribute named like an internal column (or two
  // output columns of one name) cannot make a reference ambiguous.
  const cols = names.map((_, i) => `"__c${i}"`);
  return `${JSON_ROWS_PREFIX}${cols.map((c) => `j.${c}`).join(', ')})), '[]')::text FROM (${sql}) AS j(${cols.join(', ')})`;
}

/** How every jsonRowsSql statement starts (the benchmark's floor recognises them by it). */
export const JSON_ROWS_PREFIX = 'SELECT coalesce(json_agg(json_build_array(';

/** The rows of a jsonRowsSql statement's result (one row, one text column). */
export function decodeJsonRows(result: readonly unknown[][]): unknown[][] {
  const text = result[0]?.[0];
  return typeof text === 'string' ? (JSON.parse(text) as unknown[][]) : [];
}

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
    (this.params as unknown[]).push(values.map(pgValue));
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

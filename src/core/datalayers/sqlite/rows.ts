import type { AttributeType } from '../../model/types';
import type { Row } from '../../query/types';
import { now } from '../../clock';
import { setKey } from '../../engine/records';
import type { StatementSink } from '../data-layer';
import type { SqlDatabase, SqlStatement, SqlValue } from './database';
import { RAW_ROWS, isDeferred, type DeferredRows } from '../../query/raw-rows';

type Decoder = ((v: unknown) => unknown) | null;

function decoderFor(type: AttributeType | undefined): Decoder {
  if (type === 'boolean') return (v) => (v === null ? null : v !== 0 && v !== '0');
  if (type === 'map') {
    return (v) => {
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    };
  }
  return null;
}

type Mapper = (values: unknown[]) => Row;

/** Rows are exactly the JSON values: no decoded column and no key that needs special storing. */
function isPlain(columns: readonly string[], decoders: readonly Decoder[]): boolean {
  return columns.every((c) => c !== '__proto__') && decoders.every((d) => d === null);
}

/**
 * Builds rows from value arrays. For ordinary column names a generated function makes every row
 * with one object literal (one hidden class, no per-key stores); `__proto__` falls back to setKey.
 */
function mapperFor(columns: readonly string[], decoders: readonly Decoder[]): Mapper {
  if (isPlain(columns, decoders)) {
    const body = `return {${columns.map((c, i) => `${JSON.stringify(c)}: a[${i}]`).join(', ')}};`;
    return new Function('a', body) as Mapper;
  }
  const n = columns.length;
  return (values) => {
    const row: Row = {};
    for (let i = 0; i < n; i++) {
      const d = decoders[i];
      const v = values[i] ?? null;
      setKey(row, columns[i]!, d ? d(v) : v);
    }
    return row;
  };
}

/**
 * Runs statements with a cache of prepared statements (same SQL text, same statement) and logs
 * each one to the sink with its parameters, row count and time.
 *
 * Rows cross the wasm boundary as ONE JSON text: `'[' || group_concat(json_array(...)) || ']'` over the
 * query, then `JSON.parse`. Reading value by value through sql.js costs a call into wasm and a
 * string decode per value; one JSON text is about twice as fast for large results.
 */
export class StatementRunner {
  private readonly cache = new Map<string, SqlStatement>();
  private readonly mappers = new Map<string, { map: Mapper; plain: boolean }>();

  constructor(private readonly db: SqlDatabase) {}

  clear(): void {
    for (const s of this.cache.values()) s.free();
    this.cache.clear();
  }

  /**
   * Reads the rows of `sql`, whose output columns are exactly `columns` (in order). `types` gives
   * the attribute type of a column (for booleans and maps).
   */
  read(sql: string, params: SqlValue[], columns: readonly string[], types: ReadonlyMap<string, AttributeType>, sink: StatementSink): Row[] {
    const got = this.readRows(sql, params, columns, types, sink, false);
    return isDeferred(got) ? got.rows() : got;
  }

  /**
   * Like `read`, but when the rows are exactly the JSON text (no decoded column, no `__proto__`),
   * runs the statement and returns the text with a builder for the rows instead of building them.
   */
  readDeferred(sql: string, params: SqlValue[], columns: readonly string[], types: ReadonlyMap<string, AttributeType>, sink: StatementSink): Row[] | DeferredRows {
    return this.readRows(sql, params, columns, types, sink, true);
  }

  /**
   * The value lists of `sql` (one per row, in `columns` order) without building row objects, for
   * values the loader only groups by (join rows of a many_to_many). Logged like `read`.
   */
  readValues(sql: string, params: SqlValue[], columns: readonly string[], sink: StatementSink): unknown[][] {
    const started = now();
    const values = JSON.parse(this.text(sql, params, columns)) as unknown[][];
    sink.push({ sql, params: [...params], rows: values.length, ms: now() - started, scope: sink.scope });
    return values;
  }

  /** Runs `sql` wrapped so that SQLite returns its rows as one JSON list of value lists. */
  private text(sql: string, params: SqlValue[], columns: readonly string[]): string {
    // group_concat of the json_array texts, not json_group_array: the same text (json_array's output is
    // already JSON), without json_group_array checking each element again (W3: 89 -> 74 ms).
    // The rows are named by position (a CTE's column list): a column named `true` or `false` read by
    // name from a subquery would fall back to SQLite's string literal "true".
    // The CTE's own name must not be a table the statement reads (that would be a circular reference).
    let cte = '__relata_rows';
    while (sql.includes(cte)) cte += '_';
    const names = columns.map((_, i) => `"__c${i}"`).join(', ');
    const wrapped = `WITH "${cte}"(${names}) AS (${sql}) SELECT '[' || group_concat(json_array(${names}), ',') || ']' FROM "${cte}"`;
    let stmt = this.cache.get(wrapped);
    if (!stmt) {
      stmt = this.db.prepare(wrapped);
      this.cache.set(wrapped, stmt);
    }
    try {
      stmt.bind(params);
      stmt.step();
      return String(stmt.get()[0] ?? '[]');
    } finally {
      stmt.reset();
    }
  }

  /** Runs the statement; builds the rows now, or (`defer`, plain rows) hands back the text and a builder. */
  private readRows(
    sql: string,
    params: SqlValue[],
    columns: readonly string[],
    types: ReadonlyMap<string, AttributeType>,
    sink: StatementSink,
    defer: boolean,
  ): Row[] | DeferredRows {
    const started = now();
    const text = this.text(sql, params, columns);
    const queryMs = now() - started;
    const key = `${columns.join('\u0000')}\u0001${columns.map((c) => types.get(c) ?? '').join('\u0000')}`;
    let entry = this.mappers.get(key);
    if (!entry) {
      const decoders = columns.map((c) => decoderFor(types.get(c)));
      entry = { map: mapperFor(columns, decoders), plain: isPlain(columns, decoders) };
      this.mappers.set(key, entry);
    }
    const { map, plain } = entry;
    const build = (): Row[] => {
      const parsedAt = now();
      const values = JSON.parse(text) as unknown[][];
      // push, not new Array(n): V8 gives a preallocated array of more than ~100k slots slow dictionary elements.
      const rows: Row[] = [];
      for (let i = 0; i < values.length; i++) rows.push(map(values[i]!));
      if (plain) RAW_ROWS.set(rows, { columns, json: text });
      sink.push({ sql, params: [...params], rows: rows.length, ms: queryMs + (now() - parsedAt), scope: sink.scope });
      return rows;
    };
    if (!defer || !plain) return build();
    let built: Row[] | undefined;
    return { deferred: true, columns, json: text, rows: () => (built ??= build()) };
  }
}

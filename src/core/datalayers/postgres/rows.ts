import type { AttributeType } from '../../model/types';
import type { Row } from '../../query/types';
import { now } from '../../clock';
import { setKey } from '../../engine/records';
import { RelataFailure, fail } from '../../result';
import { RAW_ROWS, type DeferredRows } from '../../query/raw-rows';
import type { StatementSink } from '../data-layer';
import { jsonRowsSql } from './compile';
import { KeyGroups } from '../key-groups';

type Decoder = ((v: unknown) => unknown) | null;
type Mapper = (values: readonly unknown[]) => Row;

/** What a statement returned: its value lists (one per row), or the JSON text of them (parsed on demand). */
interface Fetched {
  sql: string;
  values: unknown[][] | null;
  text: string | null;
  queryMs: number;
}

/** A driver's failure as `invalid_query` naming the statement (a coded failure passes through). */
function rejected(e: unknown, sql: string): never {
  if (e instanceof RelataFailure) throw e;
  return fail('invalid_query', `PostgreSQL rejected a statement: ${(e as Error).message}`, { details: { sql } });
}

const valuesOf = (got: Fetched): unknown[][] => (got.values ??= JSON.parse(got.text ?? '[]') as unknown[][]);

function decoderFor(type: AttributeType | undefined, json: boolean): Decoder {
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
  // float8's NaN and ±Infinity are JSON strings in json_build_array's output.
  if (type === 'float' && json) return (v) => (typeof v === 'string' ? Number(v) : v);
  return null;
}

/**
 * The group key of a value list's value at `keyIndex`: decoded as its column's row value would be
 * (`keyIndex` past `columns` is a trailing value that is not a row attribute: never decoded), numbers
 * as they are, anything else through `keyOf`.
 */
function groupKeyReader(columns: readonly string[], types: ReadonlyMap<string, AttributeType>, keyIndex: number, keyOf: (v: unknown) => unknown, json: boolean): (values: readonly unknown[]) => unknown {
  const keyColumn = columns[keyIndex];
  const decode = keyColumn === undefined ? null : decoderFor(types.get(keyColumn), json);
  return (values) => {
    const raw = values[keyIndex] ?? null;
    const v = decode ? decode(raw) : raw;
    return typeof v === 'number' ? v : keyOf(v ?? null);
  };
}

const isPlain = (columns: readonly string[], decoders: readonly Decoder[]): boolean =>
  columns.every((c) => c !== '__proto__') && decoders.every((d) => d === null);

/**
 * Row objects from value lists (extra trailing values are ignored). For plain columns a generated
 * function makes every row with one object literal (one hidden class, no per-key stores), as the
 * sqlite layer does; otherwise values are decoded and `__proto__` stored with setKey.
 */
function mapperFor(columns: readonly string[], decoders: readonly Decoder[]): Mapper {
  if (isPlain(columns, decoders)) {
    const body = `return {${columns.map((c, i) => `${JSON.stringify(c)}: a[${i}] ?? null`).join(', ')}};`;
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
 * Runs the postgres layer's reads on its driver and builds their rows. With `json` (PGlite), every
 * read comes back as ONE JSON text (compile.ts `jsonRowsSql`), parsed once; plain rows built from
 * such text are registered in RAW_ROWS, and `rows(..., defer)` hands the text out unbuilt
 * (DeferredRows), so a manual relationship's `ctx.read` ships it to the sandbox as it is.
 */
export class PgRowReader {
  private readonly mappers = new Map<string, { map: Mapper; plain: boolean }>();

  constructor(
    /** The driver's `query` (the layer passes it through its sqlSubquery budget). */
    private readonly query: (sql: string, params: readonly unknown[]) => Promise<unknown[][]>,
    private readonly json: boolean,
    /** Awaited before every read (the layer's queued writes). */
    private readonly before: () => Promise<void>,
    /** The driver's `each` (through the same budget), when it has one: rows built as they arrive. */
    private readonly each?: (sql: string, params: readonly unknown[], onRow: (row: unknown[]) => void) => Promise<number>,
  ) {}

  /**
   * Runs `sql` through the driver's `each` (only when `streams`), handing every value list to
   * `onRow`; logs the statement (its time includes what `onRow` did, which overlaps the reading).
   */
  private async stream(sql: string, params: readonly unknown[], sink: StatementSink, onRow: (values: unknown[]) => void): Promise<void> {
    const each = this.each!;
    await this.before();
    const started = now();
    let rows: number;
    try {
      rows = await each(sql, params, onRow);
    } catch (e) {
      return rejected(e, sql);
    }
    sink.push({ sql, params: [...params], rows, ms: now() - started, scope: sink.scope });
  }

  /** Whether reads go through the driver's `each` (a streaming driver, and rows not read as JSON text). */
  private get streams(): boolean {
    return this.each !== undefined && !this.json;
  }

  /**
   * The rows of `sql` (value lists: `columns`, then possibly more), filed by the group key of the
   * value at `keyIndex` as `buildGrouped` does; on a streaming driver each row is built as it arrives.
   */
  async readGrouped(sql: string, params: readonly unknown[], names: readonly string[], columns: readonly string[], types: ReadonlyMap<string, AttributeType>, keyIndex: number, keyOf: (v: unknown) => unknown, sink: StatementSink): Promise<KeyGroups<Row>> {
    if (!this.streams) return this.buildGrouped(await this.values(sql, params, names, sink), columns, types, keyIndex, keyOf);
    const { map } = this.mapper(columns, types, false);
    const keyAt = groupKeyReader(columns, types, keyIndex, keyOf, false);
    const rows: Row[] = [];
    const keys: unknown[] = [];
    await this.stream(sql, params, sink, (values) => {
      rows.push(map(values));
      keys.push(keyAt(values));
    });
    return KeyGroups.of(rows.length, (i) => keys[i], (i) => rows[i]!);
  }

  private async fetch(sql: string, params: readonly unknown[], names: readonly string[], json = this.json): Promise<Fetched> {
    const wrapped = json ? jsonRowsSql(sql, names) : null;
    const run = wrapped ?? sql;
    await this.before();
    const started = now();
    try {
      const result = await this.query(run, params);
      if (wrapped === null) return { sql: run, values: result, text: null, queryMs: now() - started };
      const text = typeof result[0]?.[0] === 'string' ? (result[0][0] as string) : '[]';
      return { sql: run, values: null, text, queryMs: now() - started };
    } catch (e) {
      return rejected(e, run);
    }
  }

  private mapper(columns: readonly string[], types: ReadonlyMap<string, AttributeType>, json = this.json): { map: Mapper; plain: boolean } {
    const key = `${json ? 'j' : 'r'}${columns.join('\u0000')}\u0001${columns.map((c) => types.get(c) ?? '').join('\u0000')}`;
    let entry = this.mappers.get(key);
    if (!entry) {
      const decoders = columns.map((c) => decoderFor(types.get(c), json));
      entry = { map: mapperFor(columns, decoders), plain: isPlain(columns, decoders) };
      this.mappers.set(key, entry);
    }
    return entry;
  }

  /** The value lists of `sql` (output columns `names`, in order), logged to the sink. */
  async values(sql: string, params: readonly unknown[], names: readonly string[], sink: StatementSink): Promise<unknown[][]> {
    const got = await this.fetch(sql, params, names);
    const parsedAt = now();
    const values = valuesOf(got);
    sink.push({ sql: got.sql, params: [...params], rows: values.length, ms: got.queryMs + (now() - parsedAt), scope: sink.scope });
    return values;
  }

  /** Rows of `columns` from value lists (as `values` returned them; extra trailing values ignored). */
  build(values: readonly unknown[][], columns: readonly string[], types: ReadonlyMap<string, AttributeType>, json = this.json): Row[] {
    const { map } = this.mapper(columns, types, json);
    // push, not new Array(n): V8 gives a preallocated array of more than ~100k slots slow dictionary elements.
    const rows: Row[] = [];
    for (let i = 0; i < values.length; i++) rows.push(map(values[i]!));
    return rows;
  }

  /**
   * Rows of `columns` from value lists, grouped by the value of `columns[keyIndex]` (`keyOf` makes the
   * group key of a non-number value), each row built once straight into its group's list. A decoded
   * key column is grouped by its decoded value, as the row holds it; `keyIndex` may also name a
   * trailing value past `columns` (a parent's key the rows do not keep).
   */
  buildGrouped(values: readonly unknown[][], columns: readonly string[], types: ReadonlyMap<string, AttributeType>, keyIndex: number, keyOf: (v: unknown) => unknown, json = this.json): KeyGroups<Row> {
    const { map } = this.mapper(columns, types, json);
    const keyAt = groupKeyReader(columns, types, keyIndex, keyOf, json);
    return KeyGroups.of(values.length, (i) => keyAt(values[i]!), (i) => map(values[i]!));
  }

  /**
   * The rows of `sql`, whose output columns are exactly `columns`; with `defer`, plain rows unbuilt.
   * A deferred read (a manual relationship's `ctx.read`, whose rows cross into the sandbox as JSON
   * text) asks for JSON on every server: PostgreSQL writes that text faster than the host could
   * serialize the rows it would otherwise build first.
   */
  async rows(sql: string, params: readonly unknown[], columns: readonly string[], types: ReadonlyMap<string, AttributeType>, sink: StatementSink, defer = false): Promise<Row[] | DeferredRows> {
    const json = this.json || (defer && isPlain(columns, columns.map((c) => decoderFor(types.get(c), true))));
    if (!json && this.streams) {
      const { map } = this.mapper(columns, types, false);
      const rows: Row[] = [];
      await this.stream(sql, params, sink, (values) => rows.push(map(values)));
      return rows;
    }
    const got = await this.fetch(sql, params, columns, json);
    const { plain } = this.mapper(columns, types, json);
    const build = (): Row[] => {
      const startedAt = now();
      const rows = this.build(valuesOf(got), columns, types, json);
      if (plain && got.text !== null) RAW_ROWS.set(rows, { columns, json: got.text });
      sink.push({ sql: got.sql, params: [...params], rows: rows.length, ms: got.queryMs + (now() - startedAt), scope: sink.scope });
      return rows;
    };
    if (!defer || !plain || got.text === null) return build();
    let built: Row[] | undefined;
    const text = got.text;
    return { deferred: true, columns, json: text, rows: () => (built ??= build()) };
  }
}

import type { Row } from '../query/types';
import { HOST_ROWS, type DeferredRows } from '../query/raw-rows';
import { RETURN_VALUE_BUDGET } from './return-budget';

/**
 * Cheaper transfers across the sandbox boundary for the common case of a manual relationship:
 * `ctx.read` rows go in as one flat value list (structured clone copies a flat list of primitives
 * far faster than thousands of small objects), and a positional return made of those same,
 * unchanged rows comes back as row references (typed arrays: a memory copy). Anything else travels
 * as plain values, exactly as before.
 */

/** Rows of one `ctx.read` reply as columns + a flat value list (row-major). */
export interface PackedRows {
  columns: string[];
  /** Flat, row-major values; empty when `rowValues` holds them per row instead. */
  values: unknown[];
  /** Per-row value lists (a data layer's own JSON text, parsed as it came). */
  rowValues?: unknown[][];
  count: number;
  /** Every value is a primitive (rows can be compared to the pack cheaply). */
  flat: boolean;
}

/** The same, as it crosses the boundary: the value list as one JSON text (one string copies fastest). */
export interface PackedWire {
  columns: string[];
  json: string;
  count: number;
  flat: boolean;
  /** `json` is a list of per-row value lists (the data layer's own text) rather than one flat list. */
  nested?: boolean;
}

/** Column names a row maker or comparison cannot treat as ordinary keys. */
const plainColumns = (columns: readonly string[]): boolean => columns.every((c) => c !== '__proto__' && c !== 'constructor');

/** The wire form straight from a data layer's JSON text, when the rows are exactly that text. */
export function rawWire(rows: readonly Row[], raw: { columns: readonly string[]; json: string } | undefined): PackedWire | null {
  if (!raw || rows.length === 0) return null;
  const keys = Object.keys(rows[0]!);
  if (keys.length !== raw.columns.length || keys.some((k, j) => k !== raw.columns[j]) || !plainColumns(keys)) return null;
  return { columns: [...raw.columns], json: raw.json, count: rows.length, flat: true, nested: true };
}

/** The wire form of rows not built yet (the text is what they will be built from). */
export function deferredWire(d: DeferredRows): PackedWire | null {
  if (d.columns.length === 0 || !plainColumns(d.columns)) return null;
  // `count` of a nested text is the length of its list (fromWire reads it from there).
  return { columns: [...d.columns], json: d.json, count: -1, flat: true, nested: true };
}

export function toWire(pack: PackedRows): PackedWire | null {
  if (!pack.flat) return null;
  // JSON would turn NaN/Infinity into null: keep such packs as plain values.
  for (const v of pack.values) if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return { columns: pack.columns, json: JSON.stringify(pack.values), count: pack.count, flat: true };
}

export function fromWire(wire: PackedWire): PackedRows {
  const parsed = JSON.parse(wire.json) as unknown[];
  if (!wire.nested) return { columns: wire.columns, values: parsed, count: wire.count, flat: wire.flat };
  return { columns: wire.columns, values: [], rowValues: parsed as unknown[][], count: parsed.length, flat: true };
}

/**
 * Marks a delivered row with its delivery number. An own symbol key: invisible to Object.keys,
 * JSON and structured clone; a spread copy carries it, which is harmless (values are compared).
 */
export const DELIVERED = Symbol('relata.delivered');

// Captured before the sandbox locks down the Function constructor (this module loads first).
const FunctionCtor = Function;
const makers = new Map<string, (v: unknown[], base: number, mark: symbol, n: number) => Row>();

/** A row maker for these columns: one object literal per row (one hidden class, no keyed stores). */
function makerFor(columns: readonly string[]): (v: unknown[], base: number, mark: symbol, n: number) => Row {
  const key = columns.join('\u0000');
  let make = makers.get(key);
  if (!make) {
    const fields = columns.map((c, j) => `${JSON.stringify(c)}: v[b + ${j}]`).join(', ');
    make = new FunctionCtor('v', 'b', 'M', 'n', `return { ${fields}, [M]: n };`) as (v: unknown[], base: number, mark: symbol, n: number) => Row;
    makers.set(key, make);
  }
  return make;
}

/** Builds the delivered rows of a pack, each marked with `first + i`. */
export function unpackMarked(pack: PackedRows, first: number): Row[] {
  const n = pack.columns.length;
  const make = makerFor(pack.columns);
  const rows: Row[] = [];
  const perRow = pack.rowValues;
  if (perRow) for (let i = 0; i < pack.count; i++) rows.push(make(perRow[i]!, 0, DELIVERED, first + i));
  else for (let i = 0; i < pack.count; i++) rows.push(make(pack.values, i * n, DELIVERED, first + i));
  return rows;
}

export function packRows(rows: readonly Row[]): PackedRows | null {
  if (rows.length === 0) return { columns: [], values: [], count: 0, flat: true };
  const columns = Object.keys(rows[0]!);
  const n = columns.length;
  if (n === 0 || columns.some((c) => c === '__proto__' || c === 'constructor')) return null;
  // Filled in order with push: a preallocated array this large would get slow dictionary elements.
  const values: unknown[] = [];
  let flat = true;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // Rows of one read share their keys by construction; a differing row (checked by value below
    // and by key count here) makes the whole reply travel as plain objects.
    if (i > 0 && Object.keys(row).length !== n) return null;
    for (let j = 0; j < n; j++) {
      const v = row[columns[j]!];
      if (v === undefined) return null;
      if (v !== null && typeof v === 'object') flat = false;
      values.push(v);
    }
  }
  return { columns, values, count: rows.length, flat };
}

export function unpackRows(pack: PackedRows): Row[] {
  const { columns, values, count } = pack;
  const n = columns.length;
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const row: Row = {};
    for (let j = 0; j < n; j++) row[columns[j]!] = values[i * n + j];
    rows.push(row);
  }
  return rows;
}

/** A positional return of delivered rows, as references. */
export interface EncodedReturn {
  /** Per element: -1 none (undefined, hole or null), -2 a single row (one ref follows), n ≥ 0 a list of n rows. */
  shape: Int32Array;
  /** Pairs (pack id, row index), in order. */
  refs: Int32Array;
  /** Per element: was it `null` rather than undefined (kept for to-one fidelity)? Only -1 entries. */
  nulls: Uint8Array;
}

/** The packs a job received, in delivery order: pack k holds delivery numbers [first, first + count). */
export interface Deliveries {
  packs: Array<{ pack: PackedRows; id: number; first: number; rows: readonly Row[] }>;
  next: number;
}

/**
 * Encodes `value` when it is a positional list made only of delivered, unchanged rows; else null.
 *
 * Two passes: the first walks the return in its order and only reads each row's mark (checking it is
 * the very object delivered: a copy carries the mark but may differ); the second compares the
 * referenced rows with the values they came from in delivery order, which walks memory in the order
 * it was allocated (a return grouped differently from the read, e.g. by parent after a table scan,
 * made a single pass several times slower through cache misses).
 */
export function encodeReturn(value: unknown, deliveries: Deliveries): EncodedReturn | null {
  if (!Array.isArray(value)) return null;
  const packs = deliveries.packs;
  if (packs.length === 0) return null;
  // More row references than the return's value budget (return-budget.ts) cannot be within it:
  // measured as plain values instead, which stops at the budget with too_large.
  let total = 0;
  for (const el of value as unknown[]) if (Array.isArray(el)) total += el.length;
  if (total > RETURN_VALUE_BUDGET) return null;
  const shape = new Int32Array(value.length);
  const nulls = new Uint8Array(value.length);
  const refs: number[] = [];
  const referenced = new Uint8Array(deliveries.next);
  let p = packs[0]!;
  const ref = (x: unknown): boolean => {
    if (x === null || typeof x !== 'object') return false;
    const mark = (x as Record<symbol, unknown>)[DELIVERED];
    if (typeof mark !== 'number') return false;
    if (mark < p.first || mark >= p.first + p.pack.count) {
      const found = packs.find((q) => mark >= q.first && mark < q.first + q.pack.count);
      if (!found) return false;
      p = found;
    }
    const index = mark - p.first;
    if (p.rows[index] !== x) return false;
    referenced[mark] = 1;
    refs.push(p.id, index);
    return true;
  };
  for (let i = 0; i < value.length; i++) {
    const el: unknown = value[i];
    if (el === undefined || el === null) {
      shape[i] = -1;
      nulls[i] = el === null ? 1 : 0;
    } else if (Array.isArray(el)) {
      for (let k = 0; k < el.length; k++) if (!ref(el[k])) return null;
      shape[i] = el.length;
    } else if (ref(el)) {
      shape[i] = -2;
    } else {
      return null;
    }
  }
  for (const { pack, rows, first } of packs) {
    if (!pack.flat) {
      for (let i = 0; i < pack.count; i++) if (referenced[first + i] === 1) return null;
      continue;
    }
    const same = comparerFor(pack.columns);
    const n = pack.columns.length;
    for (let i = 0; i < pack.count; i++) {
      if (referenced[first + i] !== 1) continue;
      const ok = pack.rowValues ? same(rows[i]!, pack.rowValues[i]!, 0) : same(rows[i]!, pack.values, i * n);
      if (!ok) return null;
    }
  }
  return { shape, refs: Int32Array.from(refs), nulls };
}

const comparers = new Map<string, (row: Row, v: unknown[], base: number) => boolean>();

/**
 * "Same values as delivered?" for these columns: named property reads (one inline cache each), no
 * key loop. Keys the code added are not checked: the result keeps only the destination's attributes
 * (and what is loaded below), so an added key could never show.
 */
function comparerFor(columns: readonly string[]): (row: Row, v: unknown[], base: number) => boolean {
  const key = columns.join('\u0000');
  let cmp = comparers.get(key);
  if (!cmp) {
    const body = columns.length === 0 ? 'true' : columns.map((c, j) => `r[${JSON.stringify(c)}] === v[b + ${j}]`).join(' && ');
    cmp = new FunctionCtor('r', 'v', 'b', `return ${body};`) as (row: Row, v: unknown[], base: number) => boolean;
    comparers.set(key, cmp);
  }
  return cmp;
}

/** Rows the host sent for one `ctx.read`, with their column names (the keys every one of them has). */
export interface HostPack {
  rows: readonly Row[];
  columns: readonly string[];
}

/**
 * Rebuilds the positional return on the host from the rows it sent (by pack id), and registers it
 * in `HOST_ROWS` with the column lists of the packs it used.
 */
export function decodeReturn(encoded: EncodedReturn, packs: ReadonlyMap<number, HostPack>): unknown[] {
  const { shape, refs, nulls } = encoded;
  const out = new Array<unknown>(shape.length);
  const used = new Set<HostPack>();
  let r = 0;
  let lastId = -1;
  let last: HostPack | undefined;
  const next = (): Row => {
    const id = refs[r]!;
    if (id !== lastId) {
      last = packs.get(id);
      lastId = id;
      if (last) used.add(last);
    }
    const row = last?.rows[refs[r + 1]!];
    r += 2;
    if (!row) throw new Error('a returned row refers to a read the host no longer has');
    return row;
  };
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i]!;
    if (s === -1) out[i] = nulls[i] ? null : undefined;
    else if (s === -2) out[i] = next();
    else {
      const list = new Array<Row>(s);
      for (let k = 0; k < s; k++) list[k] = next();
      out[i] = list;
    }
  }
  HOST_ROWS.set(out, [...used].map((p) => p.columns));
  return out;
}

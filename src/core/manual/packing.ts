import type { Row } from '../query/types';

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
  values: unknown[];
  count: number;
  /** Every value is a primitive (rows can be compared to the pack cheaply). */
  flat: boolean;
}

export function packRows(rows: readonly Row[]): PackedRows | null {
  if (rows.length === 0) return { columns: [], values: [], count: 0, flat: true };
  const columns = Object.keys(rows[0]!);
  const n = columns.length;
  if (n === 0 || columns.includes('__proto__')) return null;
  const values = new Array<unknown>(rows.length * n);
  let flat = true;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const keys = Object.keys(row);
    if (keys.length !== n) return null;
    for (let j = 0; j < n; j++) {
      if (keys[j] !== columns[j]) return null;
      const v = row[columns[j]!];
      if (v !== null && typeof v === 'object') flat = false;
      values[i * n + j] = v;
    }
  }
  return { columns, values, count: rows.length, flat };
}

export function unpackRows(pack: PackedRows): Row[] {
  const { columns, values, count } = pack;
  const n = columns.length;
  const rows = new Array<Row>(count);
  for (let i = 0; i < count; i++) {
    const row: Row = {};
    for (let j = 0; j < n; j++) row[columns[j]!] = values[i * n + j];
    rows[i] = row;
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

export interface Delivered {
  pack: PackedRows;
  id: number;
  index: number;
}

/** Encodes `value` when it is a positional list made only of delivered, unchanged rows; else null. */
export function encodeReturn(value: unknown, origin: WeakMap<object, Delivered>): EncodedReturn | null {
  if (!Array.isArray(value)) return null;
  const shape = new Int32Array(value.length);
  const nulls = new Uint8Array(value.length);
  const refs: number[] = [];
  const ref = (x: unknown): boolean => {
    if (x === null || typeof x !== 'object') return false;
    const d = origin.get(x);
    if (!d || !unchanged(x as Row, d)) return false;
    refs.push(d.id, d.index);
    return true;
  };
  for (let i = 0; i < value.length; i++) {
    const el: unknown = value[i];
    if (el === undefined || el === null) {
      shape[i] = -1;
      nulls[i] = el === null ? 1 : 0;
    } else if (Array.isArray(el)) {
      for (const x of el) if (!ref(x)) return null;
      shape[i] = el.length;
    } else if (ref(el)) {
      shape[i] = -2;
    } else {
      return null;
    }
  }
  return { shape, refs: Int32Array.from(refs), nulls };
}

function unchanged(row: Row, d: Delivered): boolean {
  const { pack } = d;
  if (!pack.flat) return false;
  const cols = pack.columns;
  const keys = Object.keys(row);
  if (keys.length !== cols.length) return false;
  const base = d.index * cols.length;
  for (let j = 0; j < cols.length; j++) {
    if (keys[j] !== cols[j] || row[cols[j]!] !== pack.values[base + j]) return false;
  }
  return true;
}

/** Rebuilds the positional return on the host from the rows it sent (by pack id). */
export function decodeReturn(encoded: EncodedReturn, packs: ReadonlyMap<number, readonly Row[]>): unknown[] {
  const { shape, refs, nulls } = encoded;
  const out = new Array<unknown>(shape.length);
  let r = 0;
  const next = (): Row => {
    const rows = packs.get(refs[r]!);
    const row = rows?.[refs[r + 1]!];
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
  return out;
}

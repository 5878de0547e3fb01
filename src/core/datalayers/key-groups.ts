import { groupKey } from '../expr/values';

/**
 * Items filed under a group key, in the order they come: what a layer makes of a related read's rows
 * (per parent key) before handing each source its list.
 *
 * Built in two passes: the first finds each item's group (a slot) and counts each group, the second
 * makes the items and writes them into lists allocated at their final length. While every key is a
 * small non-negative integer (the common case: integer ids), slots are found in a typed array indexed
 * by the key; otherwise (strings, negative or large numbers, a key of another kind) in a Map. Keys
 * are group keys (expr/values.ts `groupKey`): the caller turns a value into its key.
 */
export class KeyGroups<T> {
  /** What `keyAt` returns for an item that is not filed at all (`item` is not called for it). */
  static readonly SKIP: unique symbol = Symbol('KeyGroups.SKIP');

  private constructor(
    /** Slot + 1 by key (0: no group), or null when keys are looked up in `bySlot`. */
    private readonly dense: Int32Array | null,
    private readonly bySlot: Map<unknown, number> | null,
    /** The groups' lists, by slot. */
    readonly lists: T[][],
  ) {}

  /** The list filed under `key` (a group key), or undefined. */
  get(key: unknown): T[] | undefined {
    const dense = this.dense;
    if (dense !== null) {
      return typeof key === 'number' && key >>> 0 === key && key < dense.length ? this.lists[dense[key]! - 1] : undefined;
    }
    const slot = this.bySlot!.get(key);
    return slot === undefined ? undefined : this.lists[slot];
  }

  /**
   * Files `n` items: `keyAt(i)` is item i's group key (or SKIP), `item(i)` makes it (called once per
   * filed item, in order, after every key was read). Keys are read twice at most (once more when a
   * key turns out not to fit the dense table).
   */
  static of<T>(n: number, keyAt: (i: number) => unknown, item: (i: number) => T): KeyGroups<T> {
    const rowSlot = new Int32Array(n);
    const counts: number[] = [];
    const dense = denseSlots(n, keyAt, rowSlot, counts);
    let bySlot: Map<unknown, number> | null = null;
    if (dense === null) {
      counts.length = 0;
      bySlot = new Map();
      for (let i = 0; i < n; i++) {
        const k = keyAt(i);
        if (k === KeyGroups.SKIP) {
          rowSlot[i] = -1;
          continue;
        }
        let s = bySlot.get(k);
        if (s === undefined) {
          s = counts.length;
          bySlot.set(k, s);
          counts.push(0);
        }
        counts[s]!++;
        rowSlot[i] = s;
      }
    }
    const lists: T[][] = [];
    // Sequential writes from index 0 also fill a `[]` (a preallocated array past ~100k slots would get slow dictionary elements).
    for (let s = 0; s < counts.length; s++) lists.push(counts[s]! > 50_000 ? [] : new Array<T>(counts[s]!));
    const filled = new Int32Array(counts.length);
    for (let i = 0; i < n; i++) {
      const s = rowSlot[i]!;
      if (s < 0) continue;
      lists[s]![filled[s]!++] = item(i);
    }
    return new KeyGroups(dense, bySlot, lists);
  }
}

/** Keys above this (and above a few times the item count) are filed in a Map: the table stays small. */
const DENSE_FLOOR = 1 << 16;

/**
 * The first pass with a typed-array table, or null (nothing written that matters) as soon as a key
 * is not a non-negative integer small enough for it.
 */
function denseSlots(n: number, keyAt: (i: number) => unknown, rowSlot: Int32Array, counts: number[]): Int32Array | null {
  const limit = Math.max(DENSE_FLOOR, 8 * n);
  let table = new Int32Array(Math.min(limit, 1024));
  for (let i = 0; i < n; i++) {
    const k = keyAt(i);
    if (k === KeyGroups.SKIP) {
      rowSlot[i] = -1;
      continue;
    }
    if (typeof k !== 'number' || k >>> 0 !== k || k >= limit) return null;
    if (k >= table.length) {
      const grown = new Int32Array(Math.min(limit, Math.max(k + 1, table.length * 2)));
      grown.set(table);
      table = grown;
    }
    let s = table[k]! - 1;
    if (s < 0) {
      s = counts.length;
      table[k] = s + 1;
      counts.push(0);
    }
    counts[s]!++;
    rowSlot[i] = s;
  }
  return table;
}

/**
 * The distinct non-null values of `values` as a key list for a statement, in first-seen order, two
 * values being the same when their group keys are (ci: strings compared ASCII-lowered, and listed
 * lowered). `booleansAsNumbers` lists booleans as 1/0 (SQLite has no boolean values). When every
 * value is a small non-negative integer (integer ids), duplicates are found in a byte table, not a Set.
 */
export function distinctKeys(values: readonly unknown[], ci: boolean, booleansAsNumbers: boolean): unknown[] {
  const n = values.length;
  const limit = Math.max(DENSE_FLOOR, 8 * n);
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || v >>> 0 !== v || v >= limit) {
      max = -2;
      break;
    }
    if (v > max) max = v;
  }
  const out: unknown[] = [];
  if (max >= -1) {
    const seen = new Uint8Array(max + 1);
    for (let i = 0; i < n; i++) {
      const v = values[i] as number | null | undefined;
      if (v === null || v === undefined || seen[v] === 1) continue;
      seen[v] = 1;
      out.push(v);
    }
    return out;
  }
  const seen = new Set<unknown>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    // Numbers are their own group key.
    const k = typeof v === 'number' ? v : groupKey(v, ci);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(typeof v === 'boolean' && booleansAsNumbers ? (v ? 1 : 0) : ci && typeof v === 'string' ? k : v);
  }
  return out;
}

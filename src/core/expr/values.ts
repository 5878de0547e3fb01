/**
 * Value semantics shared by the evaluator and in-memory sorting, written to match SQLite exactly:
 * NULL sorts apart, numbers (booleans are 0/1) before text, text by code point (SQLite's BINARY
 * collation compares UTF-8 bytes, which is code point order), ci_string by ASCII-lowercased form.
 */

/** ASCII-only lowercase, as SQLite's lower() without ICU. */
export function asciiLower(s: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      if (!changed) {
        out = s.slice(0, i);
        changed = true;
      }
      out += String.fromCharCode(c + 32);
    } else if (changed) {
      out += s[i];
    }
  }
  return changed ? out : s;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Code point order (UTF-16 order differs only when astral characters meet U+E000..U+FFFF). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

function rank(v: unknown): number {
  if (typeof v === 'number' || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return 2;
  return 3;
}

function num(v: unknown): number {
  return typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
}

/** Total order on non-null values (callers handle null). */
export function compareValues(a: unknown, b: unknown, ci = false): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) {
    const x = num(a);
    const y = num(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ra === 2) {
    return ci ? compareStrings(asciiLower(a as string), asciiLower(b as string)) : compareStrings(a as string, b as string);
  }
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function valuesEqual(a: unknown, b: unknown, ci = false): boolean {
  if (a === b) return true;
  const ra = rank(a);
  if (ra !== rank(b)) return false;
  return compareValues(a, b, ci) === 0;
}

/** A key for grouping by value (ci folds case); null never matches anything. */
export function groupKey(v: unknown, ci: boolean): unknown {
  if (typeof v === 'string') return ci ? asciiLower(v) : v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}

/** SQL truthiness in a boolean context: NULL → null, numbers ≠ 0, text converted to a number. */
export function truth(v: unknown): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const n = parseFloat(v);
    return Number.isFinite(n) && n !== 0;
  }
  return true;
}

/** A value as a number in arithmetic, as SQLite converts it (text → its numeric prefix, else 0). */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = parseFloat(v);
    return Number.isFinite(n) ? n : 0;
  }
  return null;
}

/**
 * Why `v` is not a value both data layers can store and compare alike (docs/limits.md), or null:
 * NaN and ±Infinity (JSON has no such numbers), BigInt, strings with NUL, functions and symbols, and
 * lists or maps nested deeper than `depth` (a cycle is one). Lists and maps are checked inside.
 */
export function valueProblem(v: unknown, depth = 64): string | null {
  switch (typeof v) {
    case 'string':
      return v.includes('\0') ? 'a string with the NUL character (U+0000)' : null;
    case 'number':
      return Number.isFinite(v) ? null : `the number ${String(v)} (NaN and infinities are not values, as in JSON)`;
    case 'boolean':
    case 'undefined':
      return null;
    case 'bigint':
      return `the BigInt ${v}n (use a number or a string)`;
    case 'object': {
      if (v === null) return null;
      if (depth <= 0) return 'a list or map nested too deep (or containing itself)';
      try {
        const items: unknown[] = Array.isArray(v) ? v : v instanceof Set ? [...v] : Object.values(v);
        for (const x of items) {
          const p = valueProblem(x, depth - 1);
          if (p) return p;
        }
      } catch (e) {
        return `a value that cannot be read (${e instanceof Error ? e.message : String(e)})`;
      }
      return null;
    }
    default:
      return `a ${typeof v}`;
  }
}

/**
 * The size budget of what a manual `load` may return, measured in the sandbox before the value is
 * copied to the host (a structured clone of 200 MB took 5 s and as much memory on the host side).
 * The same 1,000,000 values as a query, and 32,000,000 characters of strings (binary data counts
 * its bytes). Rows returned as references to `ctx.read` rows travel as references (the host's own
 * rows), up to 1,000,000 of them (packing.ts); more are measured here as values.
 */

export const RETURN_VALUE_BUDGET = 1_000_000;
export const RETURN_TEXT_BUDGET = 32_000_000;
/** Past this nesting the loader rejects the value anyway (32 levels); a cycle stops here too. */
const MAX_DEPTH = 64;

export interface ReturnSize {
  values: number;
  chars: number;
  /** A budget was exceeded (the walk stopped there). */
  over: boolean;
}

/**
 * Counts the values (every primitive, list, record, map entry) and string characters of `value`,
 * stopping as soon as a budget is exceeded. A value shared between places counts at each place (the
 * result holds it at each). May run user code (getters, proxies); the caller catches.
 */
export function measureReturn(value: unknown, budgets = { values: RETURN_VALUE_BUDGET, chars: RETURN_TEXT_BUDGET }): ReturnSize {
  const size: ReturnSize = { values: 0, chars: 0, over: false };
  const visit = (v: unknown, depth: number): void => {
    if (size.over) return;
    size.values += 1;
    if (typeof v === 'string') size.chars += v.length;
    if (size.values > budgets.values || size.chars > budgets.chars) {
      size.over = true;
      return;
    }
    if (v === null || typeof v !== 'object' || depth >= MAX_DEPTH) return;
    if (ArrayBuffer.isView(v)) {
      size.chars += v.byteLength;
    } else if (v instanceof ArrayBuffer) {
      size.chars += v.byteLength;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length && !size.over; i++) visit(v[i], depth + 1);
    } else if (v instanceof Map) {
      for (const [k, x] of v) {
        if (size.over) break;
        visit(k, depth + 1);
        visit(x, depth + 1);
      }
    } else if (v instanceof Set) {
      for (const x of v) {
        if (size.over) break;
        visit(x, depth + 1);
      }
    } else {
      for (const k of Object.keys(v)) {
        if (size.over) break;
        size.chars += k.length;
        visit((v as Record<string, unknown>)[k], depth + 1);
      }
    }
    if (size.chars > budgets.chars) size.over = true;
  };
  visit(value, 0);
  return size;
}

/** The message of a return over budget. */
export function returnTooLargeMessage(size: ReturnSize, budgets = { values: RETURN_VALUE_BUDGET, chars: RETURN_TEXT_BUDGET }): string {
  const what = size.values > budgets.values
    ? `more than ${budgets.values.toLocaleString('en-US')} values`
    : `more than ${budgets.chars.toLocaleString('en-US')} characters of text`;
  return `load returned ${what} (the size budget of a manual return; return fewer rows, or rows read with ctx.read as they are)`;
}

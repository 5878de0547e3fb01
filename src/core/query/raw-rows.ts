import type { Row } from './types';

/**
 * Rows a data layer read as one JSON text (a list of value lists, in `columns` order) and handed
 * out unchanged: that text can cross into the manual-code sandbox as it is, instead of being
 * rebuilt from the objects. Only registered when every value is exactly what the text says.
 */
export const RAW_ROWS = new WeakMap<readonly Row[], { columns: readonly string[]; json: string }>();

/**
 * Rows read but not built yet: the JSON text (as in `RAW_ROWS`) and a function that builds the row
 * objects once (and logs the statement). Lets a `ctx.read` hand the text to the sandbox first and
 * build the host's own rows while the sandbox parses its copy.
 */
export interface DeferredRows {
  readonly deferred: true;
  readonly columns: readonly string[];
  readonly json: string;
  rows(): Row[];
}

export function isDeferred(v: Row[] | DeferredRows): v is DeferredRows {
  return !Array.isArray(v);
}

/**
 * A manual relationship's return rebuilt on the host from row references (every row is a row the
 * host itself read for a `ctx.read`): the column lists of the reads its rows came from. The loader
 * uses it to skip per-row checks and trimming when those columns are exactly the destination's.
 */
export const HOST_ROWS = new WeakMap<readonly unknown[], ReadonlyArray<readonly string[]>>();

import { RelataFailure, relataError, type ErrorCode, type RelataError } from '../result';
import { Query } from '../query/builder';
import type { QueryRequest } from '../query/types';
import { setKey } from './records';

/**
 * Budgets of the engine's public entry points (docs/limits.md). A request is copied into plain
 * data before anything reads it: a Proxy, a throwing getter, a cycle or a structure too deep or too
 * large then fails here, once, with a coded error, and later code never meets a value that changes
 * between two reads.
 */
export const LIMITS = {
  /** Nesting of a query object (a load level is 2–3 levels: `load`, the name, the request). */
  queryDepth: 96,
  /** Objects, lists and values in one query, params included. */
  queryNodes: 1_000_000,
  /** Nested load levels in one query. */
  loadDepth: 32,
};

/** A plain copy of `value`: objects become plain records (own enumerable keys), Sets become lists. */
export function snapshotInput(value: unknown, what: string): unknown {
  let nodes = 0;
  const onPath = new Set<object>();
  const copy = (v: unknown, depth: number): unknown => {
    if (++nodes > LIMITS.queryNodes) throw new RelataFailure(relataError('too_large', `${what} has more than ${LIMITS.queryNodes} values`));
    if (v === null || typeof v !== 'object') return v;
    if (depth >= LIMITS.queryDepth) throw new RelataFailure(relataError('too_deep', `${what} nests deeper than ${LIMITS.queryDepth} levels`));
    if (onPath.has(v)) throw new RelataFailure(relataError('too_deep', `${what} contains itself (a cycle)`));
    onPath.add(v);
    try {
      if (Array.isArray(v) || v instanceof Set) {
        const items = Array.isArray(v) ? v : [...(v as Set<unknown>)];
        const out = new Array<unknown>(items.length);
        for (let i = 0; i < items.length; i++) out[i] = copy(items[i], depth + 1);
        return out;
      }
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) setKey(out, k, copy((v as Record<string, unknown>)[k], depth + 1));
      return out;
    } finally {
      onPath.delete(v);
    }
  };
  try {
    return copy(value, 0);
  } catch (e) {
    if (e instanceof RelataFailure) throw e;
    if (e instanceof RangeError) throw new RelataFailure(relataError('too_deep', `${what} nests too deep to read`));
    throw new RelataFailure(relataError('invalid_query', `${what} cannot be read: ${e instanceof Error ? e.message : String(e)}`));
  }
}

/**
 * The coded error for anything thrown past the core's own failures at a public entry point: a stack
 * overflow is a depth budget, anything else a bug reported as `internal_error` (never rethrown).
 */
export function toCodedError(e: unknown, readingInput?: { code: ErrorCode; what: string }): RelataError {
  if (e instanceof RelataFailure) return e.error;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return relataError('too_deep', 'the input nests too deep to process (stack exhausted)');
  let message: string;
  try {
    message = e instanceof Error ? e.message : String(e);
  } catch {
    message = 'an unreadable exception';
  }
  // Where the caller's own values are read (data rows, options), a throw is theirs: a getter or a Proxy trap.
  if (readingInput) return relataError(readingInput.code, `${readingInput.what} cannot be read: ${message}`);
  return relataError('internal_error', `unexpected failure: ${message}`);
}

/** The outer shape of a request; the planner checks the rest. */
export function checkRequest(query: unknown): QueryRequest {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) {
    throw new RelataFailure(relataError('invalid_query', `a query must be an object with a \`resource\`, got ${query === null ? 'null' : Array.isArray(query) ? 'a list' : typeof query}`));
  }
  const req = query as QueryRequest;
  if (typeof req.resource !== 'string') throw new RelataFailure(relataError('invalid_query', 'a query needs a `resource` name'));
  const params: unknown = req.params;
  if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) {
    throw new RelataFailure(relataError('invalid_query', '`params` must be an object of values by name'));
  }
  return req;
}

/** The request as plain data (a Proxy, getter or cycle fails here with a coded error). */
export function requestOf(query: unknown): unknown {
  let request = query;
  try {
    if (query instanceof Query) request = query.toRequest();
  } catch (e) {
    throw new RelataFailure(relataError('invalid_query', `the query cannot be read: ${e instanceof Error ? e.message : String(e)}`));
  }
  return snapshotInput(request, 'the query');
}


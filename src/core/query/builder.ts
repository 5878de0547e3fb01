import type { Sort, SortField } from '../model/types';
import { parseExpression } from '../expr/parser';
import type { LoadRequest, QueryRequest } from './types';

export type UnsetKey = 'filter' | 'sort' | 'limit' | 'offset' | 'select' | 'load';
const UNSET_KEYS: readonly UnsetKey[] = ['filter', 'sort', 'limit', 'offset', 'select', 'load'];

/** Thrown by the builder on misuse (an expression that does not parse, a negative limit...). */
export class QueryBuildError extends Error {
  readonly code = 'invalid_expression' as const;
}

/**
 * An immutable query builder over the JSON request of spec §5: every method returns a new Query.
 * Two `filter` calls are AND-ed (as `Ash.Query.filter`), `sort` appends, `select` is a union.
 * The builder only builds: binding against a model and running happen in the engine.
 */
export class Query {
  private constructor(private readonly req: QueryRequest) {
    Object.freeze(this);
  }

  static for(resource: string): Query {
    return new Query({ resource });
  }

  static fromRequest(req: QueryRequest): Query {
    return new Query(cloneRequest(req));
  }

  get resource(): string {
    return this.req.resource;
  }

  /** AND-s `expr` with the existing filter. Params are merged (later wins). Throws on a parse error. */
  filter(expr: string, params?: Record<string, unknown>): Query {
    const parsed = parseExpression(expr);
    if (!parsed.ok) {
      throw new QueryBuildError(
        `invalid filter expression ${JSON.stringify(expr)}: ${parsed.error.message} at ${parsed.error.span.start}`,
      );
    }
    const filter = this.req.filter === undefined ? expr : `(${this.req.filter}) and (${expr})`;
    const next: QueryRequest = { ...this.req, filter };
    if (params) next.params = { ...(this.req.params ?? {}), ...params };
    return new Query(next);
  }

  /** Appends to the existing sort. Accepts `[{field, order}]`, `"field"` or `["a", {field:"b"}]`. */
  sort(sort: Sort | SortField | string | Array<string | SortField>): Query {
    const list = Array.isArray(sort) ? sort : [sort];
    const fields: SortField[] = list.map((s) => (typeof s === 'string' ? { field: s } : { ...s }));
    return new Query({ ...this.req, sort: [...(this.req.sort ?? []), ...fields] });
  }

  /** Union with the existing select (the primary key is always returned anyway). */
  select(fields: string[]): Query {
    const current = this.req.select ?? [];
    return new Query({ ...this.req, select: unique([...current, ...fields]) });
  }

  /** Like Ash's `ensure_selected`: adds fields only when a select is in place (else all are selected). */
  ensureSelected(fields: string[]): Query {
    if (this.req.select === undefined) return this;
    return this.select(fields);
  }

  limit(n: number | null): Query {
    if (n === null) return this;
    return new Query({ ...this.req, limit: Math.max(0, Math.trunc(n)) });
  }

  offset(n: number): Query {
    return new Query({ ...this.req, offset: Math.max(0, Math.trunc(n)) });
  }

  load(load: Record<string, LoadRequest | Query> | string | string[]): Query {
    const next: Record<string, LoadRequest> = { ...(this.req.load ?? {}) };
    const entries: Array<[string, LoadRequest | Query]> =
      typeof load === 'string'
        ? [[load, {}]]
        : Array.isArray(load)
          ? load.map((name): [string, LoadRequest] => [name, {}])
          : Object.entries(load);
    for (const [name, spec] of entries) {
      const req = spec instanceof Query ? stripResource(spec.toRequest()) : spec;
      next[name] = next[name] ? mergeLoads(next[name], req) : cloneRequest(req);
    }
    return new Query({ ...this.req, load: next });
  }

  unset(keys: UnsetKey | UnsetKey[]): Query {
    const list = Array.isArray(keys) ? keys : [keys];
    const next: QueryRequest = { ...this.req };
    for (const key of list) {
      if (!UNSET_KEYS.includes(key)) throw new QueryBuildError(`cannot unset ${JSON.stringify(key)}`);
      delete next[key];
      if (key === 'filter') delete next.params;
    }
    return new Query(next);
  }

  /**
   * Ash's `apply_to`: filter → sort → offset → limit over records already in memory, with the
   * semantics of the given engine's model (an engine from `createEngine`).
   */
  applyTo<R>(records: Array<Record<string, unknown>>, engine: { applyTo(query: QueryRequest, records: Array<Record<string, unknown>>): Promise<R> }): Promise<R> {
    return engine.applyTo(this.toRequest(), records);
  }

  toRequest(): QueryRequest {
    return cloneRequest(this.req);
  }

  toJSON(): QueryRequest {
    return this.toRequest();
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function stripResource(req: QueryRequest): LoadRequest {
  const { resource: _resource, ...rest } = req;
  return rest;
}

/** Loading the same relationship twice merges the two specs (Ash keeps both the select and the loads). */
function mergeLoads(a: LoadRequest, b: LoadRequest): LoadRequest {
  const merged: LoadRequest = { ...a, ...b };
  if (a.filter !== undefined && b.filter !== undefined) merged.filter = `(${a.filter}) and (${b.filter})`;
  if (a.params || b.params) merged.params = { ...(a.params ?? {}), ...(b.params ?? {}) };
  if (a.sort || b.sort) merged.sort = [...(a.sort ?? []), ...(b.sort ?? [])];
  if (a.select || b.select) merged.select = unique([...(a.select ?? []), ...(b.select ?? [])]);
  if (a.load || b.load) {
    const load: Record<string, LoadRequest> = { ...(a.load ?? {}) };
    for (const [k, v] of Object.entries(b.load ?? {})) load[k] = load[k] ? mergeLoads(load[k], v) : v;
    merged.load = load;
  }
  return merged;
}

function cloneRequest<T extends LoadRequest>(req: T): T {
  return deepClone(req);
}

function deepClone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(deepClone) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepClone(v);
    return out as T;
  }
  return value;
}

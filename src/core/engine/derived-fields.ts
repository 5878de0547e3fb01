/**
 * What aggregates and calculations share as values added to records (docs/actions-and-aggregates.md,
 * docs/model-extensions.md): a list of names on any level of a request (`aggregates: [...]`,
 * `calculations: [...]`), bound before anything is read, filled in with one data-layer call per
 * level, and a root `sort` that may name them (read everything, sort and window in JS, then drop
 * what was not asked for). Each kind describes itself with a `DerivedKind`; this module never
 * imports either kind, so neither depends on the other.
 */
import type { DataLayer, StatementSink } from '../datalayers/data-layer';
import type { RelatedSource } from '../expr/evaluate';
import { applyWindow } from '../datalayers/window';
import type { SortOrder } from '../model/types';
import type { LoadRequest, QueryRequest, Row } from '../query/types';
import { fail } from '../result';
import type { ResourceSchema, Schema } from '../schema/schema';
import { stepFor } from '../schema/schema';
import { setKey } from './records';
import type { SortKey } from './sort';
import { compareRows, withPkTiebreak } from './sort';

export interface DerivedKind<B> {
  /** The request key that lists the names. */
  readonly key: 'aggregates' | 'calculations';
  /** `aggregate` / `calculation`, for messages. */
  readonly noun: string;
  find(resource: ResourceSchema, name: string): unknown;
  bind(schema: Schema, resource: ResourceSchema, name: string): B;
  nameOf(bound: B): string;
  /** One layer call for a level: a row of values (in `bound` order) per record. */
  read(layer: DataLayer, resource: ResourceSchema, bound: B[], records: Row[], rel: RelatedSource, sink: StatementSink): Promise<unknown[][]>;
}

const isPlain = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Visits every level of `req` with the bound values it asks for (coded errors for unknown names). */
function walk<B>(kind: DerivedKind<B>, schema: Schema, resource: ResourceSchema, req: LoadRequest, path: string, visit: (r: ResourceSchema, req: LoadRequest, bound: B[], path: string) => void): void {
  if (!isPlain(req)) return;
  const names = req[kind.key];
  let bound: B[] = [];
  if (names !== undefined) {
    if (!Array.isArray(names)) fail('invalid_load', `${path}: ${kind.key} must be a list of ${kind.noun} names`);
    bound = names.map((n) => {
      if (typeof n !== 'string' || !kind.find(resource, n)) {
        fail('invalid_load', `${path}: ${resource.name} has no ${kind.noun} ${JSON.stringify(n)} to load`, { path: [...path.split('.').slice(1), kind.key] });
      }
      if (resource.pk.length === 0) fail('invalid_load', `${path}: ${kind.key} need a primary key on ${resource.name}`);
      return kind.bind(schema, resource, n);
    });
  }
  visit(resource, req, bound, path);
  for (const [name, sub] of Object.entries(req.load ?? {})) {
    const rel = resource.relationships.get(name);
    const step = rel ? stepFor(schema, resource, rel) : undefined;
    if (!step) continue; // the planner reports it
    walk(kind, schema, step.to, (sub ?? {}) as LoadRequest, `${path}.${name}`, visit);
  }
}

/** Binds every requested name (coded errors naming it) before anything is read. */
export function checkDerivedRequest<B>(kind: DerivedKind<B>, schema: Schema, req: QueryRequest): void {
  const resource = isPlain(req) ? schema.resources.get(req.resource) : undefined;
  if (resource) walk(kind, schema, resource, req, resource.name, () => undefined);
}

/** Adds the requested values to the result records, one layer call per level. */
export async function attachDerived<B>(
  kind: DerivedKind<B>,
  schema: Schema,
  layer: DataLayer,
  req: QueryRequest,
  records: Row[],
  rel: RelatedSource,
  sink: (scope: string) => StatementSink,
): Promise<void> {
  const resource = schema.resources.get(req.resource);
  if (!resource) return;
  const levels: { resource: ResourceSchema; bound: B[]; records: Row[]; scope: string }[] = [];
  const byPath = new Map<string, Row[]>([[resource.name, records]]);
  walk(kind, schema, resource, req, resource.name, (r, level, bound, path) => {
    const rows = byPath.get(path) ?? [];
    for (const [name] of Object.entries(level.load ?? {})) {
      const children: Row[] = [];
      for (const row of rows) {
        const v = row[name];
        if (Array.isArray(v)) children.push(...(v as Row[]));
        else if (v && typeof v === 'object') children.push(v as Row);
      }
      byPath.set(`${path}.${name}`, children);
    }
    if (bound.length > 0) {
      const depth = path.split('.').length - 1;
      levels.push({ resource: r, bound, records: [...new Set(rows)], scope: `${path.split('.').slice(1).join('.') || 'root'}#${kind.key}@${depth}` });
    }
  });
  for (const level of levels) {
    if (level.records.length === 0) continue;
    const values = await kind.read(layer, level.resource, level.bound, level.records, rel, sink(level.scope));
    level.records.forEach((record, i) => {
      level.bound.forEach((b, j) => setKey(record, kind.nameOf(b), values[i]?.[j] ?? null));
    });
  }
}

const ORDERS: Record<SortOrder, { desc: boolean; nullsFirst: boolean }> = {
  asc: { desc: false, nullsFirst: false },
  desc: { desc: true, nullsFirst: true },
  asc_nils_first: { desc: false, nullsFirst: true },
  desc_nils_last: { desc: true, nullsFirst: false },
};

/** A sort entry's field: `{ field }`, or a bare name. */
const sortField = (s: unknown): unknown => (isPlain(s) ? s.field : typeof s === 'string' ? s : undefined);

/** Names of this kind in the root sort (empty when the sort names none). */
export function derivedSortFields<B>(kind: DerivedKind<B>, schema: Schema, req: QueryRequest): string[] {
  const resource = isPlain(req) ? schema.resources.get(req.resource) : undefined;
  if (!resource || !Array.isArray(req.sort)) return [];
  const out: string[] = [];
  for (const s of req.sort) {
    const field = sortField(s);
    if (typeof field === 'string' && !resource.attributes.has(field) && kind.find(resource, field)) out.push(field);
  }
  return out;
}

/**
 * A root query sorted by values of this kind: read every matching record with those values, sort
 * and window in JS (every layer the same way), then drop what was not asked for.
 */
export async function readSortedByDerived<B>(kind: DerivedKind<B>, schema: Schema, req: QueryRequest, fields: string[], read: (r: QueryRequest) => Promise<Row[]>): Promise<Row[]> {
  const resource = schema.resources.get(req.resource)!;
  for (const k of ['limit', 'offset'] as const) {
    const v = req[k];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      fail('invalid_query', `${resource.name}: ${k} must be a non-negative integer, got ${JSON.stringify(v)}`);
    }
  }
  const listed = req[kind.key];
  const asked = new Set(Array.isArray(listed) ? listed : []);
  const sort = (req.sort ?? []).map((s) => (typeof s === 'string' ? { field: s as string, order: 'asc' as SortOrder } : s));
  const attrFields = sort.map((s) => s.field).filter((f) => resource.attributes.has(f));
  const select = req.select ? [...new Set([...req.select, ...attrFields])] : undefined;
  const inner: QueryRequest = { ...req, sort: undefined, limit: undefined, offset: undefined, [kind.key]: [...new Set([...asked, ...fields])], select };
  const records = await read(inner);
  const keys: SortKey[] = sort.map((s) => {
    const o = ORDERS[s.order ?? 'asc'];
    if (!o) fail('invalid_query', `sort of ${resource.name}: unknown sort order ${JSON.stringify(s.order)}`);
    const attr = resource.attributes.get(s.field);
    if (!attr && !kind.find(resource, s.field)) fail('no_such_attribute', `sort of ${resource.name}: ${resource.name} has no attribute \`${s.field}\` to sort by`);
    return { field: s.field, desc: o.desc, nullsFirst: o.nullsFirst, ci: attr?.type === 'ci_string' };
  });
  const sorted = [...records].sort(compareRows(withPkTiebreak(resource, keys)));
  const out = applyWindow(sorted, { offset: req.offset ?? 0, limit: req.limit ?? undefined });
  const keep = req.select ? new Set([...resource.pk, ...req.select]) : null;
  for (const r of out) {
    for (const f of fields) if (!asked.has(f)) delete r[f];
    if (keep) for (const f of attrFields) if (!keep.has(f)) delete r[f];
  }
  return out;
}

/** A value computed once per schema and key (bound aggregates and calculations are cached so). */
export function memoPerSchema<T>(cache: WeakMap<Schema, Map<string, T>>, schema: Schema, key: string, compute: () => T): T {
  let byKey = cache.get(schema);
  if (!byKey) {
    byKey = new Map();
    cache.set(schema, byKey);
  }
  const hit = byKey.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  byKey.set(key, value);
  return value;
}

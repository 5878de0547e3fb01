/**
 * Aggregates in queries (docs/actions-and-aggregates.md §3): `aggregates: ["ticket_count"]` on a
 * query or on any nested load adds those values to its records, with one data-layer call per
 * level (one SQL statement on sqlite); a root `sort` may name aggregates.
 */
import type { DataLayer, StatementSink } from '../datalayers/data-layer';
import { applyWindow } from '../datalayers/window';
import type { RelatedSource } from '../expr/evaluate';
import type { SortOrder } from '../model/types';
import type { LoadRequest, QueryRequest, Row } from '../query/types';
import { fail } from '../result';
import type { ResourceSchema, Schema } from '../schema/schema';
import { stepFor } from '../schema/schema';
import { setKey } from '../engine/records';
import type { SortKey } from '../engine/sort';
import { compareRows, withPkTiebreak } from '../engine/sort';
import type { BoundAggregate } from './bind';
import { bindAggregate, findAggregate } from './bind';

/** Does the request (at any level) ask for aggregates? */
export function wantsAggregates(req: LoadRequest): boolean {
  if (req === null || typeof req !== 'object') return false;
  if (Array.isArray(req.aggregates) && req.aggregates.length > 0) return true;
  if (req.aggregates !== undefined && !Array.isArray(req.aggregates)) return true;
  const load = req.load;
  if (!load || typeof load !== 'object') return false;
  return Object.values(load).some((l) => l !== null && typeof l === 'object' && wantsAggregates(l));
}

interface Level {
  resource: ResourceSchema;
  aggregates: BoundAggregate[];
  records: Row[];
  scope: string;
}

/** Binds every requested aggregate (invalid_load for unknown names) before anything is read. */
export function checkAggregateRequest(schema: Schema, req: QueryRequest): void {
  const resource = schema.resources.get(req.resource);
  if (resource) walk(schema, resource, req, resource.name, () => undefined);
}

function walk(schema: Schema, resource: ResourceSchema, req: LoadRequest, path: string, visit: (r: ResourceSchema, req: LoadRequest, aggs: BoundAggregate[], path: string) => void): void {
  if (req === null || typeof req !== 'object') return;
  const names = req.aggregates;
  let aggs: BoundAggregate[] = [];
  if (names !== undefined) {
    if (!Array.isArray(names)) fail('invalid_load', `${path}: aggregates must be a list of aggregate names`);
    aggs = names.map((n) => {
      if (typeof n !== 'string' || !findAggregate(resource, n)) {
        fail('invalid_load', `${path}: ${resource.name} has no aggregate ${JSON.stringify(n)} to load`, { path: [...path.split('.').slice(1), 'aggregates'] });
      }
      if (resource.pk.length === 0) fail('invalid_load', `${path}: aggregates need a primary key on ${resource.name}`);
      return bindAggregate(schema, resource, n);
    });
  }
  visit(resource, req, aggs, path);
  for (const [name, sub] of Object.entries(req.load ?? {})) {
    const rel = resource.relationships.get(name);
    const step = rel ? stepFor(schema, resource, rel) : undefined;
    if (!step) continue; // the planner reports it
    walk(schema, step.to, (sub ?? {}) as LoadRequest, `${path}.${name}`, visit);
  }
}

/** Adds the requested aggregate values to the result records, one layer call per level. */
export async function attachAggregates(
  schema: Schema,
  layer: DataLayer,
  req: QueryRequest,
  records: Row[],
  rel: RelatedSource,
  sink: (scope: string) => StatementSink,
): Promise<void> {
  const resource = schema.resources.get(req.resource);
  if (!resource) return;
  const levels: Level[] = [];
  const byPath = new Map<string, Row[]>([[resource.name, records]]);
  walk(schema, resource, req, resource.name, (r, level, aggs, path) => {
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
    if (aggs.length > 0) {
      const depth = path.split('.').length - 1;
      levels.push({ resource: r, aggregates: aggs, records: [...new Set(rows)], scope: `${path.split('.').slice(1).join('.') || 'root'}#aggregates@${depth}` });
    }
  });
  for (const level of levels) {
    if (level.records.length === 0) continue;
    const values = await layer.readAggregates({ resource: level.resource, aggregates: level.aggregates }, level.records, rel, sink(level.scope));
    level.records.forEach((record, i) => {
      level.aggregates.forEach((agg, j) => setKey(record, agg.def.name, values[i]?.[j] ?? null));
    });
  }
}

const ORDERS: Record<SortOrder, { desc: boolean; nullsFirst: boolean }> = {
  asc: { desc: false, nullsFirst: false },
  desc: { desc: true, nullsFirst: true },
  asc_nils_first: { desc: false, nullsFirst: true },
  desc_nils_last: { desc: true, nullsFirst: false },
};

/** Aggregate names in the root sort (empty when the sort names attributes only). */
export function aggregateSortFields(schema: Schema, req: QueryRequest): string[] {
  const resource = req && typeof req === 'object' ? schema.resources.get(req.resource) : undefined;
  if (!resource || !Array.isArray(req.sort)) return [];
  const out: string[] = [];
  for (const s of req.sort) {
    const field = s && typeof s === 'object' ? s.field : undefined;
    if (typeof field === 'string' && !resource.attributes.has(field) && findAggregate(resource, field)) out.push(field);
  }
  return out;
}

/**
 * A root query sorted by aggregates: read every matching record with those aggregates, sort and
 * window in JS (both layers the same way), then drop what was not asked for.
 */
export async function readSortedByAggregates(schema: Schema, req: QueryRequest, aggFields: string[], read: (r: QueryRequest) => Promise<Row[]>): Promise<Row[]> {
  const resource = schema.resources.get(req.resource)!;
  for (const k of ['limit', 'offset'] as const) {
    const v = req[k];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      fail('invalid_query', `${resource.name}: ${k} must be a non-negative integer, got ${JSON.stringify(v)}`);
    }
  }
  const asked = new Set(Array.isArray(req.aggregates) ? req.aggregates : []);
  const sort = req.sort ?? [];
  const attrFields = sort.map((s) => s.field).filter((f) => resource.attributes.has(f));
  const select = req.select ? [...new Set([...req.select, ...attrFields])] : undefined;
  const inner: QueryRequest = { ...req, sort: undefined, limit: undefined, offset: undefined, aggregates: [...new Set([...asked, ...aggFields])], select };
  const records = await read(inner);
  const keys: SortKey[] = sort.map((s) => {
    const o = ORDERS[s.order ?? 'asc'];
    if (!o) fail('invalid_query', `sort of ${resource.name}: unknown sort order ${JSON.stringify(s.order)}`);
    const attr = resource.attributes.get(s.field);
    if (!attr && !findAggregate(resource, s.field)) fail('no_such_attribute', `sort of ${resource.name}: ${resource.name} has no attribute \`${s.field}\` to sort by`);
    return { field: s.field, desc: o.desc, nullsFirst: o.nullsFirst, ci: attr?.type === 'ci_string' };
  });
  const sorted = [...records].sort(compareRows(withPkTiebreak(resource, keys)));
  const out = applyWindow(sorted, { offset: req.offset ?? 0, limit: req.limit ?? undefined });
  const keep = req.select ? new Set([...resource.pk, ...req.select]) : null;
  for (const r of out) {
    for (const f of aggFields) if (!asked.has(f)) delete r[f];
    if (keep) for (const f of attrFields) if (!keep.has(f)) delete r[f];
  }
  return out;
}

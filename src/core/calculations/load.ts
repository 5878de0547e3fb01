/**
 * Calculations in queries (docs/model-extensions.md): a calculation name in a level's `load`
 * (`load: { full_name: {} }`, Ash's `load: [:full_name]`), in its `select`, or in the
 * `calculations` list adds its value to that level's records; a root `sort` may name calculations;
 * a filter may use them as fields (the binder inlines them).
 */
import type { DataLayer, StatementSink } from '../datalayers/data-layer';
import { applyWindow } from '../datalayers/memory/memory-layer';
import type { RelatedSource } from '../expr/evaluate';
import type { SortOrder } from '../model/types';
import type { LoadRequest, QueryRequest, Row } from '../query/types';
import { fail } from '../result';
import type { ResourceSchema, Schema } from '../schema/schema';
import { stepFor } from '../schema/schema';
import { setKey } from '../engine/records';
import type { SortKey } from '../engine/sort';
import { compareRows, withPkTiebreak } from '../engine/sort';
import type { BoundCalculation } from './bind';
import { bindCalculation, findCalculation } from './bind';

function isObject(x: unknown): x is Record<string, unknown> {
  return isPlain(x);
}

/** Requests come from JSON and user code: anything may be there. */
function isPlain(x: unknown): boolean {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/**
 * The request with calculation names moved from `load` and `select` into `calculations`, at every
 * level (relationships win over calculations of the same name). The same object when there are none.
 */
export function withCalculations(schema: Schema, req: QueryRequest): QueryRequest {
  if (!isPlain(req) || typeof req.resource !== 'string') return req;
  const resource = schema.resources.get(req.resource);
  if (!resource || !anyCalculations(schema)) return req;
  return rewrite(schema, resource, req) as QueryRequest;
}

const hasAny = new WeakMap<Schema, boolean>();
function anyCalculations(schema: Schema): boolean {
  let any = hasAny.get(schema);
  if (any === undefined) {
    any = [...schema.resources.values()].some((r) => (r.resource.calculations?.length ?? 0) > 0);
    hasAny.set(schema, any);
  }
  return any;
}

function rewrite(schema: Schema, resource: ResourceSchema, req: LoadRequest): LoadRequest {
  if (!isPlain(req)) return req;
  const calcs: string[] = Array.isArray(req.calculations) ? [...req.calculations] : [];
  let changed = false;
  let select = req.select;
  if (Array.isArray(select) && select.some((f) => typeof f === 'string' && !resource.attributes.has(f) && findCalculation(resource, f))) {
    calcs.push(...select.filter((f) => !resource.attributes.has(f) && findCalculation(resource, f)));
    select = select.filter((f) => resource.attributes.has(f) || !findCalculation(resource, f));
    changed = true;
  }
  let load = req.load;
  if (isObject(load)) {
    const next: Record<string, LoadRequest> = {};
    for (const [name, sub] of Object.entries(load)) {
      const rel = resource.relationships.get(name);
      if (!rel && findCalculation(resource, name)) {
        calcs.push(name);
        changed = true;
        continue;
      }
      const step = rel ? stepFor(schema, resource, rel) : undefined;
      const inner = step && isObject(sub) ? rewrite(schema, step.to, sub) : sub;
      if (inner !== sub) changed = true;
      next[name] = inner as LoadRequest;
    }
    if (changed) load = next;
  }
  if (!changed) return req;
  return { ...req, select, load, calculations: [...new Set(calcs)] };
}

/** Does the request (at any level) ask for calculation values? */
export function wantsCalculations(req: LoadRequest): boolean {
  if (!isPlain(req)) return false;
  if (req.calculations !== undefined && (!Array.isArray(req.calculations) || req.calculations.length > 0)) return true;
  return isObject(req.load) && Object.values(req.load).some((l) => wantsCalculations(l));
}

function walk(schema: Schema, resource: ResourceSchema, req: LoadRequest, path: string, visit: (r: ResourceSchema, req: LoadRequest, calcs: BoundCalculation[], path: string) => void): void {
  if (!isPlain(req)) return;
  const names = req.calculations;
  let calcs: BoundCalculation[] = [];
  if (names !== undefined) {
    if (!Array.isArray(names)) fail('invalid_load', `${path}: calculations must be a list of calculation names`);
    calcs = names.map((n) => {
      if (typeof n !== 'string' || !findCalculation(resource, n)) {
        fail('invalid_load', `${path}: ${resource.name} has no calculation ${JSON.stringify(n)} to load`, { path: [...path.split('.').slice(1), 'calculations'] });
      }
      if (resource.pk.length === 0) fail('invalid_load', `${path}: calculations need a primary key on ${resource.name}`);
      return bindCalculation(schema, resource, n);
    });
  }
  visit(resource, req, calcs, path);
  for (const [name, sub] of Object.entries(req.load ?? {})) {
    const rel = resource.relationships.get(name);
    const step = rel ? stepFor(schema, resource, rel) : undefined;
    if (!step) continue; // the planner reports it
    walk(schema, step.to, (sub ?? {}) as LoadRequest, `${path}.${name}`, visit);
  }
}

/** Binds every requested calculation (coded errors naming it) before anything is read. */
export function checkCalculationRequest(schema: Schema, req: QueryRequest): void {
  const resource = isObject(req) ? schema.resources.get(req.resource) : undefined;
  if (resource) walk(schema, resource, req, resource.name, () => undefined);
}

/** Adds the requested calculation values to the result records, one layer call per level. */
export async function attachCalculations(schema: Schema, layer: DataLayer, req: QueryRequest, records: Row[], rel: RelatedSource, sink: (scope: string) => StatementSink): Promise<void> {
  const resource = schema.resources.get(req.resource);
  if (!resource) return;
  const levels: { resource: ResourceSchema; calcs: BoundCalculation[]; records: Row[]; scope: string }[] = [];
  const byPath = new Map<string, Row[]>([[resource.name, records]]);
  walk(schema, resource, req, resource.name, (r, level, calcs, path) => {
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
    if (calcs.length > 0) {
      const depth = path.split('.').length - 1;
      levels.push({ resource: r, calcs, records: [...new Set(rows)], scope: `${path.split('.').slice(1).join('.') || 'root'}#calculations@${depth}` });
    }
  });
  for (const level of levels) {
    if (level.records.length === 0) continue;
    const values = await layer.readCalculations({ resource: level.resource, calculations: level.calcs }, level.records, rel, sink(level.scope));
    level.records.forEach((record, i) => {
      level.calcs.forEach((c, j) => setKey(record, c.def.name, values[i]?.[j] ?? null));
    });
  }
}

const ORDERS: Record<SortOrder, { desc: boolean; nullsFirst: boolean }> = {
  asc: { desc: false, nullsFirst: false },
  desc: { desc: true, nullsFirst: true },
  asc_nils_first: { desc: false, nullsFirst: true },
  desc_nils_last: { desc: true, nullsFirst: false },
};

/** Calculation names in the root sort (empty when it names none). */
export function calculationSortFields(schema: Schema, req: QueryRequest): string[] {
  const resource = isObject(req) ? schema.resources.get(req.resource) : undefined;
  if (!resource || !Array.isArray(req.sort)) return [];
  const out: string[] = [];
  for (const s of req.sort) {
    const field = isObject(s) ? s.field : typeof s === 'string' ? s : undefined;
    if (typeof field === 'string' && !resource.attributes.has(field) && findCalculation(resource, field)) out.push(field);
  }
  return out;
}

/**
 * A root query sorted by calculations: read every matching record with those values, sort and window
 * in JS (both layers the same way), then drop what was not asked for.
 */
export async function readSortedByCalculations(schema: Schema, req: QueryRequest, calcFields: string[], read: (r: QueryRequest) => Promise<Row[]>): Promise<Row[]> {
  const resource = schema.resources.get(req.resource)!;
  for (const k of ['limit', 'offset'] as const) {
    const v = req[k];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      fail('invalid_query', `${resource.name}: ${k} must be a non-negative integer, got ${JSON.stringify(v)}`);
    }
  }
  const asked = new Set(Array.isArray(req.calculations) ? req.calculations : []);
  const sort = (req.sort ?? []).map((s) => (typeof s === 'string' ? { field: s as string, order: 'asc' as SortOrder } : s));
  const attrFields = sort.map((s) => s.field).filter((f) => resource.attributes.has(f));
  const select = req.select ? [...new Set([...req.select, ...attrFields])] : undefined;
  const inner: QueryRequest = { ...req, sort: undefined, limit: undefined, offset: undefined, calculations: [...new Set([...asked, ...calcFields])], select };
  const records = await read(inner);
  const keys: SortKey[] = sort.map((s) => {
    const o = ORDERS[s.order ?? 'asc'];
    if (!o) fail('invalid_query', `sort of ${resource.name}: unknown sort order ${JSON.stringify(s.order)}`);
    const attr = resource.attributes.get(s.field);
    if (!attr && !findCalculation(resource, s.field)) fail('no_such_attribute', `sort of ${resource.name}: ${resource.name} has no attribute \`${s.field}\` to sort by`);
    return { field: s.field, desc: o.desc, nullsFirst: o.nullsFirst, ci: attr?.type === 'ci_string' };
  });
  const sorted = [...records].sort(compareRows(withPkTiebreak(resource, keys)));
  const out = applyWindow(sorted, { offset: req.offset ?? 0, limit: req.limit ?? undefined });
  const keep = req.select ? new Set([...resource.pk, ...req.select]) : null;
  for (const r of out) {
    for (const f of calcFields) if (!asked.has(f)) delete r[f];
    if (keep) for (const f of attrFields) if (!keep.has(f)) delete r[f];
  }
  return out;
}

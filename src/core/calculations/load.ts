/**
 * Calculations in queries (docs/model-extensions.md): a calculation name in a level's `load`
 * (`load: { full_name: {} }`, Ash's `load: [:full_name]`), in its `select`, or in the
 * `calculations` list adds its value to that level's records; a root `sort` may name calculations;
 * a filter may use them as fields (the binder inlines them).
 */
import type { DataLayer, StatementSink } from '../datalayers/data-layer';
import type { RelatedSource } from '../expr/evaluate';
import type { LoadRequest, QueryRequest, Row } from '../query/types';
import type { ResourceSchema, Schema } from '../schema/schema';
import { stepFor } from '../schema/schema';
import type { DerivedKind } from '../engine/derived-fields';
import { attachDerived, checkDerivedRequest, derivedSortFields, readSortedByDerived } from '../engine/derived-fields';
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

/** Calculations as values added to records (src/core/engine/derived-fields.ts does the walking). */
const CALCULATIONS: DerivedKind<BoundCalculation> = {
  key: 'calculations',
  noun: 'calculation',
  find: findCalculation,
  bind: bindCalculation,
  nameOf: (b) => b.def.name,
  read: (layer, resource, calculations, records, rel, sink) => layer.readCalculations({ resource, calculations }, records, rel, sink),
};

/** Binds every requested calculation (coded errors naming it) before anything is read. */
export function checkCalculationRequest(schema: Schema, req: QueryRequest): void {
  checkDerivedRequest(CALCULATIONS, schema, req);
}

/** Adds the requested calculation values to the result records, one layer call per level. */
export function attachCalculations(schema: Schema, layer: DataLayer, req: QueryRequest, records: Row[], rel: RelatedSource, sink: (scope: string) => StatementSink): Promise<void> {
  return attachDerived(CALCULATIONS, schema, layer, req, records, rel, sink);
}

/** Calculation names in the root sort (empty when it names none). */
export function calculationSortFields(schema: Schema, req: QueryRequest): string[] {
  return derivedSortFields(CALCULATIONS, schema, req);
}

/** A root query sorted by calculations: read all, sort and window in JS, drop what was not asked for. */
export function readSortedByCalculations(schema: Schema, req: QueryRequest, calcFields: string[], read: (r: QueryRequest) => Promise<Row[]>): Promise<Row[]> {
  return readSortedByDerived(CALCULATIONS, schema, req, calcFields, read);
}

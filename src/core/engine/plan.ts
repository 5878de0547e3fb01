import { LIMITS } from './input';
import type { BExpr } from '../expr/bound';
import { and } from '../expr/bound';
import { bindFilter } from '../expr/bind';
import type { NRelationship } from '../model/types';
import type { LoadRequest, QueryRequest } from '../query/types';
import { fail } from '../result';
import type { ResourceSchema, Schema, Step } from '../schema/schema';
import { isManual, relationshipWindow, stepFor } from '../schema/schema';
import type { Window } from '../datalayers/data-layer';
import type { SortKey } from './sort';
import { resolveSort, withPkTiebreak } from './sort';

export type ParamsChain = ReadonlyArray<Record<string, unknown> | undefined>;

/** What one level returns: these attributes (primary key first), plus its loaded relationships. */
export interface Output {
  attributes: string[];
  /** Rows of this level may carry keys that are not output (a select, strict, or manual code's extra keys). */
  trim: boolean;
  /** Attribute and loaded relationship names a finished record has (filled in by the planner). */
  keep?: ReadonlySet<string>;
}

export interface LoadPlan {
  name: string;
  step: Step;
  /** Path for messages and statement stats, e.g. `Representative.tickets@1`. */
  scope: string;
  request: LoadRequest;
  params: ParamsChain;
  /** Relationship filter AND load filter; scope [destination, source]. */
  where: BExpr | null;
  sort: SortKey[];
  window: Window | null;
  /** to-one: keep the first row (a has_one without fromMany warns when there were several). */
  pickFirst: boolean;
  joinWhere: BExpr | null;
  joinSort: SortKey[];
  manual: boolean;
  output: Output;
  loads: LoadPlan[];
  /** This level or one below it needs trimming. */
  deep: boolean;
}

export interface RootPlan {
  resource: ResourceSchema;
  request: QueryRequest;
  params: ParamsChain;
  where: BExpr | null;
  sort: SortKey[];
  window: Window;
  output: Output;
  loads: LoadPlan[];
}

/**
 * Checks a query against the model and binds every filter, before anything runs: an invalid
 * nested load is an error whether or not there are rows to load it for.
 */
export function planQuery(schema: Schema, query: QueryRequest): RootPlan {
  if (query === null || typeof query !== 'object') fail('invalid_query', 'a query must be an object with a `resource`');
  const resource = schema.resources.get(query.resource);
  if (!resource) fail('invalid_query', `unknown resource ${JSON.stringify(query.resource)}`, { path: ['resource'] });
  const params: ParamsChain = [query.params];
  const where = query.filter === undefined || query.filter === null
    ? null
    : bindFilter(query.filter, { schema, scopes: [resource], params, where: `filter of ${resource.name}` });
  const sort = resolveSort(resource, query.sort, `sort of ${resource.name}`);
  const window: Window = { offset: nonNegative(query.offset, 'offset', resource.name) ?? 0, limit: nonNegative(query.limit, 'limit', resource.name) };
  const output = outputOf(resource, query, false, resource.name);
  const strict = query.strict === true;
  const loads = planLoads(schema, resource, query.load, params, strict, 1, resource.name);
  output.keep = new Set([...output.attributes, ...loads.map((l) => l.name)]);
  return { resource, request: query, params, where, sort, window, output, loads };
}

function planLoads(
  schema: Schema,
  from: ResourceSchema,
  load: Record<string, LoadRequest> | undefined,
  params: ParamsChain,
  strict: boolean,
  depth: number,
  path: string,
): LoadPlan[] {
  if (load === undefined || load === null) return [];
  if (typeof load !== 'object' || Array.isArray(load)) fail('invalid_load', `${path}: load must be an object of relationship names`);
  if (depth > LIMITS.loadDepth && Object.keys(load).length > 0) fail('too_deep', `${path}: loads nest deeper than ${LIMITS.loadDepth} levels`);
  const plans: LoadPlan[] = [];
  for (const [name, raw] of Object.entries(load)) {
    const rel = from.relationships.get(name);
    if (!rel) {
      const attr = from.attributes.has(name);
      fail(
        'invalid_load',
        attr
          ? `${path}: \`${name}\` is an attribute of ${from.name}, not a relationship, so it cannot be loaded`
          : `${path}: ${from.name} has no relationship \`${name}\` to load`,
        { path: [...path.split('.').slice(1), name] },
      );
    }
    const step = stepFor(schema, from, rel);
    if (!step) fail('invalid_load', `${path}: relationship ${from.name}.${name} does not resolve`);
    const loose: unknown = raw;
    const request: LoadRequest = loose === true || loose === null || loose === undefined ? {} : raw;
    if (typeof request !== 'object' || Array.isArray(request)) fail('invalid_load', `${path}.${name}: a load must be an object`);
    plans.push(planLoad(schema, step, request, params, strict, depth, `${path}.${name}`));
  }
  return plans;
}

function planLoad(
  schema: Schema,
  step: Step,
  request: LoadRequest,
  outerParams: ParamsChain,
  strict: boolean,
  depth: number,
  path: string,
): LoadPlan {
  const rel = step.rel;
  const to = step.to;
  const params: ParamsChain = [request.params, ...outerParams];
  const manual = isManual(rel);
  const limit = nonNegative(request.limit, 'limit', path);
  const offset = nonNegative(request.offset, 'offset', path);
  if (manual && (limit !== undefined || (offset !== undefined && offset !== 0))) {
    fail(
      'invalid_query',
      `${path}: ${step.from.name}.${rel.name} is a manual relationship; a load of it cannot have a limit or a non-zero offset (apply them in its code)`,
      { path: path.split('.').slice(1) },
    );
  }
  const scopes = [to, step.from];
  const relWhere = relationshipFilter(schema, step, params);
  const loadWhere = request.filter === undefined || request.filter === null
    ? null
    : bindFilter(request.filter, { schema, scopes, params, where: `filter of load ${path}` });
  const loadSort = resolveSort(to, request.sort, `sort of load ${path}`);
  const relSort = resolveSort(to, rel.sort, `sort of ${step.from.name}.${rel.name}`);
  let sort = [...loadSort, ...relSort];
  if (sort.length === 0) sort = resolveSort(to, rel.defaultSort, `defaultSort of ${step.from.name}.${rel.name}`);

  // A relationship's own limit/offset replaces the load's, each separately (spec §5).
  const own = relationshipWindow(rel);
  const effLimit = own?.limit ?? limit;
  const effOffset = own?.offset ?? offset ?? 0;
  const pickFirst = !step.many;
  let window: Window | null = effLimit !== undefined || effOffset !== 0 ? { offset: effOffset, limit: effLimit } : null;
  // A to-one keeps the first row: a window only when an offset or limit asks for one.
  if (pickFirst && window) window = { offset: effOffset, limit: window.limit === undefined ? undefined : Math.min(window.limit, 1) };
  // "First" means first in the level's sort, else by primary key; a belongs_to to a primary key has one row at most.
  const unique = rel.kind === 'belongs_to' && to.pk.length === 1 && to.pk[0] === rel.destinationAttribute;
  if ((window || (pickFirst && !unique)) && !manual) sort = withPkTiebreak(to, sort);

  let joinWhere: BExpr | null = null;
  let joinSort: SortKey[] = [];
  if (rel.kind === 'many_to_many' && step.join && step.through) {
    const joinStep = stepFor(schema, step.from, step.join);
    if (joinStep) joinWhere = relationshipFilter(schema, joinStep, params);
    joinSort = resolveSort(step.through, step.join.sort, `sort of ${step.from.name}.${step.join.name}`);
    if (joinSort.length === 0) joinSort = resolveSort(step.through, step.join.defaultSort, `defaultSort of ${step.from.name}.${step.join.name}`);
    if (step.join.limit !== undefined) joinSort = withPkTiebreak(step.through, joinSort);
  }

  const childStrict = strict || request.strict === true;
  const output = outputOf(to, request, strict, path);
  if (manual) output.trim = true;
  const loads = planLoads(schema, to, request.load, params, childStrict, depth + 1, path);
  output.keep = new Set([...output.attributes, ...loads.map((l) => l.name)]);
  return {
    name: rel.name,
    step,
    scope: `${path.split('.').slice(0, -1).join('.')}.${rel.name}@${depth}`.replace(/^\./, ''),
    request,
    params,
    where: and(relWhere, loadWhere),
    sort,
    window,
    pickFirst,
    joinWhere,
    joinSort,
    manual,
    output,
    loads,
    deep: output.trim || loads.some((l) => l.deep),
  };
}

/** The relationship's own filter bound with the destination as row and the source as parent. */
export function relationshipFilter(schema: Schema, step: Step, params: ParamsChain): BExpr | null {
  const rel: NRelationship = step.rel;
  if (!rel.filter) return null;
  return bindFilter(rel.filter, {
    schema,
    scopes: [step.to, step.from],
    params,
    unknownCode: 'invalid_expression',
    where: `filter of ${step.from.name}.${rel.name}`,
  });
}

function outputOf(resource: ResourceSchema, request: LoadRequest, strict: boolean, where: string): Output {
  const select = request.select;
  if (select === undefined || select === null) {
    const attributes = strict ? [...resource.pk] : [...resource.attributeNames];
    return { attributes, trim: attributes.length !== resource.attributeNames.length };
  }
  if (!Array.isArray(select)) fail('invalid_query', `${where}: select must be a list of attribute names`);
  for (const field of select) {
    if (typeof field !== 'string' || !resource.attributes.has(field)) {
      const isRel = typeof field === 'string' && resource.relationships.has(field);
      fail(
        'no_such_attribute',
        isRel
          ? `${where}: cannot select \`${field}\`: it is a relationship of ${resource.name}; load it instead`
          : `${where}: ${resource.name} has no attribute ${JSON.stringify(field)} to select`,
        { details: { field } },
      );
    }
  }
  const wanted = new Set<string>([...resource.pk, ...select]);
  // Keep the resource's attribute order so records read naturally.
  const attributes = resource.attributeNames.filter((a) => wanted.has(a));
  return { attributes, trim: attributes.length !== resource.attributeNames.length };
}

function nonNegative(v: unknown, what: string, where: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    fail('invalid_query', `${where}: ${what} must be a non-negative integer, got ${describeNumber(v)}`);
  }
  // Beyond 2^53 - 1 nothing is counted exactly: such a limit means "all rows" on both layers.
  return Math.min(v, Number.MAX_SAFE_INTEGER);
}

function describeNumber(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return typeof v;
  }
}

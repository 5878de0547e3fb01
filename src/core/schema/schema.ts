import type {
  AttributeType, NAttribute, NHasMany, NormalizedModel, NRelationship, NResource, Sort,
} from '../model/types';

/**
 * A normalized model compiled into lookup tables for the engine: resources, attributes and
 * relationships by name, primary keys, and the relationship steps that paths walk.
 */
export interface ResourceSchema {
  readonly name: string;
  readonly table: string;
  readonly resource: NResource;
  readonly attributes: ReadonlyMap<string, NAttribute>;
  readonly attributeNames: readonly string[];
  readonly relationships: ReadonlyMap<string, NRelationship>;
  /** Primary key attribute names (may be empty for a resource without one; then all attributes identify a row). */
  readonly pk: readonly string[];
}

export interface Schema {
  readonly model: NormalizedModel;
  readonly resources: ReadonlyMap<string, ResourceSchema>;
}

/**
 * One hop along a relationship. For many_to_many, `join` is the has_many to the join resource
 * (implicit or user-defined) whose filter/sort/limit window the join rows.
 */
export interface Step {
  readonly rel: NRelationship;
  readonly from: ResourceSchema;
  readonly to: ResourceSchema;
  readonly through?: ResourceSchema;
  readonly join?: NHasMany;
  /** Cardinality of the loaded value. */
  readonly many: boolean;
  /** Stable key for caches. */
  readonly key: string;
}

export function compileSchema(model: NormalizedModel): Schema {
  const resources = new Map<string, ResourceSchema>();
  for (const resource of model.resources) {
    const attributes = new Map(resource.attributes.map((a) => [a.name, a] as const));
    const relationships = new Map(resource.relationships.map((r) => [r.name, r] as const));
    const pk = resource.attributes.filter((a) => a.primaryKey).map((a) => a.name);
    resources.set(resource.name, {
      name: resource.name,
      table: resource.table,
      resource,
      attributes,
      attributeNames: resource.attributes.map((a) => a.name),
      relationships,
      pk,
    });
  }
  return { model, resources };
}

const stepCache = new WeakMap<NRelationship, Step>();

/** The step for `rel` on `from`, or undefined when its destination (or join resource) is unknown. */
export function stepFor(schema: Schema, from: ResourceSchema, rel: NRelationship): Step | undefined {
  const cached = stepCache.get(rel);
  if (cached && cached.from === from) return cached;
  const to = schema.resources.get(rel.destination);
  if (!to) return undefined;
  let step: Step;
  if (rel.kind === 'many_to_many') {
    const through = schema.resources.get(rel.through);
    const join = from.relationships.get(rel.joinRelationship);
    if (!through || !join || join.kind !== 'has_many') return undefined;
    step = { rel, from, to, through, join, many: true, key: `${from.name}.${rel.name}` };
  } else {
    step = { rel, from, to, many: rel.kind === 'has_many', key: `${from.name}.${rel.name}` };
  }
  stepCache.set(rel, step);
  return step;
}

export function isManual(rel: NRelationship): boolean {
  return (rel.kind === 'has_one' || rel.kind === 'has_many') && rel.manual !== undefined;
}

/** `manual` or `noAttributes`: no key matching (spec §1). */
export function hasNoAttributes(rel: NRelationship): boolean {
  return (rel.kind === 'has_one' || rel.kind === 'has_many') && (rel.noAttributes || rel.manual !== undefined);
}

/** The relationship's own window (limit/offset/fromMany), used in filters and replacing the load's. */
export interface RelWindow {
  limit?: number;
  offset?: number;
}

export function relationshipWindow(rel: NRelationship): RelWindow | undefined {
  if (rel.kind === 'has_many') {
    if (rel.limit === undefined && rel.offset === undefined) return undefined;
    return { limit: rel.limit, offset: rel.offset };
  }
  if (rel.kind === 'has_one' && rel.fromMany) return { limit: 1, offset: rel.offset };
  return undefined;
}

/** The sort that orders a relationship's window in filters: its sort, else defaultSort, else primary key. */
export function windowSort(rel: NRelationship): Sort {
  if (rel.sort && rel.sort.length > 0) return rel.sort;
  if (rel.defaultSort && rel.defaultSort.length > 0) return rel.defaultSort;
  return [];
}

export function attributeType(resource: ResourceSchema, name: string): AttributeType | undefined {
  return resource.attributes.get(name)?.type;
}

/** ci_string keys match case-insensitively when either side is a ci_string. */
export function keysAreCi(from: ResourceSchema, fromAttr: string, to: ResourceSchema, toAttr: string): boolean {
  return attributeType(from, fromAttr) === 'ci_string' || attributeType(to, toAttr) === 'ci_string';
}

/**
 * Applies every default of spec §1 (Ash's transformers, in Ash's order): per-kind keys, the belongs_to
 * attributes, and the implicit many_to_many join relationships. Total: an invalid model (unknown
 * destinations, missing `through`, duplicate names) still normalizes, so the canvas and the
 * validator can work on it; the validator is what reports the problems.
 */
import { snake } from './snake';
import { normalizeActions } from '../actions/normalize';
import { normalizeAggregates } from '../aggregates/normalize';
import type {
  Attribute, BelongsTo, HasMany, HasOne, ManyToMany, Model, NAttribute, NBelongsTo, NHasMany, NHasOne,
  NManyToMany, NRelationship, NResource, NormalizedModel, Relationship, Resource,
} from './types';

/**
 * Copies the optional keys that are set, so a normalized element has exactly the keys that are set.
 * (Built field by field rather than spread-and-filter: this runs on every edit of large models.)
 */
function withOptional<T extends object>(target: T, source: object, keys: readonly string[]): T {
  const from = source as Record<string, unknown>;
  const to = target as Record<string, unknown>;
  for (const k of keys) if (from[k] !== undefined) to[k] = from[k];
  return target;
}

const ATTRIBUTE_OPTIONAL = ['default', 'generated', 'constraints', 'description', 'ashType', 'sqlType'] as const;
const COMMON_OPTIONAL = ['filter', 'sort', 'defaultSort', 'description'] as const;

export function normalizeAttribute(a: Attribute): NAttribute {
  const primaryKey = a.primaryKey ?? false;
  const out: NAttribute = {
    name: a.name,
    type: a.type,
    primaryKey,
    allowNil: a.allowNil ?? !primaryKey,
    writable: a.writable ?? true,
    public: a.public ?? true,
  };
  return withOptional(out, a, ATTRIBUTE_OPTIONAL);
}

function common(r: Relationship, sourceAttribute: string, destinationAttribute: string) {
  return {
    name: r.name,
    destination: r.destination,
    sourceAttribute: r.sourceAttribute ?? sourceAttribute,
    destinationAttribute: r.destinationAttribute ?? destinationAttribute,
    validateDestinationAttribute: r.validateDestinationAttribute ?? true,
  };
}

function belongsTo(r: BelongsTo): NBelongsTo {
  const out: NBelongsTo = {
    kind: 'belongs_to',
    ...common(r, `${r.name}_id`, 'id'),
    allowNil: r.allowNil ?? true,
    primaryKey: r.primaryKey ?? false,
    attributeType: r.attributeType ?? 'uuid',
    attributeWritable: r.attributeWritable ?? true,
    defineAttribute: r.defineAttribute ?? true,
  };
  return withOptional(out, r, [...COMMON_OPTIONAL, 'onDelete', 'onUpdate']);
}

function hasOne(r: HasOne, source: string): NHasOne {
  const out: NHasOne = {
    kind: 'has_one',
    ...common(r, 'id', `${snake(source)}_id`),
    // Ash's has_one transform: a sort or an offset (even 0) means "pick from many"; defaultSort does not.
    fromMany: r.fromMany === true || r.sort !== undefined || r.offset !== undefined,
    // Ash's `manual_implies_no_attributes`.
    noAttributes: r.noAttributes === true || r.manual !== undefined,
  };
  return withOptional(out, r, [...COMMON_OPTIONAL, 'offset', 'manual']);
}

function hasMany(r: HasMany, source: string): NHasMany {
  const out: NHasMany = {
    kind: 'has_many',
    ...common(r, 'id', `${snake(source)}_id`),
    noAttributes: r.noAttributes === true || r.manual !== undefined,
  };
  return withOptional(out, r, [...COMMON_OPTIONAL, 'limit', 'offset', 'manual']);
}

/** A many_to_many with its own defaults, before the join relationship is looked up. */
function manyToMany(r: ManyToMany, source: string): NManyToMany {
  const out: NManyToMany = {
    kind: 'many_to_many',
    ...common(r, 'id', 'id'),
    // '' when absent: keeps the type total; `missing_through` reports it.
    through: r.through ?? '',
    sourceAttributeOnJoinResource: r.sourceAttributeOnJoinResource ?? `${snake(source)}_id`,
    destinationAttributeOnJoinResource: r.destinationAttributeOnJoinResource ?? `${snake(r.destination)}_id`,
    joinRelationship: r.joinRelationship ?? `${r.name}_join_assoc`,
  };
  return withOptional(out, r, COMMON_OPTIONAL);
}

export function normalizeRelationship(r: Relationship, source: string): NRelationship {
  switch (r.kind) {
    case 'belongs_to':
      return belongsTo(r);
    case 'has_one':
      return hasOne(r, source);
    case 'has_many':
      return hasMany(r, source);
    case 'many_to_many':
      return manyToMany(r, source);
    default: {
      // Unreachable for parsed models; kept total for hand-built ones (the validator reports it).
      const unknown = r as Relationship;
      return hasMany({ ...(unknown as object), kind: 'has_many' } as HasMany, source);
    }
  }
}

/** Ash's BelongsToAttribute transformer: append (never prepend) missing source attributes. */
function addBelongsToAttributes(attributes: NAttribute[], relationships: NRelationship[]): void {
  const names = new Set(attributes.map((a) => a.name));
  for (const r of relationships) {
    if (r.kind !== 'belongs_to' || !r.defineAttribute || names.has(r.sourceAttribute)) continue;
    names.add(r.sourceAttribute); // a second belongs_to naming it reuses this one
    attributes.push({
      name: r.sourceAttribute,
      type: r.attributeType,
      primaryKey: r.primaryKey,
      allowNil: r.primaryKey ? false : r.allowNil,
      writable: r.attributeWritable,
      public: true,
      addedBy: r.name,
    });
  }
}

/**
 * Ash's CreateJoinRelationship transformer, many_to_many by many_to_many in order: an existing
 * relationship of the join name lends `through` and the source keys; otherwise a has_many is
 * prepended (so later ones come first). Only relationships count, never an attribute of that name.
 */
function addJoinRelationships(relationships: NRelationship[]): NRelationship[] {
  let list = relationships;
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (m === undefined || m.kind !== 'many_to_many') continue;
    const join = list.find((r) => r.name === m.joinRelationship && r !== m);
    if (join) {
      const updated: NManyToMany = {
        ...m,
        through: join.destination,
        sourceAttribute: join.sourceAttribute,
        sourceAttributeOnJoinResource: join.destinationAttribute,
      };
      list = list.map((r) => (r === m ? updated : r));
      continue;
    }
    if (m.through === '') continue; // nothing to join through; reported as missing_through
    const implicit: NHasMany = {
      kind: 'has_many',
      name: m.joinRelationship,
      destination: m.through,
      sourceAttribute: m.sourceAttribute,
      destinationAttribute: m.sourceAttributeOnJoinResource,
      // The m2m's opt-out covers its join keys too (spec: "source, destination, join").
      validateDestinationAttribute: m.validateDestinationAttribute,
      noAttributes: false,
      joinOf: m.name,
    };
    list = [implicit, ...list];
    i++; // the prepend shifted the current many_to_many one place right
  }
  return list;
}

export function normalizeResource(r: Resource, model: Pick<Model, 'name' | 'module'>): NResource {
  const attributes = (r.attributes ?? []).map(normalizeAttribute);
  const relationships = (r.relationships ?? []).map((x) => normalizeRelationship(x, r.name));
  addBelongsToAttributes(attributes, relationships);
  const out: NResource = {
    name: r.name,
    module: r.module ?? `${model.module ?? model.name}.${r.name}`,
    table: r.table ?? snake(r.name),
    attributes,
    relationships: addJoinRelationships(relationships),
  };
  withOptional(out, r, ['description', 'identities', 'calculations', 'preserved', 'external', 'ashVersion']);
  if (r.actions !== undefined) out.actions = normalizeActions(r.actions);
  if (r.aggregates !== undefined) out.aggregates = normalizeAggregates(r.aggregates);
  return out;
}

export function normalizeModel(model: Model): NormalizedModel {
  return {
    format: model.format,
    name: model.name,
    module: model.module ?? model.name,
    resources: (model.resources ?? []).map((r) => normalizeResource(r, model)),
  };
}

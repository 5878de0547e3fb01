/**
 * The `relata/model@1` interchange format (see docs/model-format.md) as TypeScript types.
 * `Model` is what a user writes (defaults may be omitted); `NormalizedModel` has every default applied.
 */

import type { ActionEntry, NAction } from '../actions/types';
import type { AggregateDef, NAggregate } from '../aggregates/types';

export const MODEL_FORMAT = 'relata/model@1';

export type AttributeType =
  | 'uuid'
  | 'integer'
  | 'string'
  | 'ci_string'
  | 'boolean'
  | 'float'
  | 'decimal'
  | 'atom'
  | 'date'
  | 'utc_datetime'
  | 'map';

export const ATTRIBUTE_TYPES: readonly AttributeType[] = [
  'uuid', 'integer', 'string', 'ci_string', 'boolean', 'float', 'decimal', 'atom', 'date', 'utc_datetime', 'map',
];

export type SortOrder = 'asc' | 'desc' | 'asc_nils_first' | 'desc_nils_last';
export interface SortField {
  field: string;
  order?: SortOrder;
}
export type Sort = SortField[];

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface AttributeConstraints {
  oneOf?: JsonValue[];
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  match?: string;
}

export interface Attribute {
  /** Document-only stable id (docs/model-format.md, "Ids"); never exported, ignored by the engine. */
  id?: string;
  name: string;
  type: AttributeType;
  primaryKey?: boolean;
  allowNil?: boolean;
  default?: JsonValue;
  generated?: 'uuid' | 'increment' | 'now';
  constraints?: AttributeConstraints;
  writable?: boolean;
  public?: boolean;
  description?: string;
  /**
   * Extension (docs/model-extensions.md): the type as the source wrote it when it is richer than
   * `type` (`{:array, :string}`, `:union`, `MyApp.Money`, `:binary`), so Ash export gives it back.
   * `type` is then the storage type Relata previews with (arrays, unions, embedded → `map`).
   */
  ashType?: string;
  /** Extension: the SQL column type as an imported DDL wrote it (`inet`, `text[]`, `public.mpaa_rating`). */
  sqlType?: string;
}

/** Extension: a set of attributes unique together (Ash `identities`, SQL `UNIQUE`). */
export interface Identity {
  name: string;
  keys: string[];
  description?: string;
}

/** Extension: a named expression over the record (Ash `calculations`), in the expression syntax of §3. */
export interface Calculation {
  name: string;
  type: AttributeType;
  expression: string;
  public?: boolean;
  description?: string;
  /** The Ash source as written when `expression` could not carry it (e.g. a module calculation). */
  ashSource?: string;
}

/**
 * Extension: a section Relata does not model (`policies`, `code_interface`, `validations`,
 * `postgres`, a `CREATE FUNCTION`), kept verbatim so export gives it back as it was.
 */
export interface PreservedBlock {
  /** The section's name as written: `policies`, `code_interface`, `postgres`, ... */
  section: string;
  text: string;
}

/** Extension: what a database does to referencing rows when the referenced row is deleted/updated. */
export type ReferenceAction = 'cascade' | 'restrict' | 'no_action' | 'set_null' | 'set_default';
export const REFERENCE_ACTIONS: readonly ReferenceAction[] = ['cascade', 'restrict', 'no_action', 'set_null', 'set_default'];

export interface ManualSource {
  language: 'javascript';
  source: string;
  options?: Record<string, JsonValue>;
}

export type RelationshipKind = 'belongs_to' | 'has_one' | 'has_many' | 'many_to_many';
export const RELATIONSHIP_KINDS: readonly RelationshipKind[] = ['belongs_to', 'has_one', 'has_many', 'many_to_many'];

interface RelationshipCommon {
  /** Document-only stable id (docs/model-format.md, "Ids"); never exported, ignored by the engine. */
  id?: string;
  name: string;
  destination: string;
  sourceAttribute?: string;
  destinationAttribute?: string;
  filter?: string;
  sort?: Sort;
  defaultSort?: Sort;
  validateDestinationAttribute?: boolean;
  description?: string;
}

export interface BelongsTo extends RelationshipCommon {
  kind: 'belongs_to';
  allowNil?: boolean;
  primaryKey?: boolean;
  attributeType?: AttributeType;
  attributeWritable?: boolean;
  defineAttribute?: boolean;
  /** Extension: `ON DELETE` of the foreign key (AshPostgres `references ... on_delete`). */
  onDelete?: ReferenceAction;
  /** Extension: `ON UPDATE` of the foreign key. */
  onUpdate?: ReferenceAction;
}

export interface HasOne extends RelationshipCommon {
  kind: 'has_one';
  fromMany?: boolean;
  offset?: number;
  noAttributes?: boolean;
  manual?: ManualSource;
}

export interface HasMany extends RelationshipCommon {
  kind: 'has_many';
  limit?: number;
  offset?: number;
  noAttributes?: boolean;
  manual?: ManualSource;
}

export interface ManyToMany extends RelationshipCommon {
  kind: 'many_to_many';
  through?: string;
  sourceAttributeOnJoinResource?: string;
  destinationAttributeOnJoinResource?: string;
  joinRelationship?: string;
}

export type Relationship = BelongsTo | HasOne | HasMany | ManyToMany;

export interface Resource {
  /** Document-only stable id (docs/model-format.md, "Ids"); never exported, ignored by the engine. */
  id?: string;
  name: string;
  module?: string;
  table?: string;
  attributes?: Attribute[];
  relationships?: Relationship[];
  description?: string;
  /** Extension (docs/actions-and-aggregates.md): create/read/update/destroy actions. */
  actions?: ActionEntry[];
  /** Extension (docs/actions-and-aggregates.md): aggregates over relationship paths. */
  aggregates?: AggregateDef[];
  /** Extension (docs/model-extensions.md). */
  identities?: Identity[];
  calculations?: Calculation[];
  preserved?: PreservedBlock[];
  /** Extension: a placeholder for a destination outside what was imported (drawn as external). */
  external?: boolean;
  /** Extension: `2` for a resource imported from Ash 2 (attributes public unless `private?`); absent = Ash 3. */
  ashVersion?: number;
}

export interface Model {
  format: typeof MODEL_FORMAT;
  name: string;
  module?: string;
  resources: Resource[];
}

// ---------------------------------------------------------------------------------------------
// Normalized: every default of the spec applied. Keys keep the names of the JSON format so a
// normalized model is itself a valid model.

export interface NAttribute extends Attribute {
  primaryKey: boolean;
  allowNil: boolean;
  writable: boolean;
  public: boolean;
  /** Set when the attribute was added by a belongs_to (the relationship's name). */
  addedBy?: string;
}

interface NCommon {
  name: string;
  destination: string;
  sourceAttribute: string;
  destinationAttribute: string;
  filter?: string;
  sort?: Sort;
  defaultSort?: Sort;
  validateDestinationAttribute: boolean;
  description?: string;
}

export interface NBelongsTo extends NCommon {
  kind: 'belongs_to';
  allowNil: boolean;
  primaryKey: boolean;
  attributeType: AttributeType;
  attributeWritable: boolean;
  defineAttribute: boolean;
  onDelete?: ReferenceAction;
  onUpdate?: ReferenceAction;
}

export interface NHasOne extends NCommon {
  kind: 'has_one';
  fromMany: boolean;
  offset?: number;
  noAttributes: boolean;
  manual?: ManualSource;
}

export interface NHasMany extends NCommon {
  kind: 'has_many';
  limit?: number;
  offset?: number;
  noAttributes: boolean;
  manual?: ManualSource;
  /** Set on the has_many a many_to_many added implicitly (the many_to_many's name). */
  joinOf?: string;
}

export interface NManyToMany extends NCommon {
  kind: 'many_to_many';
  through: string;
  sourceAttributeOnJoinResource: string;
  destinationAttributeOnJoinResource: string;
  joinRelationship: string;
}

export type NRelationship = NBelongsTo | NHasOne | NHasMany | NManyToMany;

export interface NResource {
  name: string;
  module: string;
  table: string;
  attributes: NAttribute[];
  relationships: NRelationship[];
  description?: string;
  /** Present when the resource has an `actions` key. */
  actions?: NAction[];
  /** Present when the resource has an `aggregates` key. */
  aggregates?: NAggregate[];
  identities?: Identity[];
  calculations?: Calculation[];
  preserved?: PreservedBlock[];
  external?: boolean;
  ashVersion?: number;
}

export interface NormalizedModel {
  format: typeof MODEL_FORMAT;
  name: string;
  module: string;
  resources: NResource[];
}

/** Rows by resource name, keyed by attribute name (spec §2). */
export type Data = Record<string, Record<string, unknown>[]>;

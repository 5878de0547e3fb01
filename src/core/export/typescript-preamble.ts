/**
 * The `relata/model@1` types a TypeScript export needs, written into the module itself so it compiles
 * with `tsc --strict` in an empty folder: no package to install. They mirror src/core/model/types.ts
 * (extension keys included) closely enough that `tsc` rejects an unknown relationship kind, attribute
 * type, sort order or misspelled key in a hand-edited export; actions and aggregates are typed as JSON
 * values. Names start with `Relata` so they do not meet the record types named after resources.
 */
const TYPES = `// The relata/model@1 types (docs/model-format.md), inlined so this module compiles on its own.
type RelataJson = null | boolean | number | string | RelataJson[] | { [key: string]: RelataJson };
type RelataAttributeType =
  | 'uuid' | 'integer' | 'string' | 'ci_string' | 'boolean' | 'float' | 'decimal' | 'atom' | 'date' | 'utc_datetime' | 'map';
type RelataSort = { field: string, order?: 'asc' | 'desc' | 'asc_nils_first' | 'desc_nils_last' }[];
type RelataReferenceAction = 'cascade' | 'restrict' | 'no_action' | 'set_null' | 'set_default';
interface RelataAttribute {
  name: string;
  type: RelataAttributeType;
  primaryKey?: boolean;
  allowNil?: boolean;
  default?: RelataJson;
  generated?: 'uuid' | 'increment' | 'now';
  constraints?: { oneOf?: RelataJson[]; min?: number; max?: number; minLength?: number; maxLength?: number; match?: string };
  writable?: boolean;
  public?: boolean;
  description?: string;
  ashType?: string;
  sqlType?: string;
}
interface RelataRelationshipCommon {
  name: string;
  destination: string;
  sourceAttribute?: string;
  destinationAttribute?: string;
  filter?: string;
  sort?: RelataSort;
  defaultSort?: RelataSort;
  validateDestinationAttribute?: boolean;
  description?: string;
}
interface RelataManualSource {
  language: 'javascript';
  source: string;
  options?: { [key: string]: RelataJson };
}
interface RelataBelongsTo extends RelataRelationshipCommon {
  kind: 'belongs_to';
  allowNil?: boolean;
  primaryKey?: boolean;
  attributeType?: RelataAttributeType;
  attributeWritable?: boolean;
  defineAttribute?: boolean;
  onDelete?: RelataReferenceAction;
  onUpdate?: RelataReferenceAction;
}
interface RelataHasOne extends RelataRelationshipCommon {
  kind: 'has_one';
  fromMany?: boolean;
  offset?: number;
  noAttributes?: boolean;
  manual?: RelataManualSource;
}
interface RelataHasMany extends RelataRelationshipCommon {
  kind: 'has_many';
  limit?: number;
  offset?: number;
  noAttributes?: boolean;
  manual?: RelataManualSource;
}
interface RelataManyToMany extends RelataRelationshipCommon {
  kind: 'many_to_many';
  through?: string;
  sourceAttributeOnJoinResource?: string;
  destinationAttributeOnJoinResource?: string;
  joinRelationship?: string;
}
type RelataRelationship = RelataBelongsTo | RelataHasOne | RelataHasMany | RelataManyToMany;
interface RelataResource {
  name: string;
  module?: string;
  table?: string;
  attributes?: RelataAttribute[];
  relationships?: RelataRelationship[];
  description?: string;
  actions?: RelataJson[];
  aggregates?: RelataJson[];
  identities?: { name: string; keys: string[]; description?: string }[];
  calculations?: { name: string; type: RelataAttributeType; expression: string; public?: boolean; description?: string; ashSource?: string }[];
  preserved?: { section: string; text: string }[];
  external?: boolean;
  ashVersion?: number;
}`;

const MODEL = `interface RelataModel {
  format: 'relata/model@1';
  name: string;
  module?: string;
  resources: RelataResource[];
}

/** Checks a model literal against the relata/model@1 types and returns it unchanged. */
function defineModel(model: RelataModel): RelataModel {
  return model;
}`;

const RESOURCE = `/** Checks one resource literal against the relata/model@1 types and returns it unchanged. */
function defineResource(resource: RelataResource): RelataResource {
  return resource;
}`;

/** The inlined types and `defineModel` (or `defineResource`) for a self-contained module. */
export function typesPreamble(call: 'defineModel' | 'defineResource'): string[] {
  return [TYPES, '', call === 'defineModel' ? MODEL : RESOURCE, ''];
}

/**
 * Ash types → the model's storage type plus, when the Ash type says more, `ashType` as written
 * (docs/model-extensions.md). Arrays, unions, maps of any kind, embedded resources and custom type
 * modules are stored as `map` (JSON); finer-grained scalars map to their nearest storage type.
 */
import { ATTRIBUTE_TYPES, type AttributeType, type JsonValue } from '../model/types';
import type { ExVal } from './elixir-parse';
import { sourceOf } from './elixir-tree';

/** Ash's built-in short names (and `Ash.Type.X` modules, snake-cased) that are not storage types. */
const NEAREST: Record<string, AttributeType> = {
  utc_datetime_usec: 'utc_datetime', datetime: 'utc_datetime', naive_datetime: 'utc_datetime', naive_datetime_usec: 'utc_datetime',
  uuid_v7: 'uuid', text: 'string', int: 'integer', bool: 'boolean', binary: 'string', url_encoded_binary: 'string',
  time: 'string', time_usec: 'string', duration: 'string', duration_name: 'atom', module: 'atom', term: 'map',
  union: 'map', keyword: 'map', struct: 'map', tuple: 'map', function: 'map', vector: 'map', file: 'map', new_type: 'map', map: 'map',
  date_time: 'utc_datetime', utc_date_time: 'utc_datetime', naive_date_time: 'utc_datetime', ci_string: 'ci_string',
};

/** What a module defined in the imported files is as a type. */
export interface TypeModule {
  type: AttributeType;
  oneOf?: JsonValue[];
}

export interface ReadType {
  type: AttributeType;
  /** Set when richer than `type`: the source text of the type. */
  ashType?: string;
  oneOf?: JsonValue[];
  /** An atom that is not one of Ash's short names (an app's `:custom_types` entry, or a typo). */
  customShortName?: boolean;
}

const snakeName = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** `undefined` when `v` is not a type at all (a computed expression). */
export function readAshType(v: ExVal | undefined, typeModule: (m: string) => TypeModule | undefined): ReadType | undefined {
  if (!v) return undefined;
  const written = sourceOf(v) ?? describeType(v);
  if (v.t === 'atom' || (v.t === 'alias' && v.v.startsWith('Ash.Type.'))) {
    const name = v.t === 'atom' ? v.v : snakeName(v.v.slice(9));
    if ((ATTRIBUTE_TYPES as readonly string[]).includes(name)) {
      return { type: name as AttributeType };
    }
    const nearest = NEAREST[name];
    if (nearest) return { type: nearest, ashType: written };
    // Any other atom is a short name the app registers itself (`config :ash, :custom_types`).
    if (v.t === 'atom') return { type: 'map', ashType: written, customShortName: true };
  }
  if (v.t === 'alias') {
    const known = typeModule(v.v);
    if (known) return { type: known.type, ashType: written, ...(known.oneOf ? { oneOf: known.oneOf } : {}) };
    if (v.v === 'Ash.Type.CiString') return { type: 'ci_string', ashType: written };
    return { type: 'map', ashType: written };
  }
  if (v.t === 'tuple' && v.items[0]?.t === 'atom' && v.items[0].v === 'array') return { type: 'map', ashType: written };
  return undefined;
}

function describeType(v: ExVal): string {
  if (v.t === 'atom') return `:${v.v}`;
  if (v.t === 'alias') return v.v;
  if (v.t === 'raw') return v.text;
  return v.t;
}

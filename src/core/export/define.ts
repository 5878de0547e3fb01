/**
 * The small typed API the TypeScript export is written against (imported as `relata` / `relata/core`
 * by generated modules). It is an identity at run time: the value of the types is that `tsc` rejects
 * an unknown relationship kind, attribute type, sort order or misspelled key in a hand-edited export.
 */
import { MODEL_FORMAT } from '../model/types';
import type {
  Attribute, AttributeType, BelongsTo, HasMany, HasOne, ManualSource, ManyToMany, Model, Relationship, Resource,
  Sort,
} from '../model/types';

export { MODEL_FORMAT };
export type {
  Attribute, AttributeType, BelongsTo, HasMany, HasOne, ManualSource, ManyToMany, Model, Relationship, Resource, Sort,
};

/** Checks a model literal against the `relata/model@1` types and returns it unchanged. */
export function defineModel(model: Model): Model {
  return model;
}

/** Checks one resource literal (the code panel's TypeScript view of a resource) and returns it unchanged. */
export function defineResource(resource: Resource): Resource {
  return resource;
}

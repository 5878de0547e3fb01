/**
 * Actions in `relata/model@1` (the `actions` key of a resource; docs/actions-and-aggregates.md).
 * `ActionDef` is what a user writes; `NAction` has every default applied.
 */
import type { AttributeType, JsonValue } from '../model/types';

export type ActionType = 'create' | 'read' | 'update' | 'destroy';
export const ACTION_TYPES: readonly ActionType[] = ['create', 'read', 'update', 'destroy'];

export type ManageType = 'append_and_remove' | 'append' | 'remove' | 'direct_control' | 'create' | 'replace';
export const MANAGE_TYPES: readonly ManageType[] = ['append_and_remove', 'append', 'remove', 'direct_control', 'create', 'replace'];

export type OnLookup = 'ignore' | 'relate' | 'relate_and_update';
export type OnNoMatch = 'ignore' | 'match' | 'create' | 'error';
export type OnMatch = 'ignore' | 'update' | 'unrelate' | 'destroy' | 'error' | 'no_match' | 'missing';
export type OnMissing = 'ignore' | 'unrelate' | 'destroy' | 'error';
export const ON_LOOKUP: readonly OnLookup[] = ['ignore', 'relate', 'relate_and_update'];
export const ON_NO_MATCH: readonly OnNoMatch[] = ['ignore', 'match', 'create', 'error'];
export const ON_MATCH: readonly OnMatch[] = ['ignore', 'update', 'unrelate', 'destroy', 'error', 'no_match', 'missing'];
export const ON_MISSING: readonly OnMissing[] = ['ignore', 'unrelate', 'destroy', 'error'];

export interface ArgumentDef {
  name: string;
  type: AttributeType;
  /** Default true, as in Ash. */
  allowNil?: boolean;
  default?: JsonValue;
  description?: string;
}

export interface SetAttributeChange {
  kind: 'set_attribute';
  attribute: string;
  value: JsonValue;
}

export interface ManageRelationshipChange {
  kind: 'manage_relationship';
  argument: string;
  /** Default: the argument's name. */
  relationship?: string;
  type?: ManageType;
  onLookup?: OnLookup;
  onNoMatch?: OnNoMatch;
  onMatch?: OnMatch;
  onMissing?: OnMissing;
  /** Scalar inputs (and, when set, every input) become `{ [valueIsKey]: value }`. */
  valueIsKey?: string;
}

export type ChangeDef = SetAttributeChange | ManageRelationshipChange;

export interface ActionDef {
  /** Document-only stable id (docs/model-format.md, "Ids"); never exported, ignored by the engine. */
  id?: string;
  type: ActionType;
  /** Default: the type (`create`, `read`, ...). */
  name?: string;
  /** Default: true for the first action of its type. */
  primary?: boolean;
  /** create/update: attributes the input may set. Default: every writable attribute. */
  accept?: string[];
  arguments?: ArgumentDef[];
  changes?: ChangeDef[];
  description?: string;
}

/** An `actions` entry: an action, or the name of a default action (`"create"` = `{ "type": "create" }`). */
export type ActionEntry = ActionDef | ActionType;

export interface NArgument {
  name: string;
  type: AttributeType;
  allowNil: boolean;
  default?: JsonValue;
  description?: string;
}

export interface NManageRelationship {
  kind: 'manage_relationship';
  argument: string;
  relationship: string;
  type?: ManageType;
  onLookup: OnLookup;
  onNoMatch: OnNoMatch;
  onMatch: OnMatch;
  onMissing: OnMissing;
  valueIsKey?: string;
}

export type NChange = SetAttributeChange | NManageRelationship;

export interface NAction {
  type: ActionType;
  name: string;
  primary: boolean;
  accept: string[];
  arguments: NArgument[];
  changes: NChange[];
  description?: string;
}

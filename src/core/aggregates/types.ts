/**
 * Aggregates in `relata/model@1` (the `aggregates` key of a resource; docs/actions-and-aggregates.md).
 */
import type { JsonValue, Sort } from '../model/types';

export type AggregateKind = 'count' | 'exists' | 'sum' | 'min' | 'max' | 'avg' | 'first' | 'list';
export const AGGREGATE_KINDS: readonly AggregateKind[] = ['count', 'exists', 'sum', 'min', 'max', 'avg', 'first', 'list'];
/** Kinds that need a `field`. */
export const FIELD_KINDS: ReadonlySet<AggregateKind> = new Set(['sum', 'min', 'max', 'avg', 'first', 'list']);

export interface AggregateDef {
  /** Document-only stable id (docs/model-format.md, "Ids"); never exported, ignored by the engine. */
  id?: string;
  name: string;
  kind: AggregateKind;
  /** Relationship path from this resource, e.g. `["tickets"]` or `["tickets", "comments"]`. */
  path: string[];
  /** Destination attribute; required for sum/min/max/avg/first/list, optional for count (counts non-nil values). */
  field?: string;
  /** Expression on the destination; `parent(...)` is the record the aggregate belongs to. */
  filter?: string;
  /** first/list: order (default: the last relationship's sort, else defaultSort). */
  sort?: Sort;
  /** count/list: distinct values only. */
  uniq?: boolean;
  /** first/list: keep nil values. Default false. */
  includeNil?: boolean;
  /** Replaces nil (count → 0, exists → false and list → [] already). */
  default?: JsonValue;
  description?: string;
}

/** Normalized: same keys, `uniq`/`includeNil` always present. */
export interface NAggregate extends AggregateDef {
  uniq: boolean;
  includeNil: boolean;
}

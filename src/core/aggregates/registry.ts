import type { ResourceSchema, Schema } from '../schema/schema';
import type { Row } from '../query/types';
import type { RelatedSource } from '../expr/evaluate';
import type { SqlCompiler, SqlScope } from '../datalayers/sqlite/compile-sql';
import type { BoundAggregate } from './bind';

/**
 * Where the binder, the evaluator and the SQL compiler find aggregates. They do not import the
 * aggregate code (that would tie them into import cycles: aggregates are bound with the binder,
 * evaluated with the evaluator and compiled with the compiler); `aggregates/register.ts` fills this
 * in when it is loaded (the engine and `core/index` load it). Only type imports here.
 */
export interface AggregateHooks {
  bind(schema: Schema, owner: ResourceSchema, name: string): BoundAggregate;
  value(agg: BoundAggregate, owner: Row | null | undefined, rel: RelatedSource): unknown;
  prefetch(agg: BoundAggregate, owners: readonly Row[], rel: RelatedSource): Promise<void>;
  sql(c: SqlCompiler, agg: BoundAggregate, owner: SqlScope, forLoad: boolean): string;
}

const unregistered = (): never => {
  throw new Error('aggregates are not registered: import core/aggregates/register (core/index and the engine do)');
};

let hooks: AggregateHooks = { bind: unregistered, value: unregistered, prefetch: unregistered, sql: unregistered };

export function registerAggregateHooks(next: AggregateHooks): void {
  hooks = next;
}

export function aggregateHooks(): AggregateHooks {
  return hooks;
}

/** The aggregate called `name` on a resource, if any (a field like an attribute). */
export function hasAggregate(resource: ResourceSchema, name: string): boolean {
  return resource.resource.aggregates?.some((a) => a.name === name) ?? false;
}

/**
 * Aggregates in queries (docs/actions-and-aggregates.md §3): `aggregates: ["ticket_count"]` on a
 * query or on any nested load adds those values to its records, with one data-layer call per
 * level (one SQL statement on sqlite); a root `sort` may name aggregates.
 */
import type { DataLayer, StatementSink } from '../datalayers/data-layer';
import type { RelatedSource } from '../expr/evaluate';
import type { LoadRequest, QueryRequest, Row } from '../query/types';
import type { Schema } from '../schema/schema';
import type { DerivedKind } from '../engine/derived-fields';
import { attachDerived, checkDerivedRequest, derivedSortFields, readSortedByDerived } from '../engine/derived-fields';
import type { BoundAggregate } from './bind';
import { bindAggregate, findAggregate } from './bind';

/** Does the request (at any level) ask for aggregates? */
export function wantsAggregates(req: LoadRequest): boolean {
  if (req === null || typeof req !== 'object') return false;
  if (Array.isArray(req.aggregates) && req.aggregates.length > 0) return true;
  if (req.aggregates !== undefined && !Array.isArray(req.aggregates)) return true;
  const load = req.load;
  if (!load || typeof load !== 'object') return false;
  return Object.values(load).some((l) => l !== null && typeof l === 'object' && wantsAggregates(l));
}

/** Aggregates as values added to records (src/core/engine/derived-fields.ts does the walking). */
const AGGREGATES: DerivedKind<BoundAggregate> = {
  key: 'aggregates',
  noun: 'aggregate',
  find: findAggregate,
  bind: bindAggregate,
  nameOf: (b) => b.def.name,
  read: (layer, resource, aggregates, records, rel, sink) => layer.readAggregates({ resource, aggregates }, records, rel, sink),
};

/** Binds every requested aggregate (invalid_load for unknown names) before anything is read. */
export function checkAggregateRequest(schema: Schema, req: QueryRequest): void {
  checkDerivedRequest(AGGREGATES, schema, req);
}

/** Adds the requested aggregate values to the result records, one layer call per level. */
export function attachAggregates(schema: Schema, layer: DataLayer, req: QueryRequest, records: Row[], rel: RelatedSource, sink: (scope: string) => StatementSink): Promise<void> {
  return attachDerived(AGGREGATES, schema, layer, req, records, rel, sink);
}

/** Aggregate names in the root sort (empty when the sort names attributes only). */
export function aggregateSortFields(schema: Schema, req: QueryRequest): string[] {
  return derivedSortFields(AGGREGATES, schema, req);
}

/** A root query sorted by aggregates: read all, sort and window in JS, drop what was not asked for. */
export function readSortedByAggregates(schema: Schema, req: QueryRequest, aggFields: string[], read: (r: QueryRequest) => Promise<Row[]>): Promise<Row[]> {
  return readSortedByDerived(AGGREGATES, schema, req, aggFields, read);
}

import type { BExpr } from '../expr/bound';
import type { RelatedSource } from '../expr/evaluate';
import type { Data } from '../model/types';
import type { Row } from '../query/types';
import type { DeferredRows } from '../query/raw-rows';
import type { ResourceSchema, Schema, Step } from '../schema/schema';
import type { SortKey } from '../engine/sort';
import type { BoundAggregate } from '../aggregates/bind';

/** One SQL statement as the preview's log shows it. */
export interface StatementLog {
  sql: string;
  params: unknown[];
  rows: number;
  ms: number;
  /** The load level and relationship it served, e.g. `Representative.tickets@1`; `root` for the top level. */
  scope: string;
}

export interface StatementSink {
  scope: string;
  push(entry: StatementLog): void;
}

/** A per-source window: offset then limit, per parent record. */
export interface Window {
  offset: number;
  limit?: number;
}

export interface RootRead {
  resource: ResourceSchema;
  /** Scope: [row]. */
  where: BExpr | null;
  sort: SortKey[];
  window: Window;
}

export interface RelatedRead {
  step: Step;
  /** Destination filter (relationship filter AND load filter). Scope: [destination, source]. */
  where: BExpr | null;
  sort: SortKey[];
  window: Window | null;
  /** `filter` mode: a has_one without fromMany gives all its rows; `load` mode is the same at this layer. */
  mode: 'load' | 'filter';
  /** many_to_many: the join relationship's filter (scope: [join row, source]) and sort; its limit windows the join rows per source. */
  joinWhere?: BExpr | null;
  joinSort?: SortKey[];
}

/**
 * What the loader needs from a data layer. Rows always carry every attribute (the loader projects
 * `select` at the end). Filters are bound expressions; a layer may evaluate them itself (memory) or
 * compile them (sqlite), and either way must give the same answer.
 */
export interface DataLayer {
  readonly kind: 'sqlite' | 'memory' | 'postgres';
  readonly schema: Schema;
  /** Rows returned by a read are new objects the loader may reuse for its output (else it copies). */
  readonly freshRows: boolean;
  /** Replaces all rows with `data` (creating tables as needed). */
  load(data: Data): void;
  readRoot(read: RootRead, rel: RelatedSource, sink: StatementSink): Promise<Row[]>;
  /**
   * Optional: the same rows, but when they come as one text the layer may return it unbuilt
   * (`DeferredRows`), so a caller can pass the text on before building them.
   */
  readRootDeferred?(read: RootRead, rel: RelatedSource, sink: StatementSink): Promise<Row[] | DeferredRows>;
  /** Related rows per source, aligned with `sources`. */
  readRelated(read: RelatedRead, sources: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<Row[][]>;
  /** A manual relationship's `sqlSubquery` condition (placeholder aliases), so filters through it run in SQL. */
  registerManualSql?(stepKey: string, sql: string): void;

  // --- Writes and aggregates (docs/actions-and-aggregates.md). Optional, additive: a layer without
  // them cannot run actions / load aggregates. Writes take complete rows (every attribute).
  /** Inserts one row (every attribute present). */
  insertRow?(resource: ResourceSchema, row: Row, sink: StatementSink): void;
  /** Sets `values` on the row whose primary key is `key`; returns the number of rows changed. */
  updateRow?(resource: ResourceSchema, key: Row, values: Row, sink: StatementSink): number;
  /** Deletes the row whose primary key is `key`; returns the number of rows deleted. */
  deleteRow?(resource: ResourceSchema, key: Row, sink: StatementSink): number;
  /** Transactions: SQL BEGIN/COMMIT/ROLLBACK on sqlite, snapshot/restore on memory. Not nested. */
  begin?(): void;
  commit?(): void;
  rollback?(): void;
  /** Optional: a layer whose writes are queued (postgres) runs them now; rejects with the first failure. */
  flush?(): Promise<void>;
  /** Aggregate values for the rows whose primary keys are `keys` (aligned: one array of values per key). */
  readAggregates?(read: AggregateRead, keys: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<unknown[][]>;
}

export interface AggregateRead {
  resource: ResourceSchema;
  aggregates: BoundAggregate[];
}

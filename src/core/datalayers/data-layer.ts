import type { BExpr } from '../expr/bound';
import type { RelatedSource } from '../expr/evaluate';
import type { Data } from '../model/types';
import type { Row } from '../query/types';
import type { DeferredRows } from '../query/raw-rows';
import type { ResourceSchema, Schema, Step } from '../schema/schema';
import type { SortKey } from '../engine/sort';
import type { BoundAggregate } from '../aggregates/bind';
import type { CalculationRead } from '../calculations/read';

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
 * The read side of a data layer: what the loader needs. Rows always carry every attribute (the
 * loader projects `select` at the end). Filters are bound expressions; a layer may evaluate them
 * itself (memory) or compile them (sqlite), and either way must give the same answer. Every method
 * is required (a layer that cannot do better answers `readRootDeferred` with plain rows and ignores
 * `registerManualSql`).
 */
export interface DataReader {
  readRoot(read: RootRead, rel: RelatedSource, sink: StatementSink): Promise<Row[]>;
  /**
   * The same rows, but when they come as one text the layer may return it unbuilt
   * (`DeferredRows`), so a caller can pass the text on before building them.
   */
  readRootDeferred(read: RootRead, rel: RelatedSource, sink: StatementSink): Promise<Row[] | DeferredRows>;
  /** Related rows per source, aligned with `sources`. */
  readRelated(read: RelatedRead, sources: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<Row[][]>;
  /** Aggregate values for the rows whose primary keys are `keys` (aligned: one array of values per key). */
  readAggregates(read: AggregateRead, keys: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<unknown[][]>;
  /** Calculation values for the rows whose primary keys are `keys` (docs/model-extensions.md). */
  readCalculations(read: CalculationRead, keys: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<unknown[][]>;
  /**
   * A manual relationship's `sqlSubquery` condition (placeholder aliases), so filters through it run
   * in SQL; a layer without SQL ignores it. Statements running it are limited to `timeoutMs`
   * (the manual code time limit; `timeout` past it).
   */
  registerManualSql(stepKey: string, sql: string, timeoutMs?: number): void;
}

/**
 * The write side (docs/actions-and-aggregates.md). Writes take complete rows (every attribute).
 */
export interface DataWriter {
  /** Replaces all rows with `data` (creating tables as needed). */
  load(data: Data): void;
  /** Inserts one row (every attribute present). */
  insertRow(resource: ResourceSchema, row: Row, sink: StatementSink): void;
  /** Sets `values` on the row whose primary key is `key`; returns the number of rows changed. */
  updateRow(resource: ResourceSchema, key: Row, values: Row, sink: StatementSink): number;
  /** Deletes the row whose primary key is `key`; returns the number of rows deleted. */
  deleteRow(resource: ResourceSchema, key: Row, sink: StatementSink): number;
  /** Transactions: SQL BEGIN/COMMIT/ROLLBACK on sqlite, snapshot/restore on memory. Not nested. */
  begin(): void;
  commit(): void;
  rollback(): void;
  /** Optional: a layer whose writes are queued (postgres: its driver is asynchronous) runs them now; rejects with the first failure. */
  flush?(): Promise<void>;
}

/** A data layer over one schema: both sides, nothing optional. */
export interface DataLayer extends DataReader, DataWriter {
  /** `sqlite`, `memory`, or another layer's name (shown in messages and statement logs). */
  readonly kind: string;
  readonly schema: Schema;
  /** Rows returned by a read are new objects the loader may reuse for its output (else it copies). */
  readonly freshRows: boolean;
}

/**
 * How an engine gets its data layer, the way Kysely takes a dialect: a factory made by the layer's
 * own module (`sqliteLayer(db)`, `memoryLayer()`), called with the compiled schema when the engine
 * is created. The engine never names a layer; a new one (PostgreSQL) is a new factory.
 */
export interface LayerFactory {
  readonly kind: string;
  create(schema: Schema): DataLayer;
}

export interface AggregateRead {
  resource: ResourceSchema;
  aggregates: BoundAggregate[];
}

import type { NRelationship } from '../model/types';
import type { QueryRequest, Row } from '../query/types';
import type { Result } from '../result';
import type { DeferredRows } from '../query/raw-rows';

/**
 * Manual relationships (spec §1 "Manual relationships"): user-written ES modules exporting
 * `load(records, opts, ctx)`. The core never evaluates user code itself: a `ManualRunner` is injected
 * (a Web Worker in the browser, a worker_threads worker in Node) so the code runs sandboxed with a
 * time limit.
 */

/** What the host offers the code through `ctx` (everything goes across the sandbox boundary). */
export interface ManualHost {
  /** `ctx.read(query)`: runs the query through the current data layer. */
  read(query: QueryRequest): Promise<Result<Row[]>>;
  /**
   * Optional: `ctx.read` that may answer with the data layer's unbuilt text (`DeferredRows`); the
   * runner then sends the text on before the rows are built.
   */
  readDeferred?(query: QueryRequest): Promise<Result<Row[] | DeferredRows>>;
  /** `ctx.applyTo(query, records)`: filter → sort → offset → limit in memory (Ash's apply_to). */
  applyTo(query: QueryRequest, records: Row[]): Promise<Result<Row[]>>;
}

export interface ManualCall {
  /** The module source. */
  source: string;
  /** The source records of one load level (all of them: one call per level). */
  records: Row[];
  /** `manual.options` of the relationship. */
  options: Record<string, unknown>;
  /** `ctx.query`: the destination query with relationship and load filter/sort applied. */
  query: QueryRequest;
  relationship: NRelationship;
  /** The source resource name (for messages). */
  resource: string;
  actor: unknown;
  dataLayer: string;
  /** Time limit in ms (default 2000). */
  timeoutMs?: number;
  /**
   * The run's cancellation token, chained to the token of the run whose `ctx.read` caused it. The
   * runner cancels it when the run times out or fails; every run below a cancelled token is
   * cancelled too (queued runs never start, running ones are stopped and their sandbox recycled).
   */
  token?: CancelToken;
}

export interface CancelToken {
  cancelled: boolean;
  readonly parent?: CancelToken;
}

export function isCancelled(token: CancelToken | undefined): boolean {
  for (let t = token; t; t = t.parent) if (t.cancelled) return true;
  return false;
}

/**
 * The raw value `load` returned (after structured clone across the sandbox boundary), or an error:
 * `manual_load_failed` (the code threw; message and line), `timeout` (ran past the limit or never
 * settled). Return-shape checks (`manual_invalid_return`) are done by the loader, not the runner.
 */
export type ManualOutcome = Result<unknown>;

export interface ModuleCheck {
  ok: boolean;
  /** Why the module is not usable: parse error (with line/column), evaluation error, `load` not a function. */
  message?: string;
  line?: number;
  column?: number;
  /**
   * When the module exports `sqlSubquery`, the SQL it returns for the placeholder aliases
   * `SQL_SUBQUERY_PARENT` and `SQL_SUBQUERY_DESTINATION` (the engine substitutes real aliases).
   */
  sqlSubquery?: string;
}

/** Placeholder aliases passed to a manual module's `sqlSubquery` (already quoted, as the spec promises). */
export const SQL_SUBQUERY_PARENT = '"__relata_parent__"';
export const SQL_SUBQUERY_DESTINATION = '"__relata_destination__"';

export interface ManualRunner {
  run(call: ManualCall, host: ManualHost): Promise<ManualOutcome>;
  /** Evaluates the module in the sandbox and checks that `load` is an exported function. */
  check(source: string): Promise<ModuleCheck>;
  /** Frees the sandbox (terminates workers). */
  dispose(): void;
}

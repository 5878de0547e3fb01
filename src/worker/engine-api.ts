import type {
  ActionRequest, Data, DocumentOp, DataWarning, RecordChange, FieldProblem, GenerateProgress, MigrationChange, Model, QueryRequest, RelataError, Result, Row,
  StatementLog, Warning,
} from '../core/index';

/**
 * What the engine worker offers the page (Comlink-exposed). Everything crossing the boundary is
 * plain data (structured-clone safe); expected failures are `Result` values, never exceptions.
 * The same interface is implemented in-process (tests, Node benchmarks) by `createEngineHost`.
 */

export interface ModelStatus {
  /** The model version the worker now serves. */
  version: number;
  /** The engine could not be built (a model with errors): previews answer with this error. */
  error: RelataError | null;
  /** What happened to the rows (renames kept, removals dropped). */
  changes: MigrationChange[];
  counts: Record<string, number>;
  ms: number;
}

/** Rows read or written per load level, from the statement scopes. */
export interface HopSummary {
  /** `root` or the relationship path, e.g. `tickets_above_threshold.comments`. */
  path: string;
  depth: number;
  statements: number;
  rows: number;
  ms: number;
}

/** Which database runs previews and actions: sql.js (the row store itself) or PGlite (its mirror). */
export type EngineKind = 'sqlite' | 'pglite';

export interface EngineChoice {
  engine: EngineKind;
  /** Time to switch (loading PGlite the first time). */
  ms: number;
}

/** Where a preview or action ran: the worker's engines, or a PostgreSQL server through `relata serve`. */
export type RanOn = EngineKind | 'postgres';

export interface PreviewResult {
  /** The database the statements ran on (their SQL is that database's). */
  engine: RanOn;
  records: Row[];
  statements: StatementLog[];
  warnings: Warning[];
  hops: HopSummary[];
  /** Time inside `engine.read` (worker). */
  engineMs: number;
  /** Time in the worker for the whole call (engine plus copying out). */
  workerMs: number;
  /** Model version the result belongs to (the version the worker served when it answered). */
  version: number;
  /** The version the caller asked at; older than `version` when the model moved on meanwhile. */
  requestedVersion?: number;
}

/**
 * The answer to `applyEdits`: applied (with the new status), or `stale` when the worker is not at
 * the edit's base version (then the page sends the whole model with `setModel`).
 */
export type EditOutcome = { kind: 'applied'; status: ModelStatus } | { kind: 'stale'; version: number };

export interface GenerateRequest {
  counts: Record<string, number>;
  seed: number | string;
}

export interface GenerateResult {
  kind: 'done' | 'cancelled';
  rows: number;
  /** Generation, loading into SQLite (ms). */
  generateMs: number;
  loadMs: number;
  counts: Record<string, number>;
}

export interface RowsPage {
  resource: string;
  total: number;
  offset: number;
  rows: Row[];
  /** Per returned row (same order): its problems against the model and the rest of the data. */
  problems: FieldProblem[][];
}

export type RowEdit =
  | { kind: 'update'; resource: string; index: number; row: Row }
  | { kind: 'insert'; resource: string; row: Row }
  | { kind: 'delete'; resource: string; index: number };

export interface RowEditResult {
  /** Problems of the edited row (an update or insert is kept even with problems; the grid shows them). */
  problems: FieldProblem[];
  total: number;
  ms: number;
  /** Data revision: bumped on every data change so previews refetch. */
  dataVersion: number;
}

/** What an action run returns to the page (docs/actions-and-aggregates.md §2). */
export interface ActionRunResult {
  /** The database the action ran on (PGlite's writes are then written back to the row store). */
  engine: RanOn;
  /** The record after the action (the destroyed record for destroy, the record for read). */
  record: Row | null;
  /** Every row written, in order (`before: null` for inserts, `after: null` for deletes). */
  changes: RecordChange[];
  statements: StatementLog[];
  /** Time in the worker for the whole call. */
  workerMs: number;
  /** Data revision after the action (bumped when it wrote rows, so previews refetch). */
  dataVersion: number;
  counts: Record<string, number>;
}

export type ProgressCallback = (p: GenerateProgress) => void;

export interface EngineApi {
  /**
   * Takes a whole model (first load, or versions diverged): rows are kept by resource and attribute
   * name only (a snapshot carries no intent, so nothing is guessed to be a rename).
   */
  setModel(version: number, model: Model): Promise<ModelStatus>;
  /**
   * Applies the document's ops that took it from `baseVersion` to `version`: renames rename,
   * removals remove, storage is migrated exactly and only where it changed.
   */
  applyEdits(baseVersion: number, version: number, ops: DocumentOp[]): Promise<EditOutcome>;
  read(version: number, request: QueryRequest): Promise<Result<PreviewResult>>;
  /**
   * Chooses the database previews and actions run on. `pglite` loads PGlite the first time (lazily);
   * a failure is a coded error and the engine stays where it was. `sqlite` always succeeds.
   */
  setEngine(kind: EngineKind): Promise<Result<EngineChoice>>;
  /** Runs a create/read/update/destroy action against the sample data (one transaction; all or nothing). */
  runAction(request: ActionRequest): Promise<Result<ActionRunResult>>;
  generate(req: GenerateRequest, onProgress?: ProgressCallback): Promise<Result<GenerateResult>>;
  cancelGenerate(): Promise<void>;
  rows(resource: string, offset: number, limit: number): Promise<RowsPage>;
  editRow(edit: RowEdit): Promise<Result<RowEditResult>>;
  checkData(): Promise<DataWarning[]>;
  counts(): Promise<Record<string, number>>;
  dataVersion(): Promise<number>;
  exportData(): Promise<Data>;
  importData(data: Data): Promise<Result<{ counts: Record<string, number>; warnings: DataWarning[]; dataVersion: number }>>;
  exportSqlite(): Promise<Uint8Array>;
  importSqlite(bytes: Uint8Array): Promise<Result<{ counts: Record<string, number>; dataVersion: number }>>;
}

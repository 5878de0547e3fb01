import {
  MODEL_FORMAT, SqliteRowStore, memoryLayer, sqliteLayer, checkData, createEngine, createRowChecker, err, generateData, normalizeModel, ok, planEdits, relataError, sameStorage,
} from '../core/index';
import type {
  ActionRequest, Data, Engine, FieldProblem, ManualRunner, MigrationChange, Model, NormalizedModel, OpStep, QueryRequest, RelataDocument, RelataError,
  Result, Row, SqlDatabase,
} from '../core/index';
import { hopsOf } from './hops';
import { createPgMirror, writeBack } from './pg-mirror';
import type { PgHandle, PgMirror } from './pg-mirror';
import type {
  ActionRunResult, EditOutcome, EngineApi, EngineChoice, EngineKind, GenerateRequest, GenerateResult, ModelStatus, PreviewResult, ProgressCallback, RowEdit,
  RowEditResult, RowsPage,
} from './engine-api';

/**
 * The engine behind the worker. The rows live in ONE place: a sql.js database wrapped by the core's
 * `SqliteRowStore`; the engine reads it attached, and the grid, imports, exports, actions and model
 * edits all go through it. Model edits arrive as the document's ops (`applyEdits`) and migrate the
 * tables in place (renames are renames, nothing is guessed); a whole model (`setModel`) is only
 * needed when the versions diverge. Runs the same in the Web Worker (exposed through Comlink) and
 * in-process (tests, Node benchmarks).
 */

/** The part of sql.js's module the host needs (structural, so Node and browser builds both fit). */
export interface SqlJsLike {
  Database: new (data?: Uint8Array | ArrayLike<number> | null) => SqlDatabase & { export(): Uint8Array; close(): void };
}

export interface EngineHostOptions {
  SQL: SqlJsLike;
  manualRunner?: ManualRunner;
  manualTimeoutMs?: number;
  /**
   * Opens PostgreSQL (PGlite) when it is first chosen (`setEngine('pglite')`); without it only sql.js
   * is offered. The worker imports PGlite here, lazily.
   */
  openPostgres?(): Promise<PgHandle>;
  /** How long PGlite may take to load before the choice fails with `timeout` (default 90 s). */
  openPostgresTimeoutMs?: number;
  /** Yields to the event loop between generation chunks (so a cancel message can arrive). */
  yieldControl?(): Promise<void>;
  now?(): number;
}

type Db = InstanceType<SqlJsLike['Database']>;

const perfNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

const emptyModel = (): Model => ({ format: MODEL_FORMAT, name: 'Untitled', resources: [] });

export function createEngineHost(options: EngineHostOptions): EngineApi & { dispose(): void } {
  const now = options.now ?? perfNow;
  let version = -1;
  let doc: RelataDocument = { model: emptyModel(), layout: { positions: {} } };
  let modelJson = JSON.stringify(doc.model);
  let normalized: NormalizedModel = normalizeModel(doc.model);
  const db: Db = new options.SQL.Database();
  const store = new SqliteRowStore(db, normalized);
  /** Edit steps the tables could not take yet (the model cannot be stored as it is); retried on the next edit. */
  let pending: OpStep[] = [];
  let engine: Engine | null = null;
  let engineError: RelataError | null = relataError('invalid_model', 'no model yet');
  let dataVersion = 0;
  let checker: ((resource: string, row: Row) => FieldProblem[]) | null = null;
  let generating: { aborted: boolean } | null = null;
  let engineKind: EngineKind = 'sqlite';
  let mirror: PgMirror | null = null;
  let opening: Promise<Result<PgMirror>> | null = null;

  const counts = (): Record<string, number> => store.counts();

  /** A new engine over the stored tables (attached: nothing is created or loaded). */
  function attachEngine(): void {
    engine = null;
    if (pending.length > 0) return;
    const created = createEngine({
      model: doc.model,
      layer: sqliteLayer(db, { attach: true }),
      manualRunner: options.manualRunner,
      manualTimeoutMs: options.manualTimeoutMs,
    });
    if (!created.ok) {
      engineError = created.error;
      return;
    }
    engine = created.value;
    engineError = null;
  }

  function dataChanged(): void {
    checker = null;
    dataVersion++;
  }

  /** Brings the tables to the current model along `steps` (plus any left pending). */
  function migrate(steps: OpStep[]): MigrationChange[] {
    pending = [...pending, ...steps];
    const migrated = store.migrate(pending, normalized);
    if (!migrated.ok) {
      engine = null;
      // A model with errors says so (as before); a valid one SQLite cannot store says why.
      const checked = createEngine({ model: doc.model, layer: memoryLayer() });
      engineError = checked.ok ? relataError('invalid_model', `the sample rows cannot take this model yet: ${migrated.error.message}`) : checked.error;
      return [];
    }
    pending = [];
    if (migrated.value.changes.length > 0) dataChanged();
    attachEngine();
    return migrated.value.changes;
  }

  function status(started: number, changes: MigrationChange[]): ModelStatus {
    return { version, error: engineError, changes, counts: counts(), ms: now() - started };
  }

  /** Replaces every row; a refusal leaves the rows as they were and is returned. */
  function replaceData(next: Data): RelataError | null {
    if (pending.length > 0) return engineError;
    const replaced = store.replaceAll(normalized, next);
    if (!replaced.ok) return replaced.error;
    dataChanged();
    attachEngine();
    return null;
  }

  function rowChecker() {
    if (!checker) checker = createRowChecker(normalized, store.data());
    return checker;
  }


  /**
   * An action on PostgreSQL: it runs on the PGlite mirror in its transaction (the SQL shown is what
   * PGlite ran), then its changes are written to the row store through the store's write path. The
   * mirror then already holds the new rows, unless something else changed the store meanwhile.
   */
  function runActionOnPg(pg: PgMirror, request: ActionRequest, started: number): Promise<Result<ActionRunResult>> {
    return pg.run(async (): Promise<Result<ActionRunResult>> => {
      if (!engine) return err(engineError ?? relataError('invalid_model', 'the model is not loaded'));
      const model = modelJson;
      const before = dataVersion;
      const on = await pg.engineFor(doc.model, modelJson, dataVersion, () => store.data());
      if (!on.ok) return on;
      const result = await on.value.runAction(request);
      if (!result.ok) return result;
      const { record, changes, statements } = result.value;
      if (changes.length > 0) {
        const written = writeBack(db, store, changes);
        if (!written.ok) {
          // PGlite has rows the store refused: reload it from the store before the next use.
          pg.invalidate();
          return written;
        }
        const untouched = dataVersion === before && modelJson === model;
        dataChanged();
        if (untouched) pg.markSynced(modelJson, dataVersion);
        else pg.invalidate();
      }
      return ok({ engine: 'pglite', record, changes, statements, workerMs: now() - started, dataVersion, counts: counts() });
    });
  }

  const yieldControl = options.yieldControl ?? (() => new Promise<void>((r) => setTimeout(r, 0)));

  return {
    async setModel(v, next) {
      const started = now();
      const json = JSON.stringify(next);
      if (json === modelJson) {
        version = v;
        if (!engine && pending.length === 0) attachEngine();
        return status(started, []);
      }
      // A snapshot says nothing about intent: rows are kept by name only (no rename is guessed).
      const before = normalized;
      doc = { model: next, layout: { positions: {} } };
      modelJson = json;
      normalized = normalizeModel(next);
      version = v;
      const changes = migrate([{ op: { kind: 'replaceDocument', document: doc }, before, after: normalized, hints: {}, sameStorage: sameStorage(before, normalized) }]);
      return status(started, changes);
    },

    async applyEdits(baseVersion, v, ops): Promise<EditOutcome> {
      const started = now();
      if (baseVersion !== version) return { kind: 'stale', version };
      const planned = planEdits(doc, ops, normalized);
      if (!planned.ok) return { kind: 'stale', version };
      const previousModel = doc.model;
      doc = { model: planned.value.document.model, layout: { positions: {} } };
      const steps = planned.value.steps;
      version = v;
      if (doc.model === previousModel) {
        // Layout-only ops: same model object, nothing to do.
        return { kind: 'applied', status: status(started, []) };
      }
      modelJson = JSON.stringify(doc.model);
      normalized = steps.at(-1)?.after ?? normalized;
      const storage = steps.filter((s) => !s.sameStorage);
      if (storage.length === 0 && pending.length === 0) {
        attachEngine();
        return { kind: 'applied', status: status(started, []) };
      }
      const changes = migrate(storage);
      return { kind: 'applied', status: status(started, changes) };
    },

    async read(v, request: QueryRequest): Promise<Result<PreviewResult>> {
      const started = now();
      if (v > version) {
        return err(relataError('invalid_query', `the engine serves model version ${version}; version ${v} has not reached it yet`));
      }
      if (!engine) return err(engineError ?? relataError('invalid_model', 'the model is not loaded'));
      if (engineKind === 'pglite' && mirror) {
        const pg = mirror;
        return pg.run(async (): Promise<Result<PreviewResult>> => {
          // The model and rows as they are now (edits may have arrived while earlier PGlite calls ran).
          if (!engine) return err(engineError ?? relataError('invalid_model', 'the model is not loaded'));
          const served = version;
          const on = await pg.engineFor(doc.model, modelJson, dataVersion, () => store.data());
          if (!on.ok) return on;
          const result = await on.value.read(request);
          if (!result.ok) return result;
          const { records, statements, warnings, ms } = result.value;
          return ok({ engine: 'pglite', records, statements, warnings, hops: hopsOf(statements), engineMs: ms, workerMs: now() - started, version: served, requestedVersion: v });
        });
      }
      const result = await engine.read(request);
      if (!result.ok) return result;
      const { records, statements, warnings, ms } = result.value;
      // An older version is answered explicitly at the version served (`version` says which).
      return ok({ engine: 'sqlite', records, statements, warnings, hops: hopsOf(statements), engineMs: ms, workerMs: now() - started, version, requestedVersion: v });
    },

    async setEngine(kind: EngineKind): Promise<Result<EngineChoice>> {
      const started = now();
      if (kind === 'sqlite') {
        engineKind = 'sqlite';
        return ok({ engine: 'sqlite', ms: now() - started });
      }
      if (kind !== 'pglite') return err(relataError('invalid_query', `no engine ${String(kind)}: choose sqlite or pglite`));
      const open = options.openPostgres;
      if (!open) return err(relataError('internal_error', 'PostgreSQL (PGlite) is not available in this engine; previews stay on SQLite'));
      const limit = options.openPostgresTimeoutMs ?? 90_000;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A load that never settles (a wasm file answered with an error page) must not leave the choice hanging.
      const timedOut = new Promise<Result<PgMirror>>((resolve) => {
        timer = setTimeout(() => resolve(err(relataError('timeout', `PostgreSQL (PGlite) did not load within ${Math.round(limit / 1000)} s; previews stay on SQLite`))), limit);
      });
      opening ??= open().then(
        (handle): Result<PgMirror> => ok(createPgMirror(handle, { manualRunner: options.manualRunner, manualTimeoutMs: options.manualTimeoutMs })),
        (e: unknown): Result<PgMirror> => err(relataError('internal_error', `PostgreSQL (PGlite) could not be loaded: ${e instanceof Error ? e.message : String(e)}; previews stay on SQLite`)),
      );
      const opened = await Promise.race([opening, timedOut]);
      clearTimeout(timer);
      if (!opened.ok) {
        // The next choice tries again (a network hiccup need not be final).
        opening = null;
        return opened;
      }
      mirror = opened.value;
      engineKind = 'pglite';
      return ok({ engine: 'pglite', ms: now() - started });
    },

    async runAction(request: ActionRequest): Promise<Result<ActionRunResult>> {
      const started = now();
      if (!engine) return err(engineError ?? relataError('invalid_model', 'the model is not loaded'));
      if (engineKind === 'pglite' && mirror) return runActionOnPg(mirror, request, started);
      const result = await engine.runAction(request);
      if (!result.ok) return result;
      const { record, changes, statements } = result.value;
      // The action wrote to the one row store; nothing else to bring along.
      if (changes.length > 0) dataChanged();
      return ok({ engine: 'sqlite', record, changes, statements, workerMs: now() - started, dataVersion, counts: counts() });
    },

    async generate(req: GenerateRequest, onProgress?: ProgressCallback): Promise<Result<GenerateResult>> {
      const signal = { aborted: false };
      if (generating) generating.aborted = true;
      generating = signal;
      const t0 = now();
      let lastReport = 0;
      const outcome = await generateData(normalized, req.counts, {
        seed: req.seed,
        signal,
        yieldControl,
        onProgress: (p) => {
          // Throttled: a callback per chunk is a message per chunk.
          const t = now();
          if (p.done === p.total || t - lastReport > 30) {
            lastReport = t;
            onProgress?.(p);
          }
        },
      });
      if (generating === signal) generating = null;
      const generateMs = now() - t0;
      if (outcome.kind === 'cancelled') return ok({ kind: 'cancelled', rows: outcome.rows, generateMs, loadMs: 0, counts: counts() });
      const t1 = now();
      const error = replaceData(outcome.data);
      if (error) return err(error);
      return ok({ kind: 'done', rows: outcome.rows, generateMs, loadMs: now() - t1, counts: counts() });
    },

    async cancelGenerate() {
      if (generating) generating.aborted = true;
    },

    async rows(resource, offset, limit): Promise<RowsPage> {
      const rows = store.rows(resource, offset, limit);
      const check = rowChecker();
      return { resource, total: store.count(resource), offset, rows, problems: rows.map((r) => check(resource, r)) };
    },

    async editRow(edit: RowEdit): Promise<Result<RowEditResult>> {
      const t0 = now();
      const res = normalized.resources.find((r) => r.name === edit.resource);
      if (!res || pending.length > 0) return err(relataError('not_found', `no resource ${edit.resource} in the stored model`));
      let edited: Row | null = null;
      let written: Result<void>;
      switch (edit.kind) {
        case 'update':
          edited = { ...edit.row };
          written = store.updateAt(edit.resource, edit.index, edited);
          break;
        case 'insert': {
          edited = { ...edit.row };
          const needsMax = res.attributes.some((a) => edited![a.name] === undefined && a.generated === 'increment');
          const list = needsMax ? store.rows(edit.resource) : [];
          for (const a of res.attributes) {
            if (edited[a.name] !== undefined) continue;
            if (a.generated === 'increment') edited[a.name] = list.reduce((m, r) => Math.max(m, typeof r[a.name] === 'number' ? (r[a.name] as number) : 0), 0) + 1;
            else if (a.generated === 'uuid' && typeof crypto !== 'undefined') edited[a.name] = crypto.randomUUID();
            else if (a.generated === 'now') edited[a.name] = new Date().toISOString();
            else if (a.default !== undefined) edited[a.name] = a.default;
            else edited[a.name] = null;
          }
          written = store.insert(edit.resource, edited);
          break;
        }
        case 'delete':
          written = store.deleteAt(edit.resource, edit.index);
          break;
      }
      // A refused write is reported and leaves the rows as they were (the store writes in a savepoint).
      if (!written.ok) return written;
      dataChanged();
      const problems = edited ? rowChecker()(edit.resource, edited) : [];
      return ok({ problems, total: store.count(edit.resource), ms: now() - t0, dataVersion });
    },

    async checkData() {
      return checkData(normalized, store.data());
    },

    async counts() {
      return counts();
    },

    async dataVersion() {
      return dataVersion;
    },

    async exportData() {
      return store.data();
    },

    async importData(next: Data) {
      if (next === null || typeof next !== 'object' || Array.isArray(next) || Object.values(next).some((v) => !Array.isArray(v))) {
        return err(relataError('invalid_query', 'data must be an object of row lists by resource name, e.g. { "Ticket": [ { "id": 1 } ] }'));
      }
      const known = new Set(normalized.resources.map((r) => r.name));
      const unknown = Object.keys(next).filter((k) => !known.has(k));
      if (unknown.length > 0) return err(relataError('invalid_query', `data names resources the model does not have: ${unknown.join(', ')}`));
      const error = replaceData(next);
      if (error) return err(error);
      return ok({ counts: counts(), warnings: checkData(normalized, store.data()), dataVersion });
    },

    async exportSqlite() {
      // `Database.export()` frees prepared statements, so export a copy rather than the live database.
      const copy = new options.SQL.Database();
      try {
        const copied = new SqliteRowStore(copy, normalized).replaceAll(normalized, store.data());
        return copied.ok ? copy.export() : new Uint8Array();
      } finally {
        copy.close();
      }
    },

    async importSqlite(bytes: Uint8Array) {
      let src: Db;
      try {
        src = new options.SQL.Database(bytes);
        src.exec('SELECT name FROM sqlite_master LIMIT 1');
      } catch (e) {
        return err(relataError('invalid_query', `not a SQLite database: ${(e as Error).message}`));
      }
      try {
        const next: Data = {};
        for (const r of normalized.resources) {
          const exists = src.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${r.table.replace(/'/g, "''")}'`);
          if (exists.length === 0) continue;
          const [res] = src.exec(`SELECT * FROM "${r.table.replace(/"/g, '""')}"`);
          if (!res) {
            next[r.name] = [];
            continue;
          }
          const types = new Map(r.attributes.map((a) => [a.name, a.type] as const));
          next[r.name] = res.values.map((values) => {
            const row: Row = {};
            res.columns.forEach((c, i) => {
              if (!types.has(c)) return;
              const v = values[i];
              const t = types.get(c);
              row[c] = t === 'boolean' && v !== null ? v !== 0 : t === 'map' && typeof v === 'string' ? safeJson(v) : v;
            });
            return row;
          });
        }
        const error = replaceData(next);
        if (error) return err(error);
        return ok({ counts: counts(), dataVersion });
      } finally {
        src.close();
      }
    },

    dispose() {
      engine = null;
      void mirror?.dispose();
      mirror = null;
      db.close();
      options.manualRunner?.dispose();
    },
  };
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

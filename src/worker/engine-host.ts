import {
  checkData, createEngine, createRowChecker, err, generateData, migrateData, normalizeModel, ok, relataError,
} from '../core/index';
import type {
  ActionRequest, Data, Engine, FieldProblem, ManualRunner, Model, NormalizedModel, QueryRequest, RecordChange, RelataError, Result, Row,
  SqlDatabase,
} from '../core/index';
import type {
  ActionRunResult, EngineApi, GenerateRequest, GenerateResult, HopSummary, ModelStatus, PreviewResult, ProgressCallback, RowEdit,
  RowEditResult, RowsPage,
} from './engine-api';

/**
 * The engine behind the worker: owns the rows (a JS `Data` object, the source of truth) and a
 * sql.js database the core's sqlite layer reads. Runs the same in the Web Worker (exposed through
 * Comlink) and in-process (tests, Node benchmarks). Model edits migrate the rows and rebuild the
 * database; row edits change `Data` and reload it (a 50k-row reload is ~100 ms; see the report).
 */

/** The part of sql.js's module the host needs (structural, so Node and browser builds both fit). */
export interface SqlJsLike {
  Database: new (data?: Uint8Array | ArrayLike<number> | null) => SqlDatabase & { export(): Uint8Array; close(): void };
}

export interface EngineHostOptions {
  SQL: SqlJsLike;
  manualRunner?: ManualRunner;
  manualTimeoutMs?: number;
  /** Yields to the event loop between generation chunks (so a cancel message can arrive). */
  yieldControl?(): Promise<void>;
  now?(): number;
}

type Db = InstanceType<SqlJsLike['Database']>;

const perfNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function createEngineHost(options: EngineHostOptions): EngineApi & { dispose(): void } {
  const now = options.now ?? perfNow;
  let version = -1;
  let modelJson = '';
  let model: Model | null = null;
  let normalized: NormalizedModel | null = null;
  let data: Data = {};
  let db: Db | null = null;
  let engine: Engine | null = null;
  let engineError: RelataError | null = relataError('invalid_model', 'no model yet');
  let dataVersion = 0;
  let checker: ((resource: string, row: Row) => FieldProblem[]) | null = null;
  let generating: { aborted: boolean } | null = null;

  const counts = (): Record<string, number> =>
    Object.fromEntries((normalized?.resources ?? []).map((r) => [r.name, (data[r.name] ?? []).length]));

  function rebuild(): void {
    engine = null;
    db?.close();
    db = null;
    if (!model) return;
    const fresh = new options.SQL.Database();
    const created = createEngine({
      model,
      dataLayer: { kind: 'sqlite', db: fresh },
      manualRunner: options.manualRunner,
      manualTimeoutMs: options.manualTimeoutMs,
    });
    if (!created.ok) {
      fresh.close();
      engineError = created.error;
      return;
    }
    db = fresh;
    engine = created.value;
    engineError = null;
    reload();
  }

  /** Loads `data` into the database; data the model cannot take is reported on reads. */
  function reload(): void {
    checker = null;
    dataVersion++;
    if (!engine) return;
    const loaded = engine.load(data);
    engineError = loaded.ok ? null : loaded.error;
  }

  /**
   * Makes `next` the data and reloads the database; when the database refuses it, the previous data
   * comes back (so previews keep working) and the refusal is returned.
   */
  function replaceData(next: Data): RelataError | null {
    const previous = data;
    data = next;
    reload();
    if (!engineError || !engine) return null;
    const error = engineError;
    data = previous;
    reload();
    return error;
  }

  function rowChecker() {
    if (!checker && normalized) checker = createRowChecker(normalized, data);
    return checker ?? (() => []);
  }

  /**
   * Applies one row change to the live database (one statement) instead of reloading everything:
   * a 50k-row reload takes about a second in sql.js, a keyed UPDATE well under a millisecond.
   * Returns false when it cannot (no primary key, no database, SQLite refused): the caller reloads.
   */
  function writeRow(resourceName: string, before: Row | null, after: Row | null): boolean {
    const res = normalized?.resources.find((r) => r.name === resourceName);
    if (!db || !engine || !res) return false;
    const pk = res.attributes.filter((a) => a.primaryKey);
    if (pk.length === 0) return false;
    const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
    const value = (row: Row, a: (typeof res.attributes)[number]) => {
      const v = row[a.name] === undefined ? (a.default ?? null) : row[a.name];
      return toSqlValue(a.type === 'boolean' && typeof v === 'number' ? v !== 0 : v);
    };
    try {
      db.run('SAVEPOINT relata_row');
      if (before) db.run(`DELETE FROM ${q(res.table)} WHERE ${pk.map((a) => `${q(a.name)} IS ?`).join(' AND ')}`, pk.map((a) => value(before, a)));
      if (after) {
        db.run(
          `INSERT INTO ${q(res.table)} (${res.attributes.map((a) => q(a.name)).join(', ')}) VALUES (${res.attributes.map(() => '?').join(', ')})`,
          res.attributes.map((a) => value(after, a)),
        );
      }
      db.run('RELEASE relata_row');
    } catch {
      try {
        db.run('ROLLBACK TO relata_row');
        db.run('RELEASE relata_row');
      } catch {
        /* nothing to undo */
      }
      return false;
    }
    checker = null;
    dataVersion++;
    return true;
  }

  function hops(statements: PreviewResult['statements']): HopSummary[] {
    const by = new Map<string, HopSummary>();
    for (const s of statements) {
      const m = /^(.*)@(\d+)$/.exec(s.scope);
      const path = m ? m[1]! : s.scope;
      const depth = m ? Number(m[2]) : 0;
      let h = by.get(path);
      if (!h) by.set(path, (h = { path, depth, statements: 0, rows: 0, ms: 0 }));
      h.statements++;
      h.rows += s.rows;
      h.ms += s.ms;
    }
    return [...by.values()];
  }

  const yieldControl = options.yieldControl ?? (() => new Promise<void>((r) => setTimeout(r, 0)));

  return {
    async setModel(v, next) {
      const started = now();
      const json = JSON.stringify(next);
      if (json === modelJson) {
        version = v;
        return { version, error: engineError, changes: [], counts: counts(), ms: now() - started };
      }
      const nextNormalized = normalizeModel(next);
      const migration = normalized ? migrateData(normalized, nextNormalized, data) : { data, changes: [] };
      data = migration.data;
      model = next;
      modelJson = json;
      normalized = nextNormalized;
      version = v;
      rebuild();
      const status: ModelStatus = { version, error: engineError, changes: migration.changes, counts: counts(), ms: now() - started };
      return status;
    },

    async read(v, request: QueryRequest): Promise<Result<PreviewResult>> {
      const started = now();
      if (!engine) return err(engineError ?? relataError('invalid_model', 'the model is not loaded'));
      const result = await engine.read(request);
      if (!result.ok) return result;
      const { records, statements, warnings, ms } = result.value;
      return ok({ records, statements, warnings, hops: hops(statements), engineMs: ms, workerMs: now() - started, version: v });
    },

    async runAction(request: ActionRequest): Promise<Result<ActionRunResult>> {
      const started = now();
      if (!engine) return err(engineError ?? relataError('invalid_model', 'the model is not loaded'));
      const result = await engine.runAction(request);
      if (!result.ok) return result;
      const { record, changes, statements } = result.value;
      if (changes.length > 0 && normalized) {
        // The database has the rows already; bring `data` (the source of truth) along.
        data = applyRecordChanges(normalized, data, changes);
        checker = null;
        dataVersion++;
      }
      return ok({ record, changes, statements, workerMs: now() - started, dataVersion, counts: counts() });
    },

    async generate(req: GenerateRequest, onProgress?: ProgressCallback): Promise<Result<GenerateResult>> {
      if (!normalized) return err(relataError('invalid_model', 'no model to generate data for'));
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
      data = outcome.data;
      const t1 = now();
      reload();
      return ok({ kind: 'done', rows: outcome.rows, generateMs, loadMs: now() - t1, counts: counts() });
    },

    async cancelGenerate() {
      if (generating) generating.aborted = true;
    },

    async rows(resource, offset, limit): Promise<RowsPage> {
      const all = data[resource] ?? [];
      const rows = all.slice(offset, offset + limit);
      const check = rowChecker();
      return { resource, total: all.length, offset, rows, problems: rows.map((r) => check(resource, r)) };
    },

    async editRow(edit: RowEdit): Promise<Result<RowEditResult>> {
      const t0 = now();
      if (!normalized?.resources.some((r) => r.name === edit.resource)) {
        return err(relataError('not_found', `no resource ${edit.resource} in the model`));
      }
      const list = [...(data[edit.resource] ?? [])];
      let edited: Row | null = null;
      switch (edit.kind) {
        case 'update':
          if (!list[edit.index]) return err(relataError('not_found', `${edit.resource} has no row ${edit.index}`));
          list[edit.index] = edited = { ...edit.row };
          break;
        case 'insert': {
          edited = { ...edit.row };
          const res = normalized.resources.find((r) => r.name === edit.resource)!;
          for (const a of res.attributes) {
            if (edited[a.name] !== undefined) continue;
            if (a.generated === 'increment') edited[a.name] = list.reduce((m, r) => Math.max(m, typeof r[a.name] === 'number' ? (r[a.name] as number) : 0), 0) + 1;
            else if (a.generated === 'uuid' && typeof crypto !== 'undefined') edited[a.name] = crypto.randomUUID();
            else if (a.generated === 'now') edited[a.name] = new Date().toISOString();
            else if (a.default !== undefined) edited[a.name] = a.default;
            else edited[a.name] = null;
          }
          list.push(edited);
          break;
        }
        case 'delete':
          if (!list[edit.index]) return err(relataError('not_found', `${edit.resource} has no row ${edit.index}`));
          list.splice(edit.index, 1);
          break;
      }
      const previous = data;
      const before = edit.kind === 'insert' ? null : (data[edit.resource] ?? [])[edit.index]!;
      data = { ...data, [edit.resource]: list };
      if (!writeRow(edit.resource, before, edit.kind === 'delete' ? null : edited)) {
        const next = data;
        data = previous;
        const error = replaceData(next);
        if (error) return err(error);
      }
      const problems = edited ? rowChecker()(edit.resource, edited) : [];
      return ok({ problems, total: list.length, ms: now() - t0, dataVersion });
    },

    async checkData() {
      return normalized ? checkData(normalized, data) : [];
    },

    async counts() {
      return counts();
    },

    async dataVersion() {
      return dataVersion;
    },

    async exportData() {
      return data;
    },

    async importData(next: Data) {
      if (next === null || typeof next !== 'object' || Array.isArray(next) || Object.values(next).some((v) => !Array.isArray(v))) {
        return err(relataError('invalid_query', 'data must be an object of row lists by resource name, e.g. { "Ticket": [ { "id": 1 } ] }'));
      }
      const known = new Set(normalized?.resources.map((r) => r.name) ?? []);
      const unknown = Object.keys(next).filter((k) => !known.has(k));
      if (unknown.length > 0) return err(relataError('invalid_query', `data names resources the model does not have: ${unknown.join(', ')}`));
      const error = replaceData(next);
      if (error) return err(error);
      return ok({ counts: counts(), warnings: normalized ? checkData(normalized, data) : [], dataVersion });
    },

    async exportSqlite() {
      // `Database.export()` frees prepared statements, so export a copy rather than the live database.
      if (!model) return new Uint8Array();
      const copy = new options.SQL.Database();
      try {
        const created = createEngine({ model, dataLayer: { kind: 'sqlite', db: copy } });
        if (!created.ok) return new Uint8Array();
        created.value.load(data);
        return copy.export();
      } finally {
        copy.close();
      }
    },

    async importSqlite(bytes: Uint8Array) {
      if (!normalized) return err(relataError('invalid_model', 'no model to import data into'));
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
      db?.close();
      db = null;
      engine = null;
      options.manualRunner?.dispose();
    },
  };
}

/**
 * `data` with an action's written rows applied (rows matched by primary key, or by every attribute
 * when the resource has none). Untouched resources keep their row lists.
 */
export function applyRecordChanges(model: NormalizedModel, data: Data, changes: readonly RecordChange[]): Data {
  const next: Data = { ...data };
  const copied = new Set<string>();
  for (const c of changes) {
    const res = model.resources.find((r) => r.name === c.resource);
    if (!res) continue;
    if (!copied.has(c.resource)) {
      next[c.resource] = [...(next[c.resource] ?? [])];
      copied.add(c.resource);
    }
    const rows = next[c.resource]!;
    const keyCols = res.attributes.filter((a) => a.primaryKey).map((a) => a.name);
    const cols = keyCols.length > 0 ? keyCols : res.attributes.map((a) => a.name);
    const same = (row: Row, other: Row) => cols.every((k) => sameValue(row[k], other[k]));
    const at = c.before ? rows.findIndex((r) => same(r, c.before!)) : -1;
    const after = c.after ? Object.fromEntries(res.attributes.map((a) => [a.name, c.after![a.name] ?? null])) : null;
    if (at >= 0) {
      if (after) rows[at] = after;
      else rows.splice(at, 1);
    } else if (after) {
      rows.push(after);
    }
  }
  return next;
}

function sameValue(a: unknown, b: unknown): boolean {
  if ((a ?? null) === (b ?? null)) return true;
  // Keys read back from SQLite may differ in type from the stored value (booleans as 0/1).
  return typeof a === 'boolean' || typeof b === 'boolean' ? Number(a) === Number(b) : false;
}

/** As the sqlite layer stores values: booleans as 0/1, maps as JSON text. */
function toSqlValue(v: unknown): string | number | Uint8Array | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'string' || v instanceof Uint8Array) return v;
  return JSON.stringify(v);
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

import { createEngine, err, ok, relataError } from '../core/index';
import type { Data, Engine, LayerFactory, ManualRunner, Model, NResource, RecordChange, RelataError, Result, Row, SqlDatabase, SqliteRowStore } from '../core/index';
import type { PgDriver } from '../core/datalayers/postgres/driver';
import type { PostgresDataLayer } from '../core/datalayers/postgres/postgres-layer';
import { postgresLayer } from '../core/datalayers/postgres/postgres-layer';
import { toSql } from '../core/datalayers/sqlite/compile-sql';
import { quoteIdent as q } from '../core/datalayers/sqlite/ddl';

/**
 * PostgreSQL (PGlite) beside the row store. The sql.js store stays the one source of truth; PGlite
 * holds a MIRROR of it, reloaded (the postgres layer's `load`: DDL, then one `unnest` insert per
 * table) whenever the model or the data changed since PGlite last read them. Previews run on the
 * mirror; an action runs on PGlite in its transaction and its changes are then written back to the
 * store through the store's own write path (`writeBack`), after which the mirror counts as current.
 * Every PGlite use goes through `run`, one at a time: a reload never happens under a read or inside
 * an action's transaction.
 */

export interface PgHandle {
  driver: PgDriver;
  close(): Promise<void>;
}

export interface PgMirrorOptions {
  manualRunner?: ManualRunner;
  manualTimeoutMs?: number;
}

export interface PgMirror {
  /** Runs `body` with PGlite to itself (calls queue in order). */
  run<T>(body: () => Promise<T>): Promise<T>;
  /** The engine over the mirror of `data()` for `model`; reloads PGlite when `modelJson` or `dataVersion` moved since the last load. */
  engineFor(model: Model, modelJson: string, dataVersion: number, data: () => Data): Promise<Result<Engine>>;
  /** The mirror already holds `dataVersion` (an action wrote the same rows to both). */
  markSynced(modelJson: string, dataVersion: number): void;
  /** The next `engineFor` reloads. */
  invalidate(): void;
  /** How many times the mirror was (re)loaded: tests check it is not reloaded needlessly. */
  readonly loads: number;
  dispose(): Promise<void>;
}

export function createPgMirror(handle: PgHandle, options: PgMirrorOptions = {}): PgMirror {
  let chain: Promise<unknown> = Promise.resolve();
  let engine: Engine | null = null;
  let layer: PostgresDataLayer | null = null;
  let syncedModel: string | null = null;
  let syncedData = -1;
  let loads = 0;

  const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

  return {
    run<T>(body: () => Promise<T>): Promise<T> {
      const p = chain.then(body);
      chain = p.catch(() => undefined);
      return p;
    },

    async engineFor(model, modelJson, dataVersion, data) {
      if (engine && syncedModel === modelJson && syncedData === dataVersion) return ok(engine);
      engine = null;
      syncedModel = null;
      // The layer is created by the engine; keep a handle on it to flush the load and see its errors here.
      const inner = postgresLayer(handle.driver);
      const factory: LayerFactory = { kind: inner.kind, create: (schema) => (layer = inner.create(schema) as PostgresDataLayer) };
      const created = createEngine({ model, layer: factory, manualRunner: options.manualRunner, manualTimeoutMs: options.manualTimeoutMs });
      if (!created.ok) return created;
      try {
        // A fresh schema: tables of an earlier model (renamed or removed since) go too.
        await handle.driver.query('DROP SCHEMA IF EXISTS public CASCADE');
        await handle.driver.query('CREATE SCHEMA public');
        const loaded = created.value.load(data());
        if (!loaded.ok) return loaded;
        await layer!.flush();
      } catch (e) {
        const coded = (e as { error?: RelataError }).error;
        return err(coded ?? relataError('invalid_query', `PostgreSQL (PGlite) could not load the sample rows: ${message(e)}`));
      }
      loads++;
      engine = created.value;
      syncedModel = modelJson;
      syncedData = dataVersion;
      return ok(engine);
    },

    markSynced(modelJson, dataVersion) {
      if (engine && syncedModel === modelJson) syncedData = dataVersion;
    },

    invalidate() {
      engine = null;
      syncedModel = null;
    },

    get loads() {
      return loads;
    },

    async dispose() {
      engine = null;
      await handle.close().catch(() => undefined);
    },
  };
}

/**
 * Writes an action's changes (run on PGlite) to the row store, all or nothing: inserts are inserts,
 * updates and deletes find their row by primary key (every attribute when there is none). A refusal
 * leaves the store as it was and is returned.
 */
export function writeBack(db: SqlDatabase, store: SqliteRowStore, changes: readonly RecordChange[]): Result<void> {
  db.run('SAVEPOINT relata_write_back');
  try {
    for (const c of changes) {
      const res = store.model.resources.find((r) => r.name === c.resource);
      if (!res) throw relataError('not_found', `the action changed ${c.resource}, which the stored model does not have`);
      let written: Result<void>;
      if (!c.before) {
        if (!c.after) continue;
        written = store.insert(c.resource, c.after);
      } else {
        const index = indexOf(db, res, c.before);
        if (index === null) throw relataError('not_found', `the ${c.resource} row the action changed is not in the sample rows`);
        written = c.after ? store.updateAt(c.resource, index, c.after) : store.deleteAt(c.resource, index);
      }
      if (!written.ok) throw written.error;
    }
    db.run('RELEASE relata_write_back');
    return ok(undefined);
  } catch (e) {
    db.run('ROLLBACK TO relata_write_back');
    db.run('RELEASE relata_write_back');
    const coded = e && typeof e === 'object' && 'code' in e && 'message' in e ? (e as RelataError) : null;
    return err(coded ?? relataError('invalid_query', `the action's rows could not be written to the sample rows: ${e instanceof Error ? e.message : String(e)}`));
  }
}

/** The storage-order index (as the grid and `updateAt` count) of the row whose key is `row`'s. */
function indexOf(db: SqlDatabase, res: NResource, row: Row): number | null {
  const keyed = res.attributes.filter((a) => a.primaryKey);
  const cols = (keyed.length > 0 ? keyed : res.attributes).map((a) => a.name);
  const stmt = db.prepare(
    `SELECT (SELECT count(*) FROM ${q(res.table)} AS o WHERE o.rowid < t.rowid) FROM ${q(res.table)} AS t WHERE ${cols.map((c) => `t.${q(c)} IS ?`).join(' AND ')} ORDER BY t.rowid LIMIT 1`,
  );
  try {
    stmt.bind(cols.map((c) => toSql(row[c])));
    if (!stmt.step()) return null;
    const v = stmt.get()[0];
    return typeof v === 'number' ? v : null;
  } finally {
    stmt.free();
  }
}

import type { OpStep } from '../../data/edit-migration';
import { sameStorage as sameStorageAs } from '../../data/edit-migration';
import { migrateData } from '../../data/migrate';
import type { MigrationChange } from '../../data/migrate';
import { prepareData } from '../../engine/prepare-data';
import type { Data, NAttribute, NormalizedModel, NResource } from '../../model/types';
import type { Row } from '../../query/types';
import type { RelataError, Result } from '../../result';
import { err, ok, relataError, RelataFailure } from '../../result';
import { compileSchema } from '../../schema/schema';
import { toSql } from './compile-sql';
import type { SqlDatabase } from './database';
import { quoteIdent as q, sqliteSchemaStatements } from './ddl';

/**
 * The sample rows, kept in the sqlite database and nowhere else: the engine reads these tables
 * (attached), the data grid pages through them, edits, imports and exports go through here, and
 * model edits migrate them in place: a rename is `ALTER TABLE … RENAME`, a description edit touches
 * nothing, and only a table whose columns changed otherwise (added, removed, retyped) is rebuilt.
 * Every write runs in a savepoint: a refused write leaves the rows as they were.
 */
export class SqliteRowStore {
  /** The model the tables are in (may lag the document while edits cannot be stored, see `migrate`). */
  private stored: NormalizedModel;

  constructor(private readonly db: SqlDatabase, model: NormalizedModel) {
    this.stored = model;
    // A 32 MiB page cache, as the sqlite layer sets on a database it owns (it attaches to this one).
    db.run('PRAGMA cache_size = -32768');
  }

  get model(): NormalizedModel {
    return this.stored;
  }

  private resource(name: string): NResource | undefined {
    return this.stored.resources.find((r) => r.name === name);
  }

  /** Runs `body` all or nothing; a failure comes back as a coded error with the rows untouched. */
  private atomically<T>(what: string, body: () => T): Result<T> {
    this.db.run('SAVEPOINT relata_store');
    try {
      const value = body();
      this.db.run('RELEASE relata_store');
      return ok(value);
    } catch (e) {
      this.db.run('ROLLBACK TO relata_store');
      this.db.run('RELEASE relata_store');
      if (e instanceof RelataFailure) return err(e.error);
      return err(relataError('invalid_query', `${what}: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  /** Replaces every row (tables created for `model`, which becomes the stored model). */
  replaceAll(model: NormalizedModel, data: Data): Result<void> {
    const before = this.stored;
    const result = this.atomically('the rows could not be stored', () => {
      const prepared = prepareData(compileSchema(model), data);
      this.dropTables(before);
      this.dropTables(model);
      for (const stmt of sqliteSchemaStatements(model)) this.db.run(stmt);
      for (const [name, rows] of prepared) this.insertRows(model.resources.find((r) => r.name === name)!, rows, name);
    });
    if (result.ok) this.stored = model;
    return result;
  }

  private dropTables(model: NormalizedModel): void {
    for (const r of model.resources) this.db.run(`DROP TABLE IF EXISTS ${q(r.table)}`);
  }

  private insertRows(res: NResource, rows: readonly Row[], label: string): void {
    if (rows.length === 0) return;
    const cols = res.attributes.map((a) => a.name);
    const stmt = this.db.prepare(`INSERT INTO ${q(res.table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    try {
      rows.forEach((row, i) => {
        try {
          stmt.bind(cols.map((c) => toSql(row[c])));
          stmt.step();
          stmt.reset();
        } catch (e) {
          throw new RelataFailure(relataError('invalid_query', `data.${label}[${i}] could not be stored: ${(e as Error).message}`, { path: [label, i] }));
        }
      });
    } finally {
      stmt.free();
    }
  }

  count(resource: string): number {
    const res = this.resource(resource);
    if (!res) return 0;
    const v = this.db.exec(`SELECT count(*) FROM ${q(res.table)}`)[0]?.values[0]?.[0];
    return typeof v === 'number' ? v : 0;
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.stored.resources.map((r) => [r.name, this.count(r.name)]));
  }

  /** Rows of a resource in storage order (rowid), decoded as the model types them. */
  rows(resource: string, offset = 0, limit = -1): Row[] {
    const res = this.resource(resource);
    if (!res) return [];
    return readTable(this.db, res, `ORDER BY rowid LIMIT ${Math.trunc(limit)} OFFSET ${Math.max(0, Math.trunc(offset))}`);
  }

  /** Every row, by resource name (exports, data checks). */
  data(): Data {
    return Object.fromEntries(this.stored.resources.map((r) => [r.name, readTable(this.db, r, 'ORDER BY rowid')]));
  }

  /** The rowid of the `index`-th row in storage order, or null. */
  private rowidAt(res: NResource, index: number): number | null {
    const v = this.db.exec(`SELECT rowid FROM ${q(res.table)} ORDER BY rowid LIMIT 1 OFFSET ${Math.max(0, Math.trunc(index))}`)[0]?.values[0]?.[0];
    return typeof v === 'number' ? v : null;
  }

  /** Replaces the `index`-th row (every attribute written). */
  updateAt(resource: string, index: number, row: Row): Result<void> {
    const res = this.resource(resource);
    if (!res) return err(relataError('not_found', `no resource ${resource} in the model`));
    const rowid = this.rowidAt(res, index);
    if (rowid === null) return err(relataError('not_found', `${resource} has no row ${index}`));
    const cols = res.attributes.map((a) => a.name);
    return this.atomically(`${resource} row ${index} could not be written`, () => {
      this.db.run(`UPDATE ${q(res.table)} SET ${cols.map((c) => `${q(c)} = ?`).join(', ')} WHERE rowid = ?`, [...cols.map((c) => toSql(value(res, row, c))), rowid]);
    });
  }

  insert(resource: string, row: Row): Result<void> {
    const res = this.resource(resource);
    if (!res) return err(relataError('not_found', `no resource ${resource} in the model`));
    return this.atomically(`the ${resource} row could not be inserted`, () => this.insertRows(res, [fill(res, row)], resource));
  }

  deleteAt(resource: string, index: number): Result<void> {
    const res = this.resource(resource);
    if (!res) return err(relataError('not_found', `no resource ${resource} in the model`));
    const rowid = this.rowidAt(res, index);
    if (rowid === null) return err(relataError('not_found', `${resource} has no row ${index}`));
    return this.atomically(`${resource} row ${index} could not be deleted`, () => {
      this.db.run(`DELETE FROM ${q(res.table)} WHERE rowid = ?`, [rowid]);
    });
  }

  /**
   * Carries the rows along edit steps (in order) to `target`. Steps whose storage is the same cost
   * nothing; renames are ALTER TABLE statements; a table whose columns changed is rebuilt from its
   * own rows (migrated exactly as `migrateData` does). All or nothing: on failure (e.g. a model
   * SQLite cannot store, like two attributes with one name) the rows stay as they were and the
   * error is returned; the caller keeps the steps and tries again with the next edit.
   */
  migrate(steps: readonly OpStep[], target: NormalizedModel): Result<{ changes: MigrationChange[]; rebuilt: string[] }> {
    const changes: MigrationChange[] = [];
    const rebuilt: string[] = [];
    const result = this.atomically('the rows could not be migrated', () => {
      let current = this.stored;
      for (const step of steps) {
        if (step.sameStorage && step.before === current) {
          current = step.after;
          continue;
        }
        changes.push(...this.migrateStep(current, step, rebuilt));
        current = step.after;
      }
      if (current !== target && !(sameStorageAs(current, target))) changes.push(...this.migrateStep(current, { before: current, after: target, hints: {} }, rebuilt));
      // Indexes the new model wants (a new belongs_to key, a has_many's destination).
      for (const stmt of sqliteSchemaStatements(target)) if (stmt.startsWith('CREATE INDEX ')) this.db.run(stmt.replace('CREATE INDEX ', 'CREATE INDEX IF NOT EXISTS '));
    });
    if (!result.ok) return result;
    this.stored = target;
    return ok({ changes, rebuilt });
  }

  private migrateStep(current: NormalizedModel, step: Pick<OpStep, 'before' | 'after' | 'hints'>, rebuilt: string[]): MigrationChange[] {
    const to = step.after;
    const resourceMap = new Map<string, string>();
    const hintedRes = step.hints.resources ?? {};
    for (const r of current.resources) {
      const target = hintedRes[r.name] ?? r.name;
      if (to.resources.some((x) => x.name === target)) resourceMap.set(r.name, target);
    }
    const changes: MigrationChange[] = [];
    // Tables out of the way first (a renamed table may take a dropped one's name).
    for (const r of current.resources) {
      if (resourceMap.has(r.name)) continue;
      const n = this.count(r.name);
      if (n > 0) changes.push({ kind: 'dropResource', resource: r.name, rows: n });
      this.db.run(`DROP TABLE IF EXISTS ${q(r.table)}`);
    }
    const moved: Array<{ oldRes: NResource; newRes: NResource; temp: string }> = [];
    for (const oldRes of current.resources) {
      const name = resourceMap.get(oldRes.name);
      const newRes = name === undefined ? undefined : to.resources.find((r) => r.name === name);
      if (!newRes) continue;
      if (newRes.name !== oldRes.name) changes.push({ kind: 'renameResource', from: oldRes.name, to: newRes.name, rows: this.count(oldRes.name) });
      const attrMap = attributeMap(oldRes, newRes, step.hints.attributes ?? {});
      const sameColumns =
        oldRes.attributes.length === newRes.attributes.length &&
        oldRes.attributes.every((a) => {
          const b = newRes.attributes.find((x) => x.name === attrMap.get(a.name));
          return b !== undefined && b.type === a.type && b.primaryKey === a.primaryKey;
        });
      if (sameColumns) {
        const temp = oldRes.table === newRes.table ? oldRes.table : `relata_tmp_${moved.length}_${newRes.table}`;
        if (temp !== oldRes.table) this.db.run(`ALTER TABLE ${q(oldRes.table)} RENAME TO ${q(temp)}`);
        for (const a of oldRes.attributes) {
          const b = attrMap.get(a.name)!;
          if (b === a.name) continue;
          // Via a temporary name: two attributes may swap names in one step.
          this.db.run(`ALTER TABLE ${q(temp)} RENAME COLUMN ${q(a.name)} TO ${q(`relata_tmp_${a.name}`)}`);
        }
        for (const a of oldRes.attributes) {
          const b = attrMap.get(a.name)!;
          if (b === a.name) continue;
          this.db.run(`ALTER TABLE ${q(temp)} RENAME COLUMN ${q(`relata_tmp_${a.name}`)} TO ${q(b)}`);
          changes.push({ kind: 'renameAttribute', resource: newRes.name, from: a.name, to: b });
        }
        moved.push({ oldRes, newRes, temp });
        continue;
      }
      // Columns added, removed or retyped: rebuild this table from its own rows.
      const rows = readTable(this.db, oldRes, 'ORDER BY rowid');
      const single = (m: NormalizedModel, r: NResource): NormalizedModel => ({ ...m, resources: [r] });
      const migrated = migrateData(single(current, oldRes), single(to, newRes), { [oldRes.name]: rows }, { resources: { [oldRes.name]: newRes.name }, attributes: step.hints.attributes ?? {} });
      changes.push(...migrated.changes.filter((c) => c.kind !== 'renameResource'));
      this.db.run(`DROP TABLE ${q(oldRes.table)}`);
      const prepared = prepareData(compileSchema(single(to, newRes)), migrated.data);
      const temp = `relata_tmp_${moved.length}_${newRes.table}`;
      const [create] = sqliteSchemaStatements(single(to, newRes));
      this.db.run(create!.replace(`CREATE TABLE ${q(newRes.table)}`, `CREATE TABLE ${q(temp)}`));
      this.insertRows({ ...newRes, table: temp }, prepared.get(newRes.name) ?? [], newRes.name);
      rebuilt.push(newRes.name);
      moved.push({ oldRes, newRes, temp });
    }
    for (const { newRes, temp } of moved) if (temp !== newRes.table) this.db.run(`ALTER TABLE ${q(temp)} RENAME TO ${q(newRes.table)}`);
    for (const r of to.resources) {
      if ([...resourceMap.values()].includes(r.name)) continue;
      const [create] = sqliteSchemaStatements({ ...to, resources: [r] });
      this.db.run(`DROP TABLE IF EXISTS ${q(r.table)}`);
      this.db.run(create!);
    }
    return changes;
  }
}

function attributeMap(oldRes: NResource, newRes: NResource, hints: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  const taken = new Set<string>();
  for (const [key, target] of Object.entries(hints)) {
    const dot = key.indexOf('.');
    const owner = key.slice(0, dot);
    if ((owner === newRes.name || owner === oldRes.name) && newRes.attributes.some((a) => a.name === target)) {
      map.set(key.slice(dot + 1), target);
      taken.add(target);
    }
  }
  for (const a of oldRes.attributes) if (!map.has(a.name) && !taken.has(a.name) && newRes.attributes.some((b) => b.name === a.name)) map.set(a.name, a.name);
  return map;
}

function value(res: NResource, row: Row, name: string): unknown {
  const v = row[name];
  const a = res.attributes.find((x) => x.name === name);
  return v === undefined ? (a?.default ?? null) : v;
}

/** A new row with every attribute: given values, else default or generated (as the loader does). */
function fill(res: NResource, row: Row): Row {
  const out: Row = { ...row };
  for (const a of res.attributes) if (out[a.name] === undefined && a.default !== undefined) out[a.name] = a.default;
  return out;
}

/** Reads a table's rows with the model's attribute types (booleans from 0/1, maps from JSON). */
export function readTable(db: SqlDatabase, res: NResource, tail: string): Row[] {
  if (res.attributes.length === 0) return [];
  const [result] = db.exec(`SELECT ${res.attributes.map((a) => q(a.name)).join(', ')} FROM ${q(res.table)} ${tail}`);
  if (!result) return [];
  return result.values.map((values) => {
    const row: Row = {};
    res.attributes.forEach((a: NAttribute, i) => {
      row[a.name] = decode(a, values[i] ?? null);
    });
    return row;
  });
}

function decode(a: NAttribute, v: unknown): unknown {
  if (v === null) return null;
  if (a.type === 'boolean') return v !== 0 && v !== '0';
  if (a.type === 'map' && typeof v === 'string') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v;
}

export type { RelataError };

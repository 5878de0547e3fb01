import type { BExpr } from '../../expr/bound';
import { maxParentDepth } from '../../expr/bound';
import type { RelatedSource } from '../../expr/evaluate';
import { matches, prefetch } from '../../expr/evaluate';
import { distinctKeys } from '../key-groups';
import { groupKey } from '../../expr/values';
import type { AttributeType, Data } from '../../model/types';
import type { Row } from '../../query/types';
import { isDeferred, type DeferredRows } from '../../query/raw-rows';
import { RelataFailure, fail } from '../../result';
import type { ResourceSchema, Schema, Step } from '../../schema/schema';
import { hasNoAttributes, keysAreCi, stepFor, windowSort } from '../../schema/schema';
import { prepareData } from '../../engine/prepare-data';
import type { SortKey } from '../../engine/sort';
import { compareRows, resolveSort, withPkTiebreak } from '../../engine/sort';
import { relationshipFilter } from '../../engine/plan';
import type { AggregateRead, DataLayer, LayerFactory, RelatedRead, RootRead, StatementSink, Window } from '../data-layer';
import { aggregatesInJs, aggregatesInSql } from '../../aggregates/read';
import type { CalculationRead } from '../../calculations/read';
import { calculationsInJs, calculationsInSql } from '../../calculations/read';
import { now } from '../../clock';
import { applyWindow } from '../window';
import type { CompileContext, SqlScope } from './compile-sql';
import { NeedsRuntime, SqlCompiler, sortTerm, toSql } from './compile-sql';
import type { SqlDatabase } from './database';
import { freeColumnName, quoteIdent as q, rowidName, sqliteSchemaStatements } from './ddl';
import { StatementRunner } from './rows';
import { TableStats } from './table-stats';
import { DEFAULT_SQL_BUDGET_MS, budgeted, installBudget, withSqlBudget } from './sql-budget';


/**
 * The `sqlite` layer as an engine option: `createEngine({ model, layer: sqliteLayer(db) })`.
 * `attach: true` uses the tables already in `db` as they are (the worker's row store owns them).
 */
export function sqliteLayer(db: SqlDatabase, options: { attach?: boolean } = {}): LayerFactory {
  return { kind: 'sqlite', create: (schema) => createSqliteDataLayer(schema, db, options) };
}

/**
 * The `sqlite` data layer over a sql.js database: one statement per relationship per level
 * (two for many_to_many), keys passed as one JSON parameter (no bound-parameter limit), per-parent
 * windows with ROW_NUMBER(), relationship paths and `exists` compiled to SQL.
 */
export function createSqliteDataLayer(schema: Schema, db: SqlDatabase, options: { attach?: boolean } = {}): DataLayer {
  const runner = new StatementRunner(db);
  const types = new Map<string, Map<string, AttributeType>>();
  for (const r of schema.resources.values()) {
    types.set(r.name, new Map(r.resource.attributes.map((a) => [a.name, a.type] as const)));
  }
  const typesOf = (r: ResourceSchema): Map<string, AttributeType> => types.get(r.name)!;
  let created = options.attach === true;
  const stats = new TableStats(db, schema, options.attach === true, typesOf);
  const manualSql = new Map<string, string>();
  let sqlBudgetMs = DEFAULT_SQL_BUDGET_MS;
  const budgetable = installBudget(db);
  /** A column of the scope's table the budget call can refer to (its value does not matter). */
  const anyColumn = (s: SqlScope): string => `${s.alias}.${q(s.resource.attributeNames[0] ?? rowidName([]))}`;

  const ctx: CompileContext = {
    relFilter: (step) => relationshipFilter(schema, step, []),
    windowSort: (step) => resolveSort(step.to, windowSort(step.rel), step.key),
    joinFilter: (step) => {
      if (!step.join) return null;
      const js = stepFor(schema, step.from, step.join);
      return js ? relationshipFilter(schema, js, []) : null;
    },
    joinSort: (step) => (step.join && step.through ? resolveSort(step.through, windowSort(step.join), step.key) : []),
    manualSql: (step) => manualSql.get(step.key),
    integerColumn: (resource, attr) => stats.integerColumn(resource, attr),
    guardManualSql: budgetable ? (condition, parent, destination) => budgeted(condition, anyColumn(parent), anyColumn(destination)) : undefined,
  };
  /** Every statement runs here: SQLite errors become coded errors, sqlSubquery SQL runs on a budget. */
  const guarded = <T>(sql: string, run: () => T): T => guardedSql(sql, () => withSqlBudget(db, sql, sqlBudgetMs, run));

  function ensureTables(): void {
    if (created) return;
    // The engine owns this database: a 32 MiB page cache (SQLite's default is 2 MiB) keeps the pages
    // of a preview-sized data set in SQLite instead of re-reading them from sql.js's in-memory file
    // system (a call out of wasm and a page copy each); a per-parent top-3 load ran ~30% faster.
    // An attached database keeps its own settings.
    db.run('PRAGMA cache_size = -32768');
    for (const r of schema.resources.values()) db.run(`DROP TABLE IF EXISTS ${q(r.table)}`);
    for (const stmt of sqliteSchemaStatements(schema.model)) db.run(stmt);
    created = true;
  }

  /** `sql` must output the resource's attributes in order, then `extra` columns. */
  function read(sql: string, params: ReturnType<typeof toSql>[], resource: ResourceSchema, sink: StatementSink, extra: string[] = []): Row[] {
    return guarded(sql, () => runner.read(sql, params, extra.length ? [...resource.attributeNames, ...extra] : resource.attributeNames, typesOf(resource), sink));
  }

  async function finishInJs(
    lists: Row[][],
    sources: readonly Row[],
    where: BExpr | null,
    sort: SortKey[],
    window: Window | null,
    to: ResourceSchema,
    rel: RelatedSource,
  ): Promise<Row[][]> {
    if (where) {
      const all = [...new Set(lists.flat())];
      await prefetch(where, [all, sources], rel);
    }
    const cmp = sort.length > 0 ? compareRows(withPkTiebreak(to, sort)) : null;
    return lists.map((list, i) => {
      let out = where ? list.filter((d) => matches(where, [d, sources[i]!], rel)) : list;
      if (cmp) out = [...out].sort(cmp);
      return applyWindow(out, window);
    });
  }

  /** Runs a write statement and logs it; returns the number of rows changed. */
  function exec(sql: string, params: unknown[], sink: StatementSink): number {
    ensureTables();
    const started = now();
    const values = params.map(toSql);
    guarded(sql, () => db.run(sql, values));
    const changed = Number(db.exec('SELECT changes()')[0]?.values[0]?.[0] ?? 0);
    sink.push({ sql, params: values, rows: changed, ms: now() - started, scope: sink.scope });
    return changed;
  }
  const keyWhere = (r: ResourceSchema, key: Row, params: unknown[]): string => {
    const cols = r.pk.length > 0 ? r.pk : r.attributeNames;
    return cols.map((k) => {
      const v = key[k];
      if (v === null || v === undefined) return `${q(k)} IS NULL`;
      params.push(v);
      return `${q(k)} = ?`;
    }).join(' AND ');
  };

  return {
    kind: 'sqlite',
    schema,
    freshRows: true,
    registerManualSql(stepKey: string, sql: string, timeoutMs?: number) {
      manualSql.set(stepKey, sql);
      if (timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0) sqlBudgetMs = timeoutMs;
    },

    insertRow(r: ResourceSchema, row: Row, sink: StatementSink) {
      const cols = r.attributeNames;
      exec(`INSERT INTO ${q(r.table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c] ?? null), sink);
      stats.forget(r.name);
    },
    updateRow(r: ResourceSchema, key: Row, values: Row, sink: StatementSink) {
      const names = Object.keys(values).filter((k) => r.attributes.has(k));
      if (names.length === 0) return 0;
      const params: unknown[] = names.map((k) => values[k] ?? null);
      const where = keyWhere(r, key, params);
      return exec(`UPDATE ${q(r.table)} SET ${names.map((k) => `${q(k)} = ?`).join(', ')} WHERE ${where}`, params, sink);
    },
    deleteRow(r: ResourceSchema, key: Row, sink: StatementSink) {
      const params: unknown[] = [];
      const where = keyWhere(r, key, params);
      return exec(`DELETE FROM ${q(r.table)} WHERE ${where}`, params, sink);
    },
    begin() {
      ensureTables();
      db.run('BEGIN');
    },
    commit() {
      db.run('COMMIT');
    },
    rollback() {
      db.run('ROLLBACK');
      stats.forget();
    },
    async readAggregates(readSpec: AggregateRead, keys: readonly Row[], rel: RelatedSource, sink: StatementSink) {
      ensureTables();
      if (keys.length === 0) return [];
      const run = (sql: string, params: ReturnType<typeof toSql>[], columns: string[], colTypes: Map<string, AttributeType>, s: StatementSink): Row[] =>
        guarded(sql, () => runner.read(sql, params, columns, colTypes, s));
      const inSql = aggregatesInSql(readSpec, keys, ctx, run, sink);
      if (inSql) return inSql;
      // Some aggregate needs JS (a manual relationship without sqlSubquery): fetch the owners, evaluate.
      const r = readSpec.resource;
      const all = read(`SELECT ${cols(r, 't')} FROM ${q(r.table)} AS t`, [], r, sink);
      const owners = keys.map((k) => all.find((row) => (r.pk.length > 0 ? r.pk : r.attributeNames).every((a) => groupKey(row[a], false) === groupKey(k[a], false))) ?? null);
      return aggregatesInJs(readSpec, owners, rel);
    },
    async readCalculations(readSpec: CalculationRead, keys: readonly Row[], rel: RelatedSource, sink: StatementSink) {
      ensureTables();
      if (keys.length === 0) return [];
      const run = (sql: string, params: ReturnType<typeof toSql>[], columns: string[], colTypes: Map<string, AttributeType>, s: StatementSink): Row[] =>
        guarded(sql, () => runner.read(sql, params, columns, colTypes, s));
      const inSql = calculationsInSql(readSpec, keys, ctx, run, sink);
      if (inSql) return inSql;
      // Some calculation needs JS (a manual relationship without sqlSubquery): fetch the owners, evaluate.
      const r = readSpec.resource;
      const all = read(`SELECT ${cols(r, 't')} FROM ${q(r.table)} AS t`, [], r, sink);
      const owners = keys.map((k) => all.find((row) => (r.pk.length > 0 ? r.pk : r.attributeNames).every((a) => groupKey(row[a], false) === groupKey(k[a], false))) ?? null);
      return calculationsInJs(readSpec, owners, rel);
    },

    load(data: Data) {
      const prepared = prepareData(schema, data);
      runner.clear();
      stats.forget();
      created = false;
      ensureTables();
      db.run('BEGIN');
      try {
        for (const [name, rows] of prepared) {
          const r = schema.resources.get(name)!;
          if (rows.length === 0) continue;
          const cols = r.attributeNames;
          const stmt = db.prepare(`INSERT INTO ${q(r.table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
          try {
            rows.forEach((row, i) => {
              try {
                stmt.bind(cols.map((c) => toSql(row[c])));
                stmt.step();
                stmt.reset();
              } catch (e) {
                fail('invalid_query', `data.${name}[${i}] could not be stored: ${(e as Error).message}`, { path: [name, i] });
              }
            });
          } finally {
            stmt.free();
          }
        }
        db.run('COMMIT');
      } catch (e) {
        db.run('ROLLBACK');
        throw e;
      }
    },

    async readRoot(readSpec: RootRead, rel: RelatedSource, sink: StatementSink): Promise<Row[]> {
      const got = await readRootRows(readSpec, rel, sink, false);
      return isDeferred(got) ? got.rows() : got;
    },

    readRootDeferred(readSpec: RootRead, rel: RelatedSource, sink: StatementSink): Promise<Row[] | DeferredRows> {
      return readRootRows(readSpec, rel, sink, true);
    },

    async readRelated(spec: RelatedRead, sources: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<Row[][]> {
      ensureTables();
      if (spec.step.rel.kind === 'many_to_many') return manyToMany(spec, sources, rel, sink);
      const perParent = hasNoAttributes(spec.step.rel) || (spec.where !== null && maxParentDepth(spec.where) > 0);
      return perParent ? readPerParent(spec, sources, rel, sink) : readKeyed(spec, sources, rel, sink);
    },
  };

  /** The root rows of a read; with `defer`, as JSON text plus a builder when the rows are plain. */
  async function readRootRows(readSpec: RootRead, rel: RelatedSource, sink: StatementSink, defer: boolean): Promise<Row[] | DeferredRows> {
    ensureTables();
    const { resource } = readSpec;
    const c = new SqlCompiler(ctx);
    const alias = c.alias('d');
    let where = '1';
    try {
      if (readSpec.where) where = c.filter(readSpec.where, [{ alias, resource }], { hoist: true });
    } catch (e) {
      if (!(e instanceof NeedsRuntime)) throw e;
      const all = read(`SELECT ${cols(resource, 't')} FROM ${q(resource.table)} AS t`, [], resource, sink);
      const [kept] = await finishInJs([all], [{}], readSpec.where, readSpec.sort, readSpec.window, resource, rel);
      return kept!;
    }
    const sort = readSpec.sort.length > 0 ? withPkTiebreak(resource, readSpec.sort) : [];
    const scan = readSpec.where !== null && stats.coversMostOfTable(resource, readSpec.where) ? ' NOT INDEXED' : '';
    let sql = `SELECT ${cols(resource, alias)} FROM ${q(resource.table)} AS ${alias}${scan} ${c.hoisted.join(' ')} WHERE ${where} ${c.orderBy(sort, alias)}`;
    if (readSpec.window.limit !== undefined || readSpec.window.offset > 0) {
      sql += ` LIMIT ${c.param(readSpec.window.limit ?? -1)} OFFSET ${c.param(readSpec.window.offset)}`;
    }
    if (!defer) return read(sql, c.params, resource, sink);
    return guarded(sql, () => runner.readDeferred(sql, c.params, resource.attributeNames, typesOf(resource), sink));
  }

  /** Destination rows whose key is among the sources' keys; shared by every source with that key. */
  async function readKeyed(spec: RelatedRead, sources: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<Row[][]> {
    const { step } = spec;
    const r = step.rel;
    const ci = keysAreCi(step.from, r.sourceAttribute, step.to, r.destinationAttribute);
    const keys = distinctKeys(sources.map((s) => s[r.sourceAttribute]), ci, true);
    if (keys.length === 0) return sources.map(() => []);
    let rows: Row[] | null = null;
    let runtimeWhere: BExpr | null = null;
    if (spec.window && spec.window.limit !== undefined) {
      // A few rows per key: walk the distinct keys and take each one's window with a correlated
      // LIMIT subquery (index on the key, sort per key) instead of numbering every candidate row.
      try {
        rows = readLateral(spec, keys, ci, sink);
      } catch (e) {
        if (!(e instanceof NeedsRuntime)) throw e;
        runtimeWhere = spec.where;
      }
    }
    if (rows === null) {
      const c = new SqlCompiler(ctx);
      const d = c.alias('d');
      const keyCol = `${d}.${q(r.destinationAttribute)}`;
      const keyIn = stats.keyCondition(c, keyCol, step.from, step.to, r.destinationAttribute, keys, ci);
      let where: string | null = null;
      if (runtimeWhere === null) {
        try {
          where = spec.where ? c.filter(spec.where, [{ alias: d, resource: step.to }], { hoist: !spec.window }) : null;
        } catch (e) {
          if (!(e instanceof NeedsRuntime)) throw e;
          runtimeWhere = spec.where;
        }
      }
      const cond = where ? `${keyIn} AND ${where}` : keyIn;
      if (runtimeWhere === null && spec.window) {
        const order = spec.sort.map((k) => sortTerm(k, d)).join(', ');
        const partition = ci ? `lower(${keyCol})` : keyCol;
        // The row number's name cannot be shadowed by an attribute of the same name.
        const rn = q(freeColumnName(step.to.attributeNames, '__rn'));
        const inner = `SELECT ${positional(step.to, d)}, ROW_NUMBER() OVER (PARTITION BY ${partition}${order ? ` ORDER BY ${order}` : ''}) AS ${rn} FROM ${q(step.to.table)} AS ${d} WHERE ${cond}`;
        const lower = c.param(spec.window.offset);
        const upper = spec.window.limit === undefined ? '' : ` AND ${rn} <= ${c.param(spec.window.offset + spec.window.limit)}`;
        rows = read(`SELECT ${positionalNames(step.to)} FROM (${inner}) WHERE ${rn} > ${lower}${upper} ORDER BY ${rn}`, c.params, step.to, sink);
      } else {
        const order = runtimeWhere === null ? c.orderBy(spec.sort, d) : '';
        rows = read(`SELECT ${cols(step.to, d)} FROM ${q(step.to.table)} AS ${d} ${c.hoisted.join(' ')} WHERE ${cond} ${order}`, c.params, step.to, sink);
      }
    }
    const groups = new Map<unknown, Row[]>();
    for (const row of rows) {
      const k = groupKey(row[r.destinationAttribute], ci);
      const g = groups.get(k);
      if (g) g.push(row);
      else groups.set(k, [row]);
    }
    const lists = sources.map((s) => {
      const v = s[r.sourceAttribute];
      return v === null || v === undefined ? [] : groups.get(groupKey(v, ci)) ?? [];
    });
    if (runtimeWhere === null) return lists;
    return finishInJs(lists, sources, runtimeWhere, spec.sort, spec.window, step.to, rel);
  }

  /** Per key, its window of destination rows: one statement with a correlated LIMIT subquery per distinct key. */
  function readLateral(spec: RelatedRead, keys: unknown[], ci: boolean, sink: StatementSink): Row[] {
    const { step } = spec;
    const r = step.rel;
    const window = spec.window!;
    const c = new SqlCompiler(ctx);
    const k = c.alias('k');
    const d = c.alias('d');
    const x = c.alias('x');
    const keyList = `(SELECT DISTINCT value AS "__k" FROM json_each(${c.param(JSON.stringify(keys))}))`;
    const xKey = ci ? `lower(${x}.${q(r.destinationAttribute)})` : `${x}.${q(r.destinationAttribute)}`;
    const conds = [`${xKey} = ${k}."__k"`];
    if (spec.where) conds.push(c.filter(spec.where, [{ alias: x, resource: step.to }]));
    const order = c.orderBy(spec.sort, x);
    const limit = c.param(window.limit ?? -1);
    const offset = c.param(window.offset);
    const rowid = rowidName(step.to.attributeNames);
    const sql =
      `SELECT ${cols(step.to, d)} FROM ${keyList} AS ${k} JOIN ${q(step.to.table)} AS ${d} ON ${d}.${rowid} IN ` +
      `(SELECT ${x}.${rowid} FROM ${q(step.to.table)} AS ${x} WHERE ${conds.join(' AND ')} ${order} LIMIT ${limit} OFFSET ${offset}) ` +
      c.orderBy(spec.sort, d);
    return read(sql, c.params, step.to, sink);
  }

  /** One statement joining the parent rows (by primary key) to the destination: for parent(...) filters and noAttributes. */
  async function readPerParent(spec: RelatedRead, sources: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<Row[][]> {
    const { step } = spec;
    const r = step.rel;
    const pk = step.from.pk;
    const c = new SqlCompiler(ctx);
    const p = c.alias('p');
    const d = c.alias('d');
    const scopes: SqlScope[] = [{ alias: d, resource: step.to }, { alias: p, resource: step.from }];
    const conds: string[] = [];
    if (!hasNoAttributes(r)) {
      conds.push(c.keyEq(`${d}.${q(r.destinationAttribute)}`, `${p}.${q(r.sourceAttribute)}`, keysAreCi(step.from, r.sourceAttribute, step.to, r.destinationAttribute)));
    }
    let runtime = pk.length !== 1;
    if (!runtime && spec.where) {
      try {
        conds.push(c.filter(spec.where, scopes));
      } catch (e) {
        if (!(e instanceof NeedsRuntime)) throw e;
        runtime = true;
      }
    }
    if (runtime) {
      // Evaluate in JS: candidates by key (or every destination row), then filter per parent.
      let lists: Row[][];
      if (hasNoAttributes(r)) {
        const all = read(`SELECT ${cols(step.to, 't')} FROM ${q(step.to.table)} AS t`, [], step.to, sink);
        lists = sources.map(() => all);
      } else {
        lists = await readKeyed({ ...spec, where: null, window: null, sort: [] }, sources, rel, sink);
      }
      return finishInJs(lists, sources, spec.where, spec.sort, spec.window, step.to, rel);
    }
    const pkCol = `${p}.${q(pk[0]!)}`;
    const pks = distinctKeys(sources.map((s) => s[pk[0]!]), false, true);
    if (pks.length === 0) return sources.map(() => []);
    const on = conds.length > 0 ? conds.join(' AND ') : '1';
    const base = `FROM ${q(step.from.table)} AS ${p} JOIN ${q(step.to.table)} AS ${d} ON ${on} WHERE ${stats.keysIn(c, pkCol, step.from, pk[0]!, pks, false)}`;
    let rows: Row[];
    // Internal columns named so that no attribute (compared ignoring case, as SQLite does) shadows them.
    const parentKey = freeColumnName(step.to.attributeNames, '__relata_parent');
    const pq = q(parentKey);
    if (spec.window) {
      const rn = q(freeColumnName([...step.to.attributeNames, parentKey], '__rn'));
      const order = spec.sort.map((k) => sortTerm(k, d)).join(', ');
      const inner = `SELECT ${positional(step.to, d)}, ${pkCol} AS ${pq}, ROW_NUMBER() OVER (PARTITION BY ${pkCol}${order ? ` ORDER BY ${order}` : ''}) AS ${rn} ${base}`;
      const lower = c.param(spec.window.offset);
      const upper = spec.window.limit === undefined ? '' : ` AND ${rn} <= ${c.param(spec.window.offset + spec.window.limit)}`;
      rows = read(`SELECT ${positionalNames(step.to)}, ${pq} FROM (${inner}) WHERE ${rn} > ${lower}${upper} ORDER BY ${rn}`, c.params, step.to, sink, [parentKey]);
    } else {
      rows = read(`SELECT ${cols(step.to, d)}, ${pkCol} AS ${pq} ${base} ${c.orderBy(spec.sort, d)}`, c.params, step.to, sink, [parentKey]);
    }
    const groups = new Map<unknown, Row[]>();
    for (const row of rows) {
      const k = groupKey(row[parentKey], false);
      delete row[parentKey];
      const g = groups.get(k);
      if (g) g.push(row);
      else groups.set(k, [row]);
    }
    return sources.map((s) => groups.get(groupKey(s[pk[0]!], false)) ?? []);
  }

  /** Two statements: the join rows (windowed per source by the join relationship), then the destinations. */
  /**
   * many_to_many, first statement: the join rows' (source key, destination key) pairs as plain value
   * lists, grouped per source; no row objects are made for join rows, which the result never shows.
   * Null when the join filter needs JavaScript (then the caller reads whole join rows).
   */
  function joinKeys(
    joinStep: Step,
    where: BExpr | null,
    sort: SortKey[],
    joinAttr: string,
    sources: readonly Row[],
    sink: StatementSink,
  ): unknown[][] | null {
    const r = joinStep.rel;
    const through = joinStep.to;
    // Values as SQLite stores them: fine for grouping and matching keys (booleans group as 1/0 either
    // way), except map attributes, whose text would not compare like the decoded values.
    const types = typesOf(through);
    if (types.get(joinAttr) === 'map' || types.get(r.destinationAttribute) === 'map') return null;
    const ci = keysAreCi(joinStep.from, r.sourceAttribute, through, r.destinationAttribute);
    const keys = distinctKeys(sources.map((s) => s[r.sourceAttribute]), ci, true);
    if (keys.length === 0) return sources.map(() => []);
    const c = new SqlCompiler(ctx);
    const d = c.alias('d');
    const keyCol = `${d}.${q(r.destinationAttribute)}`;
    let cond = stats.keyCondition(c, keyCol, joinStep.from, through, r.destinationAttribute, keys, ci);
    try {
      if (where) cond += ` AND ${c.filter(where, [{ alias: d, resource: through }], { hoist: true })}`;
    } catch (e) {
      if (e instanceof NeedsRuntime) return null;
      throw e;
    }
    const sql = `SELECT ${keyCol}, ${d}.${q(joinAttr)} FROM ${q(through.table)} AS ${d} ${c.hoisted.join(' ')} WHERE ${cond} ${c.orderBy(sort, d)}`;
    const pairs = guarded(sql, () => runner.readValues(sql, c.params, [r.destinationAttribute, joinAttr], sink));
    const groups = new Map<unknown, unknown[]>();
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i]!;
      const k = groupKey(pair[0], ci);
      const g = groups.get(k);
      if (g) g.push(pair[1]);
      else groups.set(k, [pair[1]]);
    }
    return sources.map((s) => {
      const v = s[r.sourceAttribute];
      return v === null || v === undefined ? [] : groups.get(groupKey(v, ci)) ?? [];
    });
  }

  async function manyToMany(spec: RelatedRead, sources: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<Row[][]> {
    const { step } = spec;
    const m2m = step.rel;
    if (m2m.kind !== 'many_to_many' || !step.through || !step.join) return sources.map(() => []);
    const through = step.through;
    const join = step.join;
    const joinStep = stepFor(schema, step.from, join);
    if (!joinStep) return sources.map(() => []);
    const joinWindow: Window | null = join.limit !== undefined ? { offset: 0, limit: join.limit } : null;
    const joinAttr = m2m.destinationAttributeOnJoinResource;
    // Per source, the destination keys of its join rows, in join order.
    let keyLists = joinWindow === null && !(spec.joinWhere && maxParentDepth(spec.joinWhere) > 0)
      ? joinKeys(joinStep, spec.joinWhere ?? null, spec.joinSort ?? [], joinAttr, sources, sink)
      : null;
    if (keyLists === null) {
      const joinLists = await (spec.joinWhere && maxParentDepth(spec.joinWhere) > 0 ? readPerParent : readKeyed)(
        { step: joinStep, where: spec.joinWhere ?? null, sort: spec.joinSort ?? [], window: joinWindow, mode: 'load' },
        sources,
        rel,
        sink,
      );
      keyLists = joinLists.map((joins) => joins.map((j) => j[joinAttr]));
    }
    const ciDest = keysAreCi(through, joinAttr, step.to, m2m.destinationAttribute);
    const destKeys: unknown[] = [];
    for (const list of keyLists) for (let i = 0; i < list.length; i++) destKeys.push(list[i]);
    const keys = distinctKeys(destKeys, ciDest, true);
    if (keys.length === 0) return sources.map(() => []);
    const c = new SqlCompiler(ctx);
    const d = c.alias('d');
    const keyCol = `${d}.${q(m2m.destinationAttribute)}`;
    const keyExpr = ciDest ? `lower(${keyCol})` : keyCol;
    let cond = stats.keysIn(c, keyExpr, step.to, m2m.destinationAttribute, keys, ciDest);
    let runtimeWhere: BExpr | null = null;
    if (spec.where) {
      if (maxParentDepth(spec.where) > 0) runtimeWhere = spec.where;
      else {
        try {
          cond += ` AND ${c.filter(spec.where, [{ alias: d, resource: step.to }])}`;
        } catch (e) {
          if (!(e instanceof NeedsRuntime)) throw e;
          runtimeWhere = spec.where;
        }
      }
    }
    const rows = read(`SELECT ${cols(step.to, d)} FROM ${q(step.to.table)} AS ${d} WHERE ${cond} ${runtimeWhere ? '' : c.orderBy(spec.sort, d)}`, c.params, step.to, sink);
    const sorted = spec.sort.length > 0;
    const position = new Map<Row, number>();
    const byKey = new Map<unknown, Row[]>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (sorted) position.set(row, i);
      const k = groupKey(row[m2m.destinationAttribute], ciDest);
      const g = byKey.get(k);
      if (g) g.push(row);
      else byKey.set(k, [row]);
    }
    const lists = keyLists.map((joinKeyList) => {
      const out: Row[] = [];
      for (const v of joinKeyList) {
        if (v === null || v === undefined) continue;
        for (const row of byKey.get(groupKey(v, ciDest)) ?? []) out.push(row);
      }
      return out;
    });
    if (runtimeWhere) return finishInJs(lists, sources, runtimeWhere, spec.sort, spec.window, step.to, rel);
    return lists.map((list) => {
      const ordered = sorted ? [...list].sort((a, b) => position.get(a)! - position.get(b)!) : list;
      return applyWindow(ordered, spec.window);
    });
  }
}

/** Runs a statement; SQLite's refusal becomes `invalid_query` naming the statement, never a throw. */
function guardedSql<T>(sql: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RelataFailure) throw e;
    return fail('invalid_query', `SQLite rejected a statement: ${(e as Error).message}`, { details: { sql } });
  }
}

/** The resource's attributes as a select list (`alias."a", alias."b"`), or bare names without an alias. */
function cols(resource: ResourceSchema, alias?: string): string {
  return resource.attributeNames.map((a) => (alias ? `${alias}.${q(a)}` : q(a))).join(', ');
}

/**
 * The columns of a subquery that an outer query reads again, named by position: SQLite does not name
 * a subquery's column `true` or `false` after the attribute (it reads back as the string literal).
 */
function positional(resource: ResourceSchema, alias: string): string {
  return resource.attributeNames.map((a, i) => `${alias}.${q(a)} AS "__c${i}"`).join(', ');
}

function positionalNames(resource: ResourceSchema): string {
  return resource.attributeNames.map((_, i) => `"__c${i}"`).join(', ');
}



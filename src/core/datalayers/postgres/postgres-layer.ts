import { calculationsInJs } from '../../calculations/read';
import type { BExpr } from '../../expr/bound';
import { maxParentDepth } from '../../expr/bound';
import type { RelatedSource } from '../../expr/evaluate';
import { matches, prefetch } from '../../expr/evaluate';
import { groupKey } from '../../expr/values';
import type { AttributeType, Data } from '../../model/types';
import type { Row } from '../../query/types';
import { fail, RelataFailure } from '../../result';
import type { ResourceSchema, Schema } from '../../schema/schema';
import { hasNoAttributes, keysAreCi, stepFor, windowSort } from '../../schema/schema';
import type { Step } from '../../schema/schema';
import { prepareData } from '../../engine/prepare-data';
import type { SortKey } from '../../engine/sort';
import { compareRows, resolveSort, withPkTiebreak } from '../../engine/sort';
import { relationshipFilter } from '../../engine/plan';
import type { CalculationRead } from '../../calculations/read';
import type { AggregateRead, DataLayer, LayerFactory, RelatedRead, RootRead, StatementSink, Window } from '../data-layer';
import { aggregatesInJs } from '../../aggregates/read';
import { now } from '../../clock';
import { applyWindow } from '../memory/memory-layer';
import type { CompileContext, SqlScope } from '../sqlite/compile-sql';
import { NeedsRuntime, sortTerm } from '../sqlite/compile-sql';
import { quoteIdent as q } from '../sqlite/ddl';
import { PgCompiler, pgValue } from './compile';
import { PgRowReader } from './rows';
import { KeyGroups, distinctKeys } from '../key-groups';
import type { DeferredRows } from '../../query/raw-rows';
import { postgresArrayType, postgresSchemaStatements } from './ddl';
import type { PgDriver } from './driver';
import { DEFAULT_SQL_BUDGET_MS, budgeted, budgetedQuery, guardCondition } from './sql-budget';

const PARENT_KEY = '__relata_parent';

interface PendingWrite {
  sql: string;
  /** Parameters as sent (already converted). */
  params: unknown[];
  sink: StatementSink | null;
}

/** A postgres layer also exposes `flush()`: writes are queued (the engine's write calls are synchronous) and run in order before the next read. */
export interface PostgresDataLayer extends DataLayer {
  /** Runs every queued write (and BEGIN/COMMIT/ROLLBACK); rejects with the first failure (the rest are dropped, an open transaction rolled back). */
  flush(): Promise<void>;
}

export interface PostgresLayerOptions {
  /** Read the existing tables as they are: no DDL, and `load` is refused. */
  attach?: boolean;
  /** Refuse writes (actions, load): previews of a user's own database. */
  readOnly?: boolean;
  /**
   * How per-parent windows (a relationship's limit/offset per source row) are compiled: `row_number`
   * (`ROW_NUMBER() OVER (PARTITION BY key …)` over every related row, then `__rn` bounds) or `lateral`
   * (`unnest(keys) CROSS JOIN LATERAL (… ORDER BY … LIMIT … OFFSET …)`: an index probe per key). The
   * benchmark (`--window-variants`) measures both; the default is the faster there: `lateral` on
   * PGlite, `row_number` on a real server (DEFAULT_WINDOW_MODE).
   */
  windowMode?: PgWindowMode;
  /** Reads return their rows as one JSON text value (compile.ts `jsonRowsSql`); default: on PGlite only, where it is 3–5× faster. */
  jsonRows?: boolean;
}

export type PgWindowMode = 'lateral' | 'row_number';
/**
 * The faster per-parent window by server, measured at the benchmark's data (scale 1, W4: 1,000
 * parents × 3 of ~50 tickets each): PGlite lateral 45 ms vs row_number 55 ms; PostgreSQL 15
 * row_number 75 ms vs lateral 96 ms (docs/postgres-layer.md).
 */
export const DEFAULT_WINDOW_MODE: Record<PgDriver['flavor'], PgWindowMode> = { pglite: 'lateral', postgres: 'row_number' };

/** The engine's factory for the postgres layer: `createEngine({ model, layer: postgresLayer(driver) })`. */
export function postgresLayer(driver: PgDriver, options: PostgresLayerOptions = {}): LayerFactory {
  return { kind: 'postgres', create: (schema) => createPostgresDataLayer(schema, driver, options) };
}

/**
 * The `postgres` data layer over a `PgDriver` (PGlite or node-postgres): the sqlite layer's plan —
 * one statement per relationship per level (two for many_to_many), filters, paths and `exists`
 * compiled by the same compiler with PostgreSQL's spelling (./compile.ts), key lists as one array
 * parameter (`= ANY($1::bigint[])`), per-parent windows with `ROW_NUMBER()`. Writes and `load` are
 * queued and run, in order, before the next read (or on `flush()`), inside BEGIN/COMMIT when the
 * engine opened a transaction. With `attach`, the layer reads the tables as they are (no DDL, and
 * `load` is refused).
 */
export function createPostgresDataLayer(schema: Schema, driver: PgDriver, options: PostgresLayerOptions = {}): PostgresDataLayer {
  const types = new Map<string, Map<string, AttributeType>>();
  for (const r of schema.resources.values()) {
    types.set(r.name, new Map(r.resource.attributes.map((a) => [a.name, a.type] as const)));
  }
  const typesOf = (r: ResourceSchema): Map<string, AttributeType> => types.get(r.name)!;
  const manualSql = new Map<string, string>();
  const lateralWindows = (options.windowMode ?? DEFAULT_WINDOW_MODE[driver.flavor]) === 'lateral';
  const jsonRows = options.jsonRows ?? driver.flavor === 'pglite';
  let pending: PendingWrite[] = [];
  let chain: Promise<void> = Promise.resolve();
  let inTransaction = false;

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
    guardManualSql: (condition, parent, destination) => guardCondition(driver.flavor, condition, parent, destination),
  };
  let sqlBudgetMs = DEFAULT_SQL_BUDGET_MS;

  async function runQueued(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      for (let i = 0; i < batch.length; i++) {
        const w = batch[i]!;
        const started = now();
        try {
          if (w.sql === 'BEGIN') inTransaction = true;
          await driver.query(w.sql, w.params);
          if (w.sql === 'COMMIT' || w.sql === 'ROLLBACK') inTransaction = false;
        } catch (e) {
          pending = [];
          if (inTransaction) {
            inTransaction = false;
            await driver.query('ROLLBACK').catch(() => undefined);
          }
          if (e instanceof RelataFailure) throw e;
          fail('invalid_query', `PostgreSQL rejected a statement: ${(e as Error).message}`, { details: { sql: w.sql } });
        }
        w.sink?.push({ sql: w.sql, params: w.params, rows: 0, ms: now() - started, scope: w.sink.scope });
      }
    }
  }

  function flush(): Promise<void> {
    const p = chain.then(runQueued);
    chain = p.catch(() => undefined);
    return p;
  }

  function queue(sql: string, params: unknown[], sink: StatementSink | null, raw = false): void {
    if (options.readOnly && sql !== 'BEGIN' && sql !== 'COMMIT' && sql !== 'ROLLBACK') {
      fail('invalid_query', 'this PostgreSQL connection is read-only (writes need --allow-writes)');
    }
    pending.push({ sql, params: raw ? params : params.map(pgValue), sink });
  }

  // Reads run through the sqlSubquery budget (sql-budget.ts: only marked statements are bounded).
  const each = driver.each?.bind(driver);
  const reader = new PgRowReader(
    (sql, params) => budgetedQuery(driver, sql, params, sqlBudgetMs),
    jsonRows,
    flush,
    each ? (sql, params, onRow) => budgeted(driver, sql, sqlBudgetMs, () => each(sql, params, onRow)) : undefined,
  );

  /** Runs a read (after the queued writes); `sql` outputs the resource's attributes in order. */
  async function read(sql: string, params: readonly unknown[], resource: ResourceSchema, sink: StatementSink): Promise<Row[]> {
    return (await reader.rows(sql, params, resource.attributeNames, typesOf(resource), sink)) as Row[];
  }

  /** Like `read`, the rows grouped by `attr` (groupBy's keys), built and filed in one pass. */
  async function readGrouped(sql: string, params: readonly unknown[], resource: ResourceSchema, attr: string, ci: boolean, sink: StatementSink): Promise<KeyGroups<Row>> {
    const names = resource.attributeNames;
    return reader.readGrouped(sql, params, names, names, typesOf(resource), names.indexOf(attr), (v) => groupKey(v, ci), sink);
  }

  /**
   * Like `read`, for `sql` whose select list ends with the parent's key: one list per source (by its
   * primary key `pk`), each row built straight into its parent's list.
   */
  async function readPerParentRows(sql: string, params: readonly unknown[], resource: ResourceSchema, sources: readonly Row[], pk: string, sink: StatementSink): Promise<Row[][]> {
    const names = resource.attributeNames;
    const groups = await reader.readGrouped(sql, params, [...names, PARENT_KEY], names, typesOf(resource), names.length, (v) => groupKey(v, false), sink);
    return sources.map((s) => groups.get(groupKey(s[pk] ?? null, false)) ?? []);
  }

  async function finishInJs(lists: Row[][], sources: readonly Row[], where: BExpr | null, sort: SortKey[], window: Window | null, to: ResourceSchema, rel: RelatedSource): Promise<Row[][]> {
    if (where) await prefetch(where, [[...new Set(lists.flat())], sources], rel);
    const cmp = sort.length > 0 ? compareRows(withPkTiebreak(to, sort)) : null;
    return lists.map((list, i) => {
      let out = where ? list.filter((d) => matches(where, [d, sources[i]!], rel)) : list;
      if (cmp) out = [...out].sort(cmp);
      return applyWindow(out, window);
    });
  }

  const keyWhere = (r: ResourceSchema, key: Row, params: unknown[]): string => {
    const cols = r.pk.length > 0 ? r.pk : r.attributeNames;
    return cols.map((k) => {
      const v = key[k];
      if (v === null || v === undefined) return `${q(k)} IS NULL`;
      params.push(v);
      return `${q(k)} = $${params.length}`;
    }).join(' AND ');
  };

  /** `col = ANY($n::type[])` for the column's type; ci lowers both sides. */
  /** The key list as one array parameter typed like the column (`$1::bigint[]`). */
  const keyArray = (c: PgCompiler, owner: ResourceSchema, attr: string, keys: unknown[]): string => {
    const type = postgresArrayType(typesOf(owner).get(attr));
    const list = type === 'text[]' ? keys.map((k) => (typeof k === 'string' ? k : JSON.stringify(k))) : keys;
    return c.arrayParam(list, type);
  };
  const keyIn = (c: PgCompiler, col: string, owner: ResourceSchema, attr: string, keys: unknown[], ci: boolean): string =>
    ci ? `(lower(${col}) = ANY(${keyArray(c, owner, attr, keys)}))` : `(${col} = ANY(${keyArray(c, owner, attr, keys)}))`;

  /**
   * A per-key window as `LATERAL`: for each key of the list, the destination rows matching `cond`
   * (which compares against `k.v`) in `sort` order, cut to the window. `parent` adds a column to the
   * select list (readPerParent's parent key). Rows come out grouped by nothing in particular but in
   * `sort` order, which is all the grouping in JS needs.
   */
  const lateralWindow = (c: PgCompiler, keys: string, from: string, select: string, sort: SortKey[], inner: string, window: Window, to: ResourceSchema, extra: string[]): string => {
    const innerOrder = sort.length > 0 ? ` ORDER BY ${sort.map((k) => sortTerm(k, inner)).join(', ')}` : '';
    const outerOrder = sort.length > 0 ? ` ORDER BY ${sort.map((k) => sortTerm(k, 'w')).join(', ')}` : '';
    const out = [cols(to, 'w'), ...extra.map((e) => `w.${q(e)}`)].join(', ');
    return `SELECT ${out} FROM unnest(${keys}) AS k(v) CROSS JOIN LATERAL (SELECT ${select} ${from}${innerOrder} LIMIT ${c.limitSql(window.limit)} OFFSET ${c.param(window.offset)}) AS w${outerOrder}`;
  };

  /** The rows whose primary keys are `keys`, aligned with them (null where none). */
  async function ownersByKey(r: ResourceSchema, keys: readonly Row[], sink: StatementSink): Promise<(Row | null)[]> {
    if (keys.length === 0) return [];
    const pk = r.pk.length > 0 ? r.pk : r.attributeNames;
    let owners: Row[];
    if (pk.length === 1) {
      const c = new PgCompiler(ctx);
      const t = c.alias('t');
      owners = await read(`SELECT ${cols(r, t)} FROM ${q(r.table)} AS ${t} WHERE ${keyIn(c, `${t}.${q(pk[0]!)}`, r, pk[0]!, distinctKeys(keys.map((k) => k[pk[0]!]), false, false), false)}`, c.params, r, sink);
    } else {
      owners = await read(`SELECT ${cols(r, 't')} FROM ${q(r.table)} AS t`, [], r, sink);
    }
    const byKey = new Map<string, Row>();
    for (const o of owners) byKey.set(JSON.stringify(pk.map((a) => groupKey(o[a] ?? null, false))), o);
    return keys.map((k) => byKey.get(JSON.stringify(pk.map((a) => groupKey(k[a] ?? null, false)))) ?? null);
  }

  const layer: PostgresDataLayer = {
    kind: 'postgres',
    schema,
    freshRows: true,
    flush,
    registerManualSql(stepKey: string, sql: string, timeoutMs?: number) {
      manualSql.set(stepKey, sql);
      if (timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0) sqlBudgetMs = Math.ceil(timeoutMs);
    },
    insertRow(r: ResourceSchema, row: Row, sink: StatementSink) {
      const cols = r.attributeNames;
      queue(`INSERT INTO ${q(r.table)} (${cols.map(q).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, cols.map((c) => row[c] ?? null), sink);
    },
    updateRow(r: ResourceSchema, key: Row, values: Row, sink: StatementSink) {
      const names = Object.keys(values).filter((k) => r.attributes.has(k));
      if (names.length === 0) return 0;
      const params: unknown[] = names.map((k) => values[k] ?? null);
      const set = names.map((k, i) => `${q(k)} = $${i + 1}`).join(', ');
      queue(`UPDATE ${q(r.table)} SET ${set} WHERE ${keyWhere(r, key, params)}`, params, sink);
      return 1;
    },
    deleteRow(r: ResourceSchema, key: Row, sink: StatementSink) {
      const params: unknown[] = [];
      queue(`DELETE FROM ${q(r.table)} WHERE ${keyWhere(r, key, params)}`, params, sink);
      return 1;
    },
    begin() {
      queue('BEGIN', [], null);
    },
    commit() {
      queue('COMMIT', [], null);
    },
    rollback() {
      queue('ROLLBACK', [], null);
    },
    async readAggregates(readSpec: AggregateRead, keys: readonly Row[], rel: RelatedSource, sink: StatementSink) {
      return aggregatesInJs(readSpec, await ownersByKey(readSpec.resource, keys, sink), rel);
    },
    // Calculations the same way: owners by key, values in JS (the memory layer's evaluator).
    async readCalculations(readSpec: CalculationRead, keys: readonly Row[], rel: RelatedSource, sink: StatementSink) {
      return calculationsInJs(readSpec, await ownersByKey(readSpec.resource, keys, sink), rel);
    },

    load(data: Data) {
      if (options.attach) fail('invalid_query', 'the postgres layer reads existing tables here; it does not load sample data');
      const prepared = prepareData(schema, data);
      pending = [];
      for (const stmt of postgresSchemaStatements(schema.model)) queue(stmt, [], null);
      for (const [name, rows] of prepared) {
        const r = schema.resources.get(name)!;
        if (rows.length === 0) continue;
        const names = r.attributeNames;
        const colTypes = typesOf(r);
        // One statement per table: each column as one array parameter, zipped by unnest.
        const arrays = names.map((n) => rows.map((row) => storeValue(row[n], colTypes.get(n))));
        const casts = names.map((n, i) => `$${i + 1}::${postgresArrayType(colTypes.get(n))}`);
        queue(`INSERT INTO ${q(r.table)} (${names.map(q).join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`, arrays, null, true);
      }
    },

    readRootDeferred(spec: RootRead, rel: RelatedSource, sink: StatementSink): Promise<Row[] | DeferredRows> {
      return readRootRows(spec, rel, sink, true);
    },

    async readRoot(spec: RootRead, rel: RelatedSource, sink: StatementSink): Promise<Row[]> {
      return (await readRootRows(spec, rel, sink, false)) as Row[];
    },


    async readRelated(spec: RelatedRead, sources: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<Row[][]> {
      if (spec.step.rel.kind === 'many_to_many') return manyToMany(spec, sources, rel, sink);
      const perParent = hasNoAttributes(spec.step.rel) || (spec.where !== null && maxParentDepth(spec.where) > 0);
      return perParent ? readPerParent(spec, sources, rel, sink) : readKeyed(spec, sources, rel, sink);
    },
  };
  return layer;

  /** The root rows of a read; with `defer`, plain rows read as JSON text are handed out unbuilt. */
  async function readRootRows(spec: RootRead, rel: RelatedSource, sink: StatementSink, defer: boolean): Promise<Row[] | DeferredRows> {
    const { resource } = spec;
    const c = new PgCompiler(ctx);
    const alias = c.alias('d');
    let where = 'true';
    try {
      if (spec.where) where = c.filter(spec.where, [{ alias, resource }], { hoist: true });
    } catch (e) {
      if (!(e instanceof NeedsRuntime)) throw e;
      const all = await read(`SELECT ${cols(resource, 't')} FROM ${q(resource.table)} AS t`, [], resource, sink);
      const [kept] = await finishInJs([all], [{}], spec.where, spec.sort, spec.window, resource, rel);
      return kept!;
    }
    const sort = spec.sort.length > 0 ? withPkTiebreak(resource, spec.sort) : [];
    let sql = `SELECT ${cols(resource, alias)} FROM ${q(resource.table)} AS ${alias} ${c.hoisted.join(' ')} WHERE ${where} ${c.orderBy(sort, alias)}`;
    if (spec.window.limit !== undefined || spec.window.offset > 0) sql += ` LIMIT ${c.limitSql(spec.window.limit)} OFFSET ${c.param(spec.window.offset)}`;
    return reader.rows(sql, c.params, resource.attributeNames, typesOf(resource), sink, defer);
  }

  /** Destination rows whose key is among the sources' keys; windows per key with ROW_NUMBER(). */
  async function readKeyed(spec: RelatedRead, sources: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<Row[][]> {
    const { step } = spec;
    const r = step.rel;
    const ci = keysAreCi(step.from, r.sourceAttribute, step.to, r.destinationAttribute);
    const keys = distinctKeys(sources.map((s) => s[r.sourceAttribute]), ci, false);
    if (keys.length === 0) return sources.map(() => []);
    const c = new PgCompiler(ctx);
    const d = c.alias('d');
    const keyCol = `${d}.${q(r.destinationAttribute)}`;
    let where: string | null = null;
    let runtimeWhere: BExpr | null = null;
    try {
      where = spec.where ? c.filter(spec.where, [{ alias: d, resource: step.to }], { hoist: !spec.window }) : null;
    } catch (e) {
      if (!(e instanceof NeedsRuntime)) throw e;
      runtimeWhere = spec.where;
    }
    let groups: KeyGroups<Row>;
    // Ties in the sort are broken by the destination's primary key, as on the other layers.
    const sort = spec.sort.length > 0 ? withPkTiebreak(step.to, spec.sort) : [];
    const lateral = runtimeWhere === null && spec.window !== null && lateralWindows;
    const keyCond = lateral ? `${ci ? `lower(${keyCol})` : keyCol} = k.v` : keyIn(c, keyCol, step.to, r.destinationAttribute, keys, ci);
    const cond = where ? `${keyCond} AND ${where}` : keyCond;
    if (lateral && spec.window) {
      const from = `FROM ${q(step.to.table)} AS ${d} WHERE ${cond}`;
      const sql = lateralWindow(c, keyArray(c, step.to, r.destinationAttribute, keys), from, cols(step.to, d), sort, d, spec.window, step.to, []);
      groups = await readGrouped(sql, c.params, step.to, r.destinationAttribute, ci, sink);
    } else if (runtimeWhere === null && spec.window) {
      const order = sort.map((k) => sortTerm(k, d)).join(', ');
      const partition = ci ? `lower(${keyCol})` : keyCol;
      const inner = `SELECT ${cols(step.to, d)}, ROW_NUMBER() OVER (PARTITION BY ${partition}${order ? ` ORDER BY ${order}` : ''}) AS "__rn" FROM ${q(step.to.table)} AS ${d} WHERE ${cond}`;
      const lower = c.param(spec.window.offset);
      const upper = spec.window.limit === undefined ? '' : ` AND "__rn" <= ${c.param(spec.window.offset + spec.window.limit)}`;
      groups = await readGrouped(`SELECT ${cols(step.to)} FROM (${inner}) AS w WHERE "__rn" > ${lower}${upper} ORDER BY "__rn"`, c.params, step.to, r.destinationAttribute, ci, sink);
    } else {
      const order = runtimeWhere === null ? c.orderBy(sort, d) : '';
      groups = await readGrouped(`SELECT ${cols(step.to, d)} FROM ${q(step.to.table)} AS ${d} ${c.hoisted.join(' ')} WHERE ${cond} ${order}`, c.params, step.to, r.destinationAttribute, ci, sink);
    }
    const lists = sources.map((s) => {
      const v = s[r.sourceAttribute];
      return v === null || v === undefined ? [] : groups.get(groupKey(v, ci)) ?? [];
    });
    if (runtimeWhere === null) return lists;
    return finishInJs(lists, sources, runtimeWhere, spec.sort, spec.window, step.to, rel);
  }

  /** One statement joining the parent rows (by primary key) to the destination: for parent(...) filters and noAttributes. */
  async function readPerParent(spec: RelatedRead, sources: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<Row[][]> {
    const { step } = spec;
    const r = step.rel;
    const pk = step.from.pk;
    const c = new PgCompiler(ctx);
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
      let lists: Row[][];
      if (hasNoAttributes(r)) {
        const all = await read(`SELECT ${cols(step.to, 't')} FROM ${q(step.to.table)} AS t`, [], step.to, sink);
        lists = sources.map(() => all);
      } else {
        lists = await readKeyed({ ...spec, where: null, window: null, sort: [] }, sources, rel, sink);
      }
      return finishInJs(lists, sources, spec.where, spec.sort, spec.window, step.to, rel);
    }
    const pkCol = `${p}.${q(pk[0]!)}`;
    const pks = distinctKeys(sources.map((s) => s[pk[0]!]), false, false);
    if (pks.length === 0) return sources.map(() => []);
    const on = conds.length > 0 ? conds.join(' AND ') : 'true';
    // Ties in the sort are broken by the destination's primary key, as on the other layers.
    const sort = spec.sort.length > 0 ? withPkTiebreak(step.to, spec.sort) : [];
    if (spec.window && lateralWindows) {
      const from = `FROM ${q(step.from.table)} AS ${p} JOIN ${q(step.to.table)} AS ${d} ON ${on} WHERE ${pkCol} = k.v`;
      const sql = lateralWindow(c, keyArray(c, step.from, pk[0]!, pks), from, `${cols(step.to, d)}, ${pkCol} AS "${PARENT_KEY}"`, sort, d, spec.window, step.to, [PARENT_KEY]);
      return readPerParentRows(sql, c.params, step.to, sources, pk[0]!, sink);
    }
    const base = `FROM ${q(step.from.table)} AS ${p} JOIN ${q(step.to.table)} AS ${d} ON ${on} WHERE ${keyIn(c, pkCol, step.from, pk[0]!, pks, false)}`;
    if (spec.window) {
      const order = sort.map((k) => sortTerm(k, d)).join(', ');
      const inner = `SELECT ${cols(step.to, d)}, ${pkCol} AS "${PARENT_KEY}", ROW_NUMBER() OVER (PARTITION BY ${pkCol}${order ? ` ORDER BY ${order}` : ''}) AS "__rn" ${base}`;
      const lower = c.param(spec.window.offset);
      const upper = spec.window.limit === undefined ? '' : ` AND "__rn" <= ${c.param(spec.window.offset + spec.window.limit)}`;
      return readPerParentRows(`SELECT ${cols(step.to)}, "${PARENT_KEY}" FROM (${inner}) AS w WHERE "__rn" > ${lower}${upper} ORDER BY "__rn"`, c.params, step.to, sources, pk[0]!, sink);
    }
    return readPerParentRows(`SELECT ${cols(step.to, d)}, ${pkCol} AS "${PARENT_KEY}" ${base} ${c.orderBy(sort, d)}`, c.params, step.to, sources, pk[0]!, sink);
  }

  /**
   * many_to_many without a join window or parent filter: the join rows as (source key, destination
   * key) value lists, no row objects, in join order; `ci` compares source keys lowered. Null when the
   * filter needs the evaluator or a key is a map (its text would not compare like the decoded value).
   */
  async function joinPairs(joinStep: Step, where: BExpr | null, sort: SortKey[], joinAttr: string, sources: readonly Row[], sink: StatementSink): Promise<{ pairs: unknown[][]; ci: boolean } | null> {
    const r = joinStep.rel;
    const through = joinStep.to;
    const types = typesOf(through);
    if (types.get(joinAttr) === 'map' || types.get(r.destinationAttribute) === 'map') return null;
    const ci = keysAreCi(joinStep.from, r.sourceAttribute, through, r.destinationAttribute);
    const keys = distinctKeys(sources.map((s) => s[r.sourceAttribute]), ci, false);
    if (keys.length === 0) return { pairs: [], ci };
    const c = new PgCompiler(ctx);
    const d = c.alias('d');
    const keyCol = `${d}.${q(r.destinationAttribute)}`;
    let cond = keyIn(c, keyCol, through, r.destinationAttribute, keys, ci);
    try {
      if (where) cond += ` AND ${c.filter(where, [{ alias: d, resource: through }], { hoist: true })}`;
    } catch (e) {
      if (e instanceof NeedsRuntime) return null;
      throw e;
    }
    const order = sort.length > 0 ? c.orderBy(withPkTiebreak(through, sort), d) : '';
    const sql = `SELECT ${keyCol}, ${d}.${q(joinAttr)} FROM ${q(through.table)} AS ${d} ${c.hoisted.join(' ')} WHERE ${cond} ${order}`;
    return { pairs: await reader.values(sql, c.params, [r.destinationAttribute, joinAttr], sink), ci };
  }

  /** many_to_many: the join rows (windowed per source by the join relationship), then the destinations. */
  async function manyToMany(spec: RelatedRead, sources: readonly Row[], rel: RelatedSource, sink: StatementSink): Promise<Row[][]> {
    const { step } = spec;
    const m2m = step.rel;
    if (m2m.kind !== 'many_to_many' || !step.through || !step.join) return sources.map(() => []);
    const joinStep = stepFor(schema, step.from, step.join);
    if (!joinStep) return sources.map(() => []);
    const joinWindow: Window | null = step.join.limit !== undefined ? { offset: 0, limit: step.join.limit } : null;
    const joinAttr = m2m.destinationAttributeOnJoinResource;
    const joined = joinWindow === null && !(spec.joinWhere && maxParentDepth(spec.joinWhere) > 0)
      ? await joinPairs(joinStep, spec.joinWhere ?? null, spec.joinSort ?? [], joinAttr, sources, sink)
      : null;
    // Per source, the destination keys of its join rows, in join order (not needed for join pairs).
    let keyLists: unknown[][] | null = null;
    const destKeys: unknown[] = [];
    if (joined === null) {
      const joinLists = await (spec.joinWhere && maxParentDepth(spec.joinWhere) > 0 ? readPerParent : readKeyed)(
        { step: joinStep, where: spec.joinWhere ?? null, sort: spec.joinSort ?? [], window: joinWindow, mode: 'load' },
        sources,
        rel,
        sink,
      );
      keyLists = joinLists.map((joins) => joins.map((j) => j[joinAttr]));
      // A plain loop: Array.prototype.flat is slow in V8 for thousands of small lists.
      for (const list of keyLists) for (let i = 0; i < list.length; i++) destKeys.push(list[i]);
    } else {
      for (let i = 0; i < joined.pairs.length; i++) destKeys.push(joined.pairs[i]![1]);
    }
    const ciDest = keysAreCi(step.through, joinAttr, step.to, m2m.destinationAttribute);
    const keys = distinctKeys(destKeys, ciDest, false);
    if (keys.length === 0) return sources.map(() => []);
    const c = new PgCompiler(ctx);
    const d = c.alias('d');
    let cond = keyIn(c, `${d}.${q(m2m.destinationAttribute)}`, step.to, m2m.destinationAttribute, keys, ciDest);
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
    const rows = await read(`SELECT ${cols(step.to, d)} FROM ${q(step.to.table)} AS ${d} WHERE ${cond} ${runtimeWhere ? '' : c.orderBy(spec.sort, d)}`, c.params, step.to, sink);
    const sorted = spec.sort.length > 0;
    const byKey = groupBy(rows, m2m.destinationAttribute, ciDest);
    const destOf = (v: unknown): Row[] | undefined => (v === null || v === undefined ? undefined : byKey.get(typeof v === 'number' ? v : groupKey(v, ciDest)));
    let lists: Row[][];
    if (joined !== null && byKey.lists.every((l) => l.length === 1)) {
      // One destination row per key (the usual case: the destination attribute is its primary key):
      // each join pair's row filed straight under its source key, in join order. Sources with one key
      // share a list, as readKeyed's do.
      const { pairs, ci } = joined;
      const groups = KeyGroups.of(
        pairs.length,
        (i) => {
          const pair = pairs[i]!;
          if (destOf(pair[1]) === undefined) return KeyGroups.SKIP;
          const v = pair[0] ?? null;
          return typeof v === 'number' ? v : groupKey(v, ci);
        },
        (i) => destOf(pairs[i]![1])![0]!,
      );
      lists = sources.map((s) => {
        const v = s[joinStep.rel.sourceAttribute];
        return (v === null || v === undefined ? undefined : groups.get(groupKey(v, ci))) ?? [];
      });
    } else {
      if (keyLists === null) keyLists = pairKeyLists(joined!.pairs, joined!.ci, sources, joinStep.rel.sourceAttribute);
      lists = keyLists.map((list) => {
        const out: Row[] = [];
        for (let i = 0; i < list.length; i++) {
          const found = destOf(list[i]);
          if (found) for (let j = 0; j < found.length; j++) out.push(found[j]!);
        }
        return out;
      });
    }
    if (runtimeWhere) return finishInJs(lists, sources, runtimeWhere, spec.sort, spec.window, step.to, rel);
    if (!sorted) return spec.window ? lists.map((list) => applyWindow(list, spec.window)) : lists;
    const position = new Map<Row, number>();
    for (let i = 0; i < rows.length; i++) position.set(rows[i]!, i);
    return lists.map((list) => applyWindow(list.length > 1 ? list.sort((a, b) => position.get(a)! - position.get(b)!) : list, spec.window));
  }
}

/** Per source, the destination keys of its join pairs (source key, destination key), in join order. */
function pairKeyLists(pairs: readonly unknown[][], ci: boolean, sources: readonly Row[], sourceAttribute: string): unknown[][] {
  const groups = KeyGroups.of(
    pairs.length,
    (i) => {
      const v = pairs[i]![0] ?? null;
      return typeof v === 'number' ? v : groupKey(v, ci);
    },
    (i) => pairs[i]![1] ?? null,
  );
  return sources.map((s) => {
    const v = s[sourceAttribute];
    return v === null || v === undefined ? [] : groups.get(groupKey(v, ci)) ?? [];
  });
}

/** Rows by the group key of one attribute (numbers are their own key). */
function groupBy(rows: readonly Row[], attr: string, ci: boolean): KeyGroups<Row> {
  return KeyGroups.of(
    rows.length,
    (i) => {
      const v = rows[i]![attr];
      return typeof v === 'number' ? v : groupKey(v ?? null, ci);
    },
    (i) => rows[i]!,
  );
}

/** A value as its column stores it: maps (and any object) as JSON text, booleans given as 0/1 as booleans. */
function storeValue(v: unknown, type: AttributeType | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'boolean' && typeof v === 'number') return v !== 0;
  if (type === 'integer' || type === 'float' || type === 'boolean') return v;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The resource's attributes as a select list (`alias."a", alias."b"`), or bare names without an alias. */
function cols(resource: ResourceSchema, alias?: string): string {
  return resource.attributeNames.map((a) => (alias ? `${alias}.${q(a)}` : q(a))).join(', ');
}


import '../aggregates/register';
import type { DataLayer, LayerFactory, StatementLog, StatementSink } from '../datalayers/data-layer';
import { memoryLayer } from '../datalayers/memory/memory-layer';
import { applyWindow } from '../datalayers/window';
import { sqliteLayer } from '../datalayers/sqlite/sqlite-layer';
import type { SqlDatabase } from '../datalayers/sqlite/database';
import { bindFilter } from '../expr/bind';
import { matches, prefetch } from '../expr/evaluate';
import { isCancelled, type CancelToken, type ManualHost, type ManualRunner } from '../manual/contract';
import type { Data, Model, NormalizedModel } from '../model/types';
import { normalizeModel } from '../model/normalize';
import type { Query } from '../query/builder';
import type { QueryRequest, Row } from '../query/types';
import type { Result } from '../result';
import { err, ok, RelataFailure, relataError } from '../result';
import type { Schema, Step } from '../schema/schema';
import { compileSchema, isManual, relationshipWindow, stepFor, windowSort } from '../schema/schema';
import type { Diagnostic } from '../validate/diagnostic';
import { validateModel } from '../validate/validate';
import type { ManualLists, ManualLoad } from './manual';
import type { DeferredRows } from '../query/raw-rows';
import { runManual } from './manual';
import type { LoadPlan, Output, ParamsChain } from './plan';
import { planQuery, relationshipFilter } from './plan';
import { BatchedRelated } from './related-source';
import { keySetter, setKey } from './records';
import { now } from '../clock';
import { checkRequest, requestOf, snapshotInput, toCodedError } from './input';
import { compareRows, resolveSort, withPkTiebreak } from './sort';
import type { ActionRequest, ActionResult } from '../actions/run';
import { runAction } from '../actions/run';
import { attachCalculations, calculationSortFields, checkCalculationRequest, readSortedByCalculations, wantsCalculations, withCalculations } from '../calculations/load';
import { aggregateSortFields, attachAggregates, checkAggregateRequest, readSortedByAggregates, wantsAggregates } from '../aggregates/load';

/**
 * The older way to name a layer, kept as a thin adapter over the factories (`memoryLayer()`,
 * `sqliteLayer(db, { attach })`); new code passes `layer`.
 */
export type DataLayerOption =
  | { kind: 'memory' }
  /** `db` is a sql.js Database (or anything with its shape). `attach: true` uses existing tables as they are. */
  | { kind: 'sqlite'; db: SqlDatabase; attach?: boolean };

export interface EngineOptions {
  model: Model;
  /** The data layer, injected: `sqliteLayer(db)`, `memoryLayer()` or another layer's factory. */
  layer?: LayerFactory;
  /** Older spelling of `layer` (adapted to the factories). One of the two is required. */
  dataLayer?: DataLayerOption;
  /** Runs manual relationship code in a sandbox; without one, manual loads fail with manual_load_failed. */
  manualRunner?: ManualRunner;
  /** Time limit for manual code, default 2000 ms. */
  manualTimeoutMs?: number;
}

export interface Warning {
  code: 'has_one_multiple_rows';
  message: string;
  scope: string;
}

export interface ReadResult {
  records: Row[];
  statements: StatementLog[];
  warnings: Warning[];
  ms: number;
}

export interface ReadOptions {
  actor?: unknown;
}

export interface Engine {
  readonly model: NormalizedModel;
  readonly schema: Schema;
  /** `sqlite`, `memory` or the injected layer's name. */
  readonly dataLayer: string;
  /** Replaces the data (spec §2). */
  load(data: Data): Result<void>;
  read(query: QueryRequest | Query, options?: ReadOptions): Promise<Result<ReadResult>>;
  /** Ash's apply_to: filter → sort → offset → limit over records in memory. */
  applyTo(query: QueryRequest | Query, records: Row[]): Promise<Result<Row[]>>;
  /** Runs a create/read/update/destroy action in one transaction (docs/actions-and-aggregates.md §2). */
  runAction(request: ActionRequest): Promise<Result<ActionResult>>;
}

/**
 * Creates an engine over a model. A model with error diagnostics is never loaded: the result is
 * `invalid_model` with the diagnostics in `details`.
 */
export function createEngine(options: EngineOptions): Result<Engine> {
  try {
    return createEngineUnguarded(options);
  } catch (e) {
    return err(toCodedError(e, { code: 'invalid_model', what: 'the engine options' }));
  }
}

function createEngineUnguarded(options: EngineOptions): Result<Engine> {
  if (options === null || typeof options !== 'object') return err(relataError('invalid_model', 'createEngine expects options with a model and a data layer'));
  if (options.layer !== undefined) {
    if (options.layer === null || typeof options.layer !== 'object' || typeof options.layer.create !== 'function') {
      return err(relataError('invalid_model', 'createEngine: `layer` must be a layer factory such as sqliteLayer(db) or memoryLayer()'));
    }
  } else if (options.dataLayer !== undefined && (options.dataLayer === null || typeof options.dataLayer !== 'object' || (options.dataLayer.kind !== 'memory' && options.dataLayer.kind !== 'sqlite'))) {
    return err(relataError('invalid_model', 'createEngine: give `layer: sqliteLayer(db) | memoryLayer()` (or the older `dataLayer: { kind: "memory" } | { kind: "sqlite", db }`)'));
  }
  let diagnostics: Diagnostic[];
  try {
    diagnostics = validateModel(options.model);
  } catch (e) {
    return err(relataError('invalid_model', `the model could not be checked: ${(e as Error).message}`));
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return err(relataError('invalid_model', `the model has ${errors.length} error(s): ${errors[0]!.message}`, { details: errors }));
  }
  const model = normalizeModel(options.model);
  const schema = compileSchema(model);
  const factory = options.layer ?? (options.dataLayer ? layerFromOption(options.dataLayer) : null);
  if (!factory) return err(relataError('invalid_query', 'createEngine needs a data layer: { layer: sqliteLayer(db) } or { layer: memoryLayer() }'));
  const layer: DataLayer = factory.create(schema);
  return ok(new EngineImpl(model, schema, layer, options));
}

function layerFromOption(option: DataLayerOption): LayerFactory {
  return option.kind === 'memory' ? memoryLayer() : sqliteLayer(option.db, { attach: option.attach === true });
}

class EngineImpl implements Engine {
  readonly dataLayer: string;

  constructor(
    readonly model: NormalizedModel,
    readonly schema: Schema,
    private readonly layer: DataLayer,
    private readonly options: EngineOptions,
  ) {
    this.dataLayer = layer.kind;
  }

  load(data: Data): Result<void> {
    try {
      this.layer.load(data);
      return ok(undefined);
    } catch (e) {
      return err(toCodedError(e, { code: 'invalid_query', what: 'the data' }));
    }
  }

  /** Asks the sandbox once per manual relationship for its `sqlSubquery` condition (sqlite only). */
  private manualSqlReady: Promise<void> | null = null;
  private prepareManualSql(): Promise<void> {
    const layer = this.layer;
    const runner = this.options.manualRunner;
    if (this.manualSqlReady) return this.manualSqlReady;
    if (!runner) return (this.manualSqlReady = Promise.resolve());
    const jobs: Array<Promise<void>> = [];
    for (const resource of this.model.resources) {
      for (const rel of resource.relationships) {
        if ((rel.kind !== 'has_one' && rel.kind !== 'has_many') || !rel.manual) continue;
        if (!rel.manual.source.includes('sqlSubquery')) continue;
        const key = `${resource.name}.${rel.name}`;
        jobs.push(
          runner.check(rel.manual.source).then((check) => {
            if (check.ok && check.sqlSubquery) layer.registerManualSql(key, check.sqlSubquery, this.options.manualTimeoutMs);
          }),
        );
      }
    }
    return (this.manualSqlReady = Promise.all(jobs).then(() => undefined));
  }

  async read(query: QueryRequest | Query, options: ReadOptions = {}): Promise<Result<ReadResult>> {
    await this.prepareManualSql();
    const started = now();
    const statements: StatementLog[] = [];
    const warnings: Warning[] = [];
    try {
      const req = checkRequest(requestOf(query));
      const run = new ReadRun(this, this.layer, statements, warnings, options?.actor, req.params);
      const records = await run.read(req, 'root');
      return ok({ records, statements, warnings, ms: now() - started });
    } catch (e) {
      return err(toCodedError(e));
    }
  }

  async applyTo(query: QueryRequest | Query, records: Row[]): Promise<Result<Row[]>> {
    try {
      const req = checkRequest(requestOf(query));
      if (!Array.isArray(records)) throw new RelataFailure(relataError('invalid_query', 'applyTo expects a list of records'));
      // Copied to plain data like the query: a throwing getter, Proxy or cycle in a record fails here, coded.
      const rows = snapshotInput(records, 'the records') as Row[];
      const run = new ReadRun(this, this.layer, [], [], null, req.params);
      return ok(await run.applyTo(req, rows));
    } catch (e) {
      return err(toCodedError(e));
    }
  }

  /** Actions run one at a time (one transaction each). */
  private actionQueue: Promise<unknown> = Promise.resolve();
  runAction(request: ActionRequest): Promise<Result<ActionResult>> {
    const host = {
      schema: this.schema,
      layer: this.layer,
      read: async (req: QueryRequest, statements: StatementLog[]): Promise<Row[]> => {
        await this.prepareManualSql();
        return new ReadRun(this, this.layer, statements, [], null, req.params).read(req, 'action');
      },
    };
    const result = this.actionQueue.then(async () => {
      try {
        return await runAction(host, snapshotInput(request, 'the action request') as ActionRequest);
      } catch (e) {
        return err(toCodedError(e));
      }
    });
    this.actionQueue = result.catch(() => undefined);
    return result;
  }

  get runner(): ManualRunner | undefined {
    return this.options.manualRunner;
  }

  get timeoutMs(): number | undefined {
    return this.options.manualTimeoutMs;
  }
}

/** The state of one `read`: statement log, warnings, and the related rows its filters looked at. */
class ReadRun {
  private readonly related: BatchedRelated;
  private readonly params: ParamsChain;

  constructor(
    private readonly engine: EngineImpl,
    private readonly layer: DataLayer,
    private readonly statements: StatementLog[],
    private readonly warnings: Warning[],
    private readonly actor: unknown,
    params: Record<string, unknown> | undefined,
    /** Set for reads issued by manual code: their filter reads count for the relationship that ran it. */
    private readonly filterScope?: string,
  ) {
    this.params = [params];
    this.related = new BatchedRelated((step, sources) => this.fetchForFilter(step, sources));
  }

  private sink(scope: string): StatementSink {
    return { scope, push: (entry) => this.statements.push(entry) };
  }

  async read(request: QueryRequest, scope: string): Promise<Row[]> {
    // Calculations (docs/model-extensions.md): names in load/select become `calculations`; a root sort by them.
    const schema = this.engine.schema;
    const req = withCalculations(schema, request);
    const calcSort = calculationSortFields(schema, req);
    if (calcSort.length > 0) return readSortedByCalculations(schema, req, calcSort, (r) => this.read(r, scope));
    if (!wantsCalculations(req)) return this.readAggregated(req, scope);
    checkCalculationRequest(schema, req);
    const out = await this.readAggregated(req, scope);
    await attachCalculations(schema, this.layer, req, out, this.related, (s) => this.sink(s));
    return out;
  }

  private async readAggregated(req: QueryRequest, scope: string): Promise<Row[]> {
    // Aggregates (docs/actions-and-aggregates.md): a root sort by aggregates, and loaded aggregate values.
    const aggSort = aggregateSortFields(this.engine.schema, req);
    if (aggSort.length > 0) return readSortedByAggregates(this.engine.schema, req, aggSort, (r) => this.read(r, scope));
    if (wantsAggregates(req)) {
      checkAggregateRequest(this.engine.schema, req);
      const out = await this.readPlain(req, scope);
      await attachAggregates(this.engine.schema, this.layer, req, out, this.related, (s) => this.sink(s));
      return out;
    }
    return this.readPlain(req, scope);
  }

  /**
   * A read whose rows are exactly one statement's rows (no loads, no aggregates, nothing to trim)
   * may come back unbuilt, as the data layer's text: `ctx.read` sends it to the sandbox first.
   */
  async readDeferred(request: QueryRequest, scope: string): Promise<Row[] | DeferredRows> {
    const req = withCalculations(this.engine.schema, request);
    if (wantsCalculations(req) || calculationSortFields(this.engine.schema, req).length > 0 || aggregateSortFields(this.engine.schema, req).length > 0 || wantsAggregates(req)) {
      return this.read(req, scope);
    }
    const plan = planQuery(this.engine.schema, req);
    if (plan.loads.length > 0 || plan.output.trim || !this.layer.freshRows) return this.read(req, scope);
    return this.layer.readRootDeferred(
      { resource: plan.resource, where: plan.where, sort: plan.sort, window: plan.window },
      this.related,
      this.sink(scope),
    );
  }

  private async readPlain(req: QueryRequest, scope: string): Promise<Row[]> {
    const plan = planQuery(this.engine.schema, req);
    const rows = await this.layer.readRoot(
      { resource: plan.resource, where: plan.where, sort: plan.sort, window: plan.window },
      this.related,
      this.sink(scope),
    );
    const loaded = new Loaded();
    await this.loadLevel(plan.loads, rows, loaded);
    const projector = new Projector(loaded, this.layer.freshRows);
    if (this.layer.freshRows && !plan.output.trim && !plan.loads.some((l) => projector.needsFinish(l))) return rows;
    return rows.map((r) => projector.project(r, plan.output, plan.loads));
  }

  private async loadLevel(plans: readonly LoadPlan[], sources: Row[], loaded: Loaded): Promise<void> {
    // Rows made for this read alone (sqlite) get their related values attached directly: that is
    // already the output shape, so nothing is copied afterwards.
    const attach = this.layer.freshRows;
    for (const plan of plans) {
      let lists: Row[][];
      if (plan.manual) {
        const got = await this.loadManual(plan, sources);
        lists = got.lists;
        if (got.exact && plan.output.attributes.length === plan.step.to.attributeNames.length) loaded.exact.add(plan);
      } else {
        lists = await this.loadRelated(plan, sources);
      }
      const values = attach ? null : loaded.level(plan);
      const children: Row[] = [];
      // A row can be reached from several sources (a shared to-one, a duplicated join row, two
      // sources with the same key sharing one list): load below it once.
      const perRow = plan.pickFirst || plan.step.rel.kind === 'many_to_many' || plan.manual;
      // Children are only collected when something is loaded below them.
      const collect = plan.loads.length > 0;
      const seenRows = new Set<Row>();
      const seenLists = new Set<Row[]>();
      const set = keySetter(plan.name);
      for (let i = 0; i < sources.length; i++) {
        const s = sources[i]!;
        const list = lists[i] ?? [];
        if (plan.pickFirst) {
          if (list.length > 1 && !plan.manual) this.warnMultiple(plan, list.length);
          const first = list[0] ?? null;
          if (values) values.set(s, first);
          else set(s, first);
          if (collect && first && !seenRows.has(first)) {
            seenRows.add(first);
            children.push(first);
          }
          continue;
        }
        if (values) values.set(s, list);
        else set(s, list);
        if (!collect) continue;
        if (perRow) {
          for (const c of list) {
            if (!seenRows.has(c)) {
              seenRows.add(c);
              children.push(c);
            }
          }
        } else if (!seenLists.has(list)) {
          seenLists.add(list);
          for (const c of list) children.push(c);
        }
      }
      if (plan.loads.length > 0 && children.length > 0) await this.loadLevel(plan.loads, children, loaded);
    }
  }

  private warnMultiple(plan: LoadPlan, n: number): void {
    this.warnings.push({
      code: 'has_one_multiple_rows',
      scope: plan.scope,
      message: `${plan.step.from.name}.${plan.name} matched ${n} rows for one record; the first was used (add a sort to make it fromMany, or a filter)`,
    });
  }

  private loadRelated(plan: LoadPlan, sources: Row[]): Promise<Row[][]> {
    if (sources.length === 0) return Promise.resolve([]);
    return this.layer.readRelated(
      {
        step: plan.step,
        where: plan.where,
        sort: plan.sort,
        window: plan.window,
        mode: 'load',
        joinWhere: plan.joinWhere,
        joinSort: plan.joinSort,
      },
      sources,
      this.related,
      this.sink(plan.scope),
    );
  }

  private loadManual(plan: LoadPlan, sources: Row[]): Promise<ManualLists> {
    const rel = plan.step.rel;
    const filters = [rel.filter, plan.request.filter].filter((f): f is string => typeof f === 'string' && f.length > 0);
    const params: Record<string, unknown> = {};
    for (const p of [...plan.params].reverse()) Object.assign(params, p ?? {});
    const sort = [...(plan.request.sort ?? []), ...(rel.sort ?? [])];
    const load: ManualLoad = { step: plan.step, filters, params, sort: sort.length > 0 ? sort : rel.defaultSort ?? [] };
    return this.runManualLoad(load, sources, plan.scope);
  }

  /** Set on reads issued by manual code: the token of the run whose `ctx.read` issued them. */
  token?: CancelToken;

  private runManualLoad(load: ManualLoad, sources: Row[], scope: string): Promise<ManualLists> {
    // Every run is accounted to the read that caused it: when an enclosing run times out or fails,
    // the runner cancels this one too (docs/limits.md).
    if (isCancelled(this.token)) throw new RelataFailure(relataError('timeout', 'Cancelled: the read that started this manual load timed out or failed'));
    const token: CancelToken = { cancelled: false, parent: this.token };
    // Every ctx call runs as a nested read; a failure comes back as a coded error, never a throw.
    const settle = async <T>(run: (nested: ReadRun) => Promise<T>): Promise<Result<T>> => {
      try {
        const nested = this.nested(scope);
        nested.token = token;
        return ok(await run(nested));
      } catch (e) {
        const coded = toCodedError(e);
        return err(coded.code === 'internal_error' ? relataError('manual_load_failed', coded.message) : coded);
      }
    };
    // Queries from manual code are plain data again (a cycle or a deep structure fails with a code).
    const plain = (query: QueryRequest) => checkRequest(snapshotInput(query, 'the ctx query'));
    const host: ManualHost = {
      read: (query) => settle((n) => n.read(plain(query), scope)),
      readDeferred: (query) => settle((n) => n.readDeferred(plain(query), scope)),
      applyTo: (query, records) => settle((n) => n.applyTo(plain(query), records)),
    };
    return runManual(this.engine.runner, load, sources, host, {
      actor: this.actor,
      dataLayer: this.layer.kind,
      timeoutMs: this.engine.timeoutMs,
      token,
    });
  }

  /** A read issued by manual code: its statements count for the relationship that ran the code. */
  private nested(scope: string): ReadRun {
    return new ReadRun(this.engine, this.layer, this.statements, this.warnings, this.actor, undefined, scope);
  }

  /** Related rows as filters see them: relationship filter and window, every has_one row. */
  private async fetchForFilter(step: Step, sources: Row[]): Promise<Row[][]> {
    const rel = step.rel;
    const scope = this.filterScope ?? `filter:${step.key}`;
    if (isManual(rel)) {
      const filters = rel.filter ? [rel.filter] : [];
      const params: Record<string, unknown> = { ...(this.params[0] ?? {}) };
      return (await this.runManualLoad({ step, filters, params, sort: windowSort(rel) }, sources, scope)).lists;
    }
    const own = relationshipWindow(rel);
    const window = own ? { offset: own.offset ?? 0, limit: own.limit } : null;
    let sort = window ? withPkTiebreak(step.to, resolveSort(step.to, windowSort(rel), `sort of ${step.key}`)) : [];
    if (!window) sort = [];
    let joinWhere = null;
    let joinSort = resolveSort(step.to, [], '');
    if (rel.kind === 'many_to_many' && step.join && step.through) {
      const joinStep = stepFor(this.engine.schema, step.from, step.join);
      if (joinStep) joinWhere = relationshipFilter(this.engine.schema, joinStep, this.params);
      joinSort = resolveSort(step.through, windowSort(step.join), `sort of ${step.from.name}.${step.join.name}`);
      if (step.join.limit !== undefined) joinSort = withPkTiebreak(step.through, joinSort);
    }
    return this.layer.readRelated(
      { step, where: relationshipFilter(this.engine.schema, step, this.params), sort, window, mode: 'filter', joinWhere, joinSort },
      sources,
      this.related,
      this.sink(scope),
    );
  }

  async applyTo(req: QueryRequest, records: Row[]): Promise<Row[]> {
    const resource = this.engine.schema.resources.get(req.resource);
    if (!resource) throw new RelataFailure(relataError('invalid_query', `unknown resource ${JSON.stringify(req.resource)}`));
    let rows = records.map((r) => ({ ...r }));
    if (req.filter) {
      const where = bindFilter(req.filter, { schema: this.engine.schema, scopes: [resource], params: [req.params], where: `filter of ${resource.name}` });
      await prefetch(where, [rows], this.related);
      rows = rows.filter((r) => matches(where, [r], this.related));
    }
    const sort = resolveSort(resource, req.sort, `sort of ${resource.name}`);
    if (sort.length > 0) rows = [...rows].sort(compareRows(sort));
    return applyWindow(rows, { offset: req.offset ?? 0, limit: req.limit ?? undefined });
  }
}

/** Loaded relationship values per load plan and source row. */
class Loaded {
  private readonly byPlan = new Map<LoadPlan, Map<Row, Row | Row[] | null>>();
  /** Manual levels whose rows have exactly the output's attributes (sent back by reference): nothing to trim. */
  readonly exact = new Set<LoadPlan>();
  level(plan: LoadPlan): Map<Row, Row | Row[] | null> {
    let m = this.byPlan.get(plan);
    if (!m) {
      m = new Map();
      this.byPlan.set(plan, m);
    }
    return m;
  }
  get(plan: LoadPlan, row: Row): Row | Row[] | null | undefined {
    return this.byPlan.get(plan)?.get(row);
  }
}

/**
 * Builds result records: selected attributes plus one key per loaded relationship. Rows a data
 * layer made for this read alone (sqlite) already carry their related values (see loadLevel) and
 * are only trimmed where a `select`, `strict` or manual code left other keys. Other rows are copied.
 */
class Projector {
  constructor(
    private readonly loaded: Loaded,
    private readonly inPlace: boolean,
  ) {}

  project(row: Row, output: Output, loads: readonly LoadPlan[]): Row {
    if (this.inPlace) {
      this.finish(row, output, loads);
      return row;
    }
    const out: Row = {};
    for (const attr of output.attributes) {
      const v = row[attr];
      setKey(out, attr, v === undefined ? null : v);
    }
    for (const plan of loads) {
      const v = this.loaded.get(plan, row);
      if (plan.pickFirst) {
        setKey(out, plan.name, v && !Array.isArray(v) ? this.project(v, plan.output, plan.loads) : null);
      } else {
        const list = Array.isArray(v) ? v : [];
        const mapped = new Array<Row>(list.length);
        for (let i = 0; i < list.length; i++) mapped[i] = this.project(list[i]!, plan.output, plan.loads);
        setKey(out, plan.name, mapped);
      }
    }
    return out;
  }

  /** Rows of this level need trimming (and it was not found unnecessary for this read). */
  private trims(plan: LoadPlan): boolean {
    return plan.output.trim && !this.loaded.exact.has(plan);
  }

  private readonly finishing = new Map<LoadPlan, boolean>();

  /** Rows of this level, or of a level below it, need trimming (asked per row: memoised per plan). */
  needsFinish(plan: LoadPlan): boolean {
    if (!plan.deep) return false;
    let v = this.finishing.get(plan);
    if (v === undefined) {
      v = this.trims(plan) || plan.loads.some((l) => this.needsFinish(l));
      this.finishing.set(plan, v);
    }
    return v;
  }

  private finish(row: Row, output: Output, loads: readonly LoadPlan[], trim = output.trim): void {
    if (trim) {
      // Idempotent, so a row reached twice (shared to-one, duplicated join row) may be trimmed twice.
      const keep = output.keep!;
      const keys = Object.keys(row);
      if (keys.length !== keep.size || !keys.every((k) => keep.has(k))) {
        for (const k of keys) if (!keep.has(k)) delete row[k];
        for (const k of output.attributes) if (row[k] === undefined) setKey(row, k, null);
      }
    }
    for (const plan of loads) {
      if (!this.needsFinish(plan)) continue;
      const t = this.trims(plan);
      const v = row[plan.name];
      if (Array.isArray(v)) for (const c of v as Row[]) this.finish(c, plan.output, plan.loads, t);
      else if (v) this.finish(v as Row, plan.output, plan.loads, t);
    }
  }
}

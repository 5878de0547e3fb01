import type { AttributeType } from '../../model/types';
import type { BExpr } from '../../expr/bound';
import { bindingKey, pathBindings } from '../../expr/bound';
import type { ResourceSchema, Step } from '../../schema/schema';
import { hasNoAttributes, isManual, keysAreCi, relationshipWindow } from '../../schema/schema';
import type { SortKey } from '../../engine/sort';
import { withPkTiebreak } from '../../engine/sort';
import type { SqlValue } from './database';
import { SQL_SUBQUERY_DESTINATION, SQL_SUBQUERY_PARENT } from '../../manual/contract';
import { quoteIdent as q, rowidName } from './ddl';
import { aggregateHooks } from '../../aggregates/registry';

/** Thrown when an expression needs rows SQL cannot produce (a manual relationship without sqlSubquery). */
export class NeedsRuntime extends Error {}

export interface SqlScope {
  alias: string;
  resource: ResourceSchema;
}

export interface CompileContext {
  /** The relationship's own filter, bound with [destination, source] scopes (or null). */
  relFilter(step: Step): BExpr | null;
  /** The sort that windows a relationship in filters (its sort, else defaultSort, else primary key). */
  windowSort(step: Step): SortKey[];
  /** The join relationship's filter and sort of a many_to_many (scope [join row, source]). */
  joinFilter(step: Step): BExpr | null;
  joinSort(step: Step): SortKey[];
  /** A manual relationship's `sqlSubquery` condition, with placeholder aliases (undefined: none). */
  manualSql(step: Step): string | undefined;
  /** Wraps a substituted sqlSubquery condition in the layer's time budget (sqlite: sql-budget.ts). */
  guardManualSql?(condition: string, parent: SqlScope, destination: SqlScope): string;
  /** The attribute is an integer whose column has INTEGER affinity (so a key list may become a range). */
  integerColumn?(resource: ResourceSchema, attr: string): boolean;
}

/**
 * `[min, max]` when `keys` are safe integers that cover every integer from min to max (repeats
 * allowed), else null. Lists of 16 values or fewer are left alone (they are inlined as parameters).
 */
export function denseIntegerRange(keys: readonly unknown[]): [number, number] | null {
  if (keys.length <= 16) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const k of keys) {
    if (typeof k !== 'number' || !Number.isSafeInteger(k)) return null;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  const span = max - min + 1;
  if (span > keys.length) return null;
  return new Set(keys).size === span ? [min, max] : null;
}

/**
 * Compiles bound expressions to parameterised SQLite SQL with the same meaning the evaluator gives
 * them: three-valued logic, existential and correlated paths (one LEFT JOIN per distinct path inside
 * one EXISTS), windows per source row, `exists` as EXISTS, `parent(...)` as outer aliases.
 */
export class SqlCompiler {
  readonly params: SqlValue[] = [];
  private aliasCount = 0;

  constructor(protected readonly ctx: CompileContext) {}

  // Dialect hooks (the postgres layer's compiler overrides them; SQLite's spelling by default).
  /** SQL for constant true / false conditions. */
  protected readonly TRUE: string = '1';
  protected readonly FALSE: string = '(0)';
  /** The physical row id column: on SQLite the first of its aliases no attribute of the table shadows. */
  protected rowId(columns: readonly string[]): string {
    return rowidName(columns);
  }

  /** A LIMIT operand; `undefined` or negative means no limit. */
  limitSql(n: number | undefined): string {
    return this.param(n === undefined ? -1 : n);
  }

  /** Real division (null on a zero divisor, as the evaluator gives). */
  protected divide(l: string, r: string): string {
    return `(CAST(${l} AS REAL) / ${r})`;
  }

  /** `b` occurs in `a` (both already compiled). */
  protected containsSql(a: string, b: string): string {
    return `(instr(${a}, ${b}) > 0)`;
  }

  alias(prefix = 't'): string {
    return q(`${prefix}${this.aliasCount++}`);
  }

  param(value: unknown): string {
    this.params.push(toSql(value));
    return '?';
  }

  /**
   * LEFT JOINs the query's FROM must include, made by `filter(..., { hoist: true })` for paths that
   * reach at most one row (belongs_to chains to a primary key): joining them once in the outer
   * query is much cheaper than an EXISTS per row, and gives the same answer.
   */
  readonly hoisted: string[] = [];

  /** A WHERE condition: true rows only, paths existential. */
  filter(e: BExpr, scopes: SqlScope[], opts: { hoist?: boolean } = {}): string {
    const conjuncts = flattenAnd(e);
    const plain: BExpr[] = [];
    const pathy: BExpr[] = [];
    for (const c of conjuncts) (pathBindings(c).length === 0 ? plain : pathy).push(c);
    if (opts.hoist && pathy.length > 0) {
      const all = pathy.reduce((a, b) => ({ k: 'bin', op: 'and', l: a, r: b, ci: false }) as BExpr);
      const bindings = pathBindings(all);
      if (bindings.every((b) => b.depth === 0 && isUniqueToOne(b.path[b.path.length - 1]!))) {
        const assign = new Map<string, string>();
        for (const b of bindings) {
          const base = b.parentKey === null ? scopes[0]!.alias : assign.get(b.parentKey)!;
          const alias = this.alias('h');
          const step = b.path[b.path.length - 1]!;
          const rel = step.rel;
          this.hoisted.push(
            `LEFT JOIN ${q(step.to.table)} AS ${alias} ON ${this.keyEq(`${alias}.${q(rel.destinationAttribute)}`, `${base}.${q(rel.sourceAttribute)}`, keysAreCi(step.from, rel.sourceAttribute, step.to, rel.destinationAttribute))}`,
          );
          assign.set(b.key, alias);
        }
        return [...plain, all].map((c) => `(${this.expr(c, scopes, assign)})`).join(' AND ');
      }
    }
    const parts = plain.map((c) => this.expr(c, scopes, new Map()));
    if (pathy.length > 0) {
      const combined = pathy.reduce((a, b) => ({ k: 'bin', op: 'and', l: a, r: b, ci: false }) as BExpr);
      const assign = new Map<string, string>();
      const joins: string[] = [];
      for (const b of pathBindings(combined)) {
        const base = b.parentKey === null ? scopes[b.depth]!.alias : assign.get(b.parentKey)!;
        const alias = this.alias('p');
        const step = b.path[b.path.length - 1]!;
        joins.push(this.join(step, base, alias, 'LEFT'));
        assign.set(b.key, alias);
      }
      parts.push(`EXISTS (SELECT 1 FROM (SELECT 1) AS ${this.alias('u')} ${joins.join(' ')} WHERE ${this.expr(combined, scopes, assign)})`);
    }
    return parts.length === 0 ? this.TRUE : parts.map((p) => `(${p})`).join(' AND ');
  }

  /** `JOIN` of `step`'s rows as `alias`, correlated to `base` (the source row's alias). */
  join(step: Step, base: string, alias: string, kind: 'LEFT' | 'INNER'): string {
    const rel = step.rel;
    const fromScope: SqlScope = { alias: base, resource: step.from };
    if (isManual(rel)) {
      const sql = this.ctx.manualSql(step);
      if (sql === undefined) throw new NeedsRuntime(`${step.key} is a manual relationship without sqlSubquery`);
      const condition = `(${sql.split(SQL_SUBQUERY_PARENT).join(base).split(SQL_SUBQUERY_DESTINATION).join(alias)})`;
      const toScope: SqlScope = { alias, resource: step.to };
      const conds = [this.ctx.guardManualSql ? this.ctx.guardManualSql(condition, fromScope, toScope) : condition];
      const rf = this.ctx.relFilter(step);
      if (rf) conds.push(this.filter(rf, [{ alias, resource: step.to }, fromScope]));
      return `${kind} JOIN ${q(step.to.table)} AS ${alias} ON ${conds.join(' AND ')}`;
    }
    if (rel.kind === 'many_to_many') {
      const through = step.through!;
      const join = step.join!;
      const j = this.alias('j');
      const conds = [this.keyEq(`${j}.${q(join.destinationAttribute)}`, `${base}.${q(join.sourceAttribute)}`, keysAreCi(step.from, join.sourceAttribute, through, join.destinationAttribute))];
      const jf = this.ctx.joinFilter(step);
      if (jf) conds.push(this.filter(jf, [{ alias: j, resource: through }, fromScope]));
      if (join.limit !== undefined) {
        const x = this.alias('w');
        const xc = [this.keyEq(`${x}.${q(join.destinationAttribute)}`, `${base}.${q(join.sourceAttribute)}`, keysAreCi(step.from, join.sourceAttribute, through, join.destinationAttribute))];
        if (jf) xc.push(this.filter(jf, [{ alias: x, resource: through }, fromScope]));
        const rowid = this.rowId(through.attributeNames);
        conds.push(`${j}.${rowid} IN (SELECT ${x}.${rowid} FROM ${q(through.table)} AS ${x} WHERE ${xc.join(' AND ')} ${this.orderBy(withPkTiebreak(through, this.ctx.joinSort(step)), x)} LIMIT ${this.limitSql(join.limit)})`);
      }
      const mf = this.ctx.relFilter(step);
      if (mf) conds.push(this.filter(mf, [{ alias, resource: step.to }, fromScope]));
      const inner = this.keyEq(`${alias}.${q(rel.destinationAttribute)}`, `${j}.${q(rel.destinationAttributeOnJoinResource)}`, keysAreCi(through, rel.destinationAttributeOnJoinResource, step.to, rel.destinationAttribute));
      return `${kind} JOIN (${q(through.table)} AS ${j} JOIN ${q(step.to.table)} AS ${alias} ON ${inner}) ON ${conds.join(' AND ')}`;
    }
    const conds = this.correlation(step, alias, fromScope);
    const window = relationshipWindow(rel);
    if (window) {
      const x = this.alias('w');
      const xc = this.correlation(step, x, fromScope);
      const order = this.orderBy(withPkTiebreak(step.to, this.ctx.windowSort(step)), x);
      const rowid = this.rowId(step.to.attributeNames);
      conds.push(`${alias}.${rowid} IN (SELECT ${x}.${rowid} FROM ${q(step.to.table)} AS ${x} WHERE ${xc.length ? xc.join(' AND ') : this.TRUE} ${order} LIMIT ${this.limitSql(window.limit)} OFFSET ${this.param(window.offset ?? 0)})`);
    }
    return `${kind} JOIN ${q(step.to.table)} AS ${alias} ON ${conds.length ? conds.join(' AND ') : this.TRUE}`;
  }

  /** Key match plus the relationship filter, for a destination alias. */
  private correlation(step: Step, alias: string, from: SqlScope): string[] {
    const rel = step.rel;
    const conds: string[] = [];
    if (!hasNoAttributes(rel) && rel.kind !== 'many_to_many') {
      conds.push(this.keyEq(`${alias}.${q(rel.destinationAttribute)}`, `${from.alias}.${q(rel.sourceAttribute)}`, keysAreCi(step.from, rel.sourceAttribute, step.to, rel.destinationAttribute)));
    }
    const rf = this.ctx.relFilter(step);
    if (rf) conds.push(this.filter(rf, [{ alias, resource: step.to }, from]));
    return conds;
  }

  keyEq(a: string, b: string, ci: boolean): string {
    return ci ? `lower(${a}) = lower(${b})` : `${a} = ${b}`;
  }

  orderBy(keys: readonly SortKey[], alias: string): string {
    if (keys.length === 0) return '';
    return `ORDER BY ${keys.map((k) => sortTerm(k, alias)).join(', ')}`;
  }

  expr(e: BExpr, scopes: SqlScope[], assign: Map<string, string>): string {
    switch (e.k) {
      case 'lit':
        if (e.value === null || e.value === undefined) return 'NULL';
        if (Array.isArray(e.value)) return `(${e.value.map((v) => this.param(v)).join(', ')})`;
        return this.param(e.value);
      case 'list':
        return `(${e.items.map((i) => this.expr(i, scopes, assign)).join(', ')})`;
      case 'attr': {
        const alias = e.path.length === 0 ? scopes[e.depth]?.alias : assign.get(e.pathKey);
        if (!alias) throw new Error(`no alias for ${bindingKey(e.depth, e.path)}`);
        return `${alias}.${q(e.attr)}`;
      }
      case 'not':
        return `(NOT ${this.expr(e.e, scopes, assign)})`;
      case 'neg':
        return `(- ${this.expr(e.e, scopes, assign)})`;
      case 'bin':
        return this.binary(e, scopes, assign);
      case 'call':
        return this.call(e, scopes, assign);
      case 'exists':
        return this.exists(e, scopes);
      case 'agg': {
        const owner = e.path.length === 0 ? scopes[e.depth] : { alias: assign.get(e.pathKey) ?? '', resource: e.path[e.path.length - 1]!.to };
        if (!owner || !owner.alias) throw new Error(`no alias for aggregate ${e.agg.def.name}`);
        return aggregateHooks().sql(this, e.agg, owner, false);
      }
    }
  }

  /**
   * `col IN keys`. Against a column of INTEGER affinity a dense run of integers becomes a range test:
   * `IN` probes a temporary index per row, a range costs two comparisons (W1's 200,000 comments by
   * 50,000 ticket ids: 128 -> 41 ms). Same three-valued result: NULL for a NULL column, false for a
   * non-integer (a real or text never equals an integer key in such a column).
   */
  keyTest(col: string, keys: readonly unknown[], opts: { integerColumn: boolean; lowerValues?: boolean }): string {
    const range = opts.integerColumn && !opts.lowerValues ? denseIntegerRange(keys) : null;
    if (range) return `((${col} BETWEEN ${this.param(range[0])} AND ${this.param(range[1])}) AND typeof(${col}) IN ('integer', 'null'))`;
    // One JSON parameter however long the list (no bound-parameter limit).
    return `(${col} IN (SELECT ${opts.lowerValues ? 'lower(value)' : 'value'} FROM json_each(${this.param(JSON.stringify(keys))})))`;
  }

  /** Is `e` a plain attribute whose column has INTEGER affinity? */
  protected integerOperand(e: BExpr, scopes: SqlScope[]): boolean {
    if (e.k !== 'attr' || e.type !== 'integer' || !this.ctx.integerColumn) return false;
    const owner = e.path.length === 0 ? scopes[e.depth]?.resource : e.path[e.path.length - 1]!.to;
    return owner !== undefined && this.ctx.integerColumn(owner, e.attr);
  }

  protected binary(e: Extract<BExpr, { k: 'bin' }>, scopes: SqlScope[], assign: Map<string, string>): string {
    const wrap = (x: string): string => (e.ci ? `lower(${x})` : x);
    if (e.op === 'in') {
      // A literal list travels as one JSON parameter past 16 items, however long (no variable limit).
      const flat = e.r.k === 'list' && e.r.items.length > 16 ? literalItems(e.r.items) : null;
      const r: BExpr = flat ? { k: 'lit', value: flat } : e.r;
      // An empty list is decided before the left side is compiled: compiling it may add a parameter
      // (a literal such as `true`), which the FALSE would leave without a placeholder.
      if ((r.k === 'list' && r.items.length === 0) || (r.k === 'lit' && Array.isArray(r.value) && r.value.length === 0)) return this.FALSE;
      const l = wrap(this.operand(e.l, r, scopes, assign));
      if (r.k === 'list') {
        return `(${l} IN (${r.items.map((i) => wrap(this.expr(i, scopes, assign))).join(', ')}))`;
      }
      if (r.k === 'lit' && Array.isArray(r.value)) {
        const items = r.value as unknown[];
        if (items.length <= 16) return `(${l} IN (${items.map((v) => wrap(this.param(v))).join(', ')}))`;
        // No `+` here: with the joins a filter may bring, forcing a scan measured slower than seeking.
        return this.keyTest(l, items, { integerColumn: this.integerOperand(e.l, scopes), lowerValues: e.ci });
      }
      return `(${l} = ${wrap(this.operand(e.r, e.l, scopes, assign))})`;
    }
    const compare = e.op === '==' || e.op === '!=' || e.op === '<' || e.op === '<=' || e.op === '>' || e.op === '>=';
    const l = compare ? this.operand(e.l, e.r, scopes, assign) : this.expr(e.l, scopes, assign);
    const r = compare ? this.operand(e.r, e.l, scopes, assign) : this.expr(e.r, scopes, assign);
    switch (e.op) {
      case 'and':
        return `(${l} AND ${r})`;
      case 'or':
        return `(${l} OR ${r})`;
      case '==':
        return `(${wrap(l)} = ${wrap(r)})`;
      case '!=':
        return `(${wrap(l)} <> ${wrap(r)})`;
      case '<':
      case '<=':
      case '>':
      case '>=':
        return `(${wrap(l)} ${e.op} ${wrap(r)})`;
      case '+':
      case '-':
      case '*':
        return `(${l} ${e.op} ${r})`;
      case '/':
        return this.divide(l, r);
      case '<>':
        return `(${l} || ${r})`;
    }
  }

  /**
   * One side of a comparison. Values compare by type as in memory (docs/semantics.md: a string never
   * equals a number): a column whose affinity would convert the other side (`id == "1"` on an
   * INTEGER column, `s == 1` on a TEXT column) is read as `+col`, which has no affinity.
   */
  private operand(e: BExpr, other: BExpr, scopes: SqlScope[], assign: Map<string, string>): string {
    const sql = this.expr(e, scopes, assign);
    if (e.k !== 'attr') return sql;
    const mine = storageClass(e.type);
    const theirs = other.k === 'attr' ? new Set([storageClass(other.type)]) : valueClasses(other);
    return theirs.size > 0 && [...theirs].some((c) => c !== mine) ? `(+${sql})` : sql;
  }

  protected call(e: Extract<BExpr, { k: 'call' }>, scopes: SqlScope[], assign: Map<string, string>): string {
    const a = e.args.map((x) => this.expr(x, scopes, assign));
    switch (e.fn) {
      case 'is_nil':
        return `(${a[0]} IS NULL)`;
      case 'contains':
        return e.ci ? this.containsSql(`lower(${a[0]})`, `lower(${a[1]})`) : this.containsSql(a[0]!, a[1]!);
      case 'string_downcase':
        return `lower(${a[0]})`;
      case 'string_length':
        return `length(${a[0]})`;
      case 'if':
        return `(CASE WHEN ${a[0]} THEN ${a[1]} ELSE ${a[2]} END)`;
    }
  }

  private exists(e: Extract<BExpr, { k: 'exists' }>, scopes: SqlScope[]): string {
    const start = scopes[e.depth];
    if (!start) throw new Error('exists without a scope row');
    let base = start.alias;
    const joins: string[] = [];
    let last: SqlScope = start;
    for (const step of e.path) {
      const alias = this.alias('e');
      joins.push(this.join(step, base, alias, 'INNER'));
      base = alias;
      last = { alias, resource: step.to };
    }
    const where = e.where ? this.filter(e.where, [last, ...scopes.slice(e.depth)]) : this.TRUE;
    return `EXISTS (SELECT 1 FROM (SELECT 1) AS ${this.alias('u')} ${joins.join(' ')} WHERE ${where})`;
  }
}

/** A belongs_to to its destination's single primary key, with no filter: at most one related row. */
function isUniqueToOne(step: Step): boolean {
  const rel = step.rel;
  return rel.kind === 'belongs_to' && !rel.filter && step.to.pk.length === 1 && step.to.pk[0] === rel.destinationAttribute;
}

export function sortTerm(k: SortKey, alias: string): string {
  const col = `${alias}.${q(k.field)}`;
  return `${k.ci ? `lower(${col})` : col} ${k.desc ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`;
}

function flattenAnd(e: BExpr): BExpr[] {
  if (e.k === 'bin' && e.op === 'and') return [...flattenAnd(e.l), ...flattenAnd(e.r)];
  return [e];
}

export function toSql(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}

type StorageClass = 'number' | 'text';

function storageClass(type: AttributeType): StorageClass {
  return type === 'integer' || type === 'float' || type === 'boolean' ? 'number' : 'text';
}

/** The storage classes of a literal (or a literal list's items); nothing known for other expressions. */
function valueClasses(e: BExpr): Set<StorageClass> {
  const out = new Set<StorageClass>();
  const add = (v: unknown) => {
    if (typeof v === 'number' || typeof v === 'boolean') out.add('number');
    else if (typeof v === 'string') out.add('text');
  };
  if (e.k === 'lit') {
    if (Array.isArray(e.value)) for (const v of e.value as unknown[]) add(v);
    else add(e.value);
  } else if (e.k === 'list') {
    for (const i of e.items) if (i.k === 'lit') add(i.value);
  }
  return out;
}

/** The values of a list made only of plain literals (null otherwise). */
function literalItems(items: readonly BExpr[]): unknown[] | null {
  const out: unknown[] = [];
  for (const i of items) {
    if (i.k !== 'lit' || Array.isArray(i.value)) return null;
    out.push(i.value);
  }
  return out;
}

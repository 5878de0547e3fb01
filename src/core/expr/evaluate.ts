import type { Row } from '../query/types';
import type { Step } from '../schema/schema';
import type { BExpr, PathBinding } from './bound';
import { nodesOfKind, pathBindings } from './bound';
import { asciiLower, compareValues, toNumber, truth, valuesEqual } from './values';
import { aggregateHooks } from '../aggregates/registry';

/**
 * Related rows as filters see them (spec §3): the relationship's filter and window applied, a
 * has_one without fromMany giving every matching row. Filled in batches by `ensure` before a
 * synchronous evaluation reads them with `get`.
 */
export interface RelatedSource {
  get(step: Step, row: Row): readonly Row[];
  ensure(step: Step, rows: readonly Row[]): Promise<Row[]>;
}

type Assign = Map<string, Row | null>;

const bindingsCache = new WeakMap<BExpr, PathBinding[]>();
function bindingsOf(e: BExpr): PathBinding[] {
  let b = bindingsCache.get(e);
  if (!b) {
    b = pathBindings(e);
    bindingsCache.set(e, b);
  }
  return b;
}

/**
 * True when some combination of related rows along the referenced paths makes `e` true
 * (existential, correlated per path; a path without rows is one all-nil row). `stack[0]` is the row
 * being filtered, `stack[1]` its parent, and so on.
 */
export function matches(e: BExpr, stack: readonly Row[], rel: RelatedSource): boolean {
  const bindings = bindingsOf(e);
  if (bindings.length === 0) return truth(evalValue(e, stack, EMPTY, rel)) === true;
  const assign: Assign = new Map();
  const go = (i: number): boolean => {
    if (i === bindings.length) return truth(evalValue(e, stack, assign, rel)) === true;
    const b = bindings[i]!;
    const base = b.parentKey === null ? stack[b.depth] : assign.get(b.parentKey);
    const rows = base ? rel.get(b.path[b.path.length - 1]!, base) : [];
    if (rows.length === 0) {
      assign.set(b.key, null);
      return go(i + 1);
    }
    for (const r of rows) {
      assign.set(b.key, r);
      if (go(i + 1)) return true;
    }
    return false;
  };
  return go(0);
}

const EMPTY: Assign = new Map();

function attrValue(x: Extract<BExpr, { k: 'attr' }>, stack: readonly Row[], assign: Assign): unknown {
  const row = x.path.length === 0 ? stack[x.depth] : assign.get(x.pathKey);
  if (!row) return null;
  const v = row[x.attr];
  return v === undefined ? null : v;
}

export function evalValue(e: BExpr, stack: readonly Row[], assign: Assign, rel: RelatedSource): unknown {
  switch (e.k) {
    case 'lit':
      return e.value === undefined ? null : e.value;
    case 'list':
      return e.items.map((i) => evalValue(i, stack, assign, rel));
    case 'attr':
      return attrValue(e, stack, assign);
    case 'not': {
      const t = truth(evalValue(e.e, stack, assign, rel));
      return t === null ? null : !t;
    }
    case 'neg': {
      const v = evalValue(e.e, stack, assign, rel);
      return typeof v === 'number' ? -v : typeof v === 'boolean' ? -(v ? 1 : 0) : null;
    }
    case 'bin':
      return evalBinary(e, stack, assign, rel);
    case 'call':
      return evalCall(e, stack, assign, rel);
    case 'exists':
      return evalExists(e, stack, rel);
    case 'agg':
      return aggregateHooks().value(e.agg, e.path.length === 0 ? stack[e.depth] : assign.get(e.pathKey), rel);
  }
}

function evalBinary(e: Extract<BExpr, { k: 'bin' }>, stack: readonly Row[], assign: Assign, rel: RelatedSource): unknown {
  if (e.op === 'and' || e.op === 'or') {
    const l = truth(evalValue(e.l, stack, assign, rel));
    if (e.op === 'and' && l === false) return false;
    if (e.op === 'or' && l === true) return true;
    const r = truth(evalValue(e.r, stack, assign, rel));
    if (e.op === 'and') return r === false ? false : l === null || r === null ? null : true;
    return r === true ? true : l === null || r === null ? null : false;
  }
  const l = evalValue(e.l, stack, assign, rel);
  const r = evalValue(e.r, stack, assign, rel);
  if (e.op === 'in') return evalIn(l, r, e.ci);
  if (l === null || r === null) return null;
  switch (e.op) {
    case '==':
      return valuesEqual(l, r, e.ci);
    case '!=':
      return !valuesEqual(l, r, e.ci);
    case '<':
      return compareValues(l, r, e.ci) < 0;
    case '<=':
      return compareValues(l, r, e.ci) <= 0;
    case '>':
      return compareValues(l, r, e.ci) > 0;
    case '>=':
      return compareValues(l, r, e.ci) >= 0;
    case '+':
    case '-':
    case '*':
    case '/':
      return arithmetic(e.op, l, r);
    case '<>':
      return toText(l) + toText(r);
  }
}

function evalIn(x: unknown, list: unknown, ci: boolean): boolean | null {
  if (!Array.isArray(list)) return list === null ? null : valuesEqual(x, list, ci) ? true : x === null ? null : false;
  if (x === null) return list.length === 0 ? false : null;
  let sawNull = false;
  for (const item of list) {
    if (item === null || item === undefined) sawNull = true;
    else if (valuesEqual(x, item, ci)) return true;
  }
  return sawNull ? null : false;
}

function arithmetic(op: '+' | '-' | '*' | '/', l: unknown, r: unknown): number | null {
  const a = toNumber(l);
  const b = toNumber(r);
  if (a === null || b === null) return null;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : a / b;
  }
}

function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  return JSON.stringify(v);
}

function evalCall(e: Extract<BExpr, { k: 'call' }>, stack: readonly Row[], assign: Assign, rel: RelatedSource): unknown {
  switch (e.fn) {
    case 'is_nil':
      return evalValue(e.args[0]!, stack, assign, rel) === null;
    case 'if': {
      const c = truth(evalValue(e.args[0]!, stack, assign, rel));
      return evalValue(c === true ? e.args[1]! : e.args[2]!, stack, assign, rel);
    }
    case 'contains': {
      const a = evalValue(e.args[0]!, stack, assign, rel);
      const b = evalValue(e.args[1]!, stack, assign, rel);
      if (a === null || b === null) return null;
      const sa = toText(a);
      const sb = toText(b);
      return e.ci ? asciiLower(sa).includes(asciiLower(sb)) : sa.includes(sb);
    }
    case 'string_downcase': {
      const a = evalValue(e.args[0]!, stack, assign, rel);
      return a === null ? null : asciiLower(toText(a));
    }
    case 'string_length': {
      const a = evalValue(e.args[0]!, stack, assign, rel);
      if (a === null) return null;
      let n = 0;
      for (const _ of toText(a)) n++;
      return n;
    }
  }
}

function evalExists(e: Extract<BExpr, { k: 'exists' }>, stack: readonly Row[], rel: RelatedSource): boolean {
  const start = stack[e.depth];
  if (!start) return false;
  const rows = walkPath(start, e.path, rel);
  if (e.where === null) return rows.length > 0;
  const outer = stack.slice(e.depth);
  for (const d of rows) if (matches(e.where, [d, ...outer], rel)) return true;
  return false;
}

/** The rows reached from `start` along `steps` (fanned out, duplicates kept). Prefetched rows only. */
export function walkPath(start: Row, steps: readonly Step[], rel: RelatedSource): Row[] {
  let rows: Row[] = [start];
  for (const step of steps) {
    const next: Row[] = [];
    for (const r of rows) for (const x of rel.get(step, r)) next.push(x);
    rows = next;
  }
  return rows;
}

/**
 * Loads, in batches, every related row `e` can look at when evaluated over `scopeRows`
 * (`scopeRows[d]` = all rows that may stand at depth d), so that `matches` can run synchronously.
 */
export async function prefetch(e: BExpr, scopeRows: ReadonlyArray<readonly Row[]>, rel: RelatedSource): Promise<void> {
  const reached = new Map<string, readonly Row[]>();
  for (const b of bindingsOf(e)) {
    const base = b.parentKey === null ? scopeRows[b.depth] ?? [] : reached.get(b.parentKey) ?? [];
    reached.set(b.key, base.length === 0 ? [] : await rel.ensure(b.path[b.path.length - 1]!, base));
  }
  for (const x of topExists(e)) {
    let rows: readonly Row[] = scopeRows[x.depth] ?? [];
    for (const step of x.path) rows = rows.length === 0 ? [] : await rel.ensure(step, rows);
    if (x.where && rows.length > 0) await prefetch(x.where, [rows, ...scopeRows.slice(x.depth)], rel);
  }
  for (const g of topAggregates(e)) {
    const owners = g.path.length === 0 ? scopeRows[g.depth] ?? [] : reached.get(g.pathKey) ?? [];
    if (owners.length > 0) await aggregateHooks().prefetch(g.agg, owners, rel);
  }
}

/** Aggregate nodes of `e` outside nested `exists` (those are prefetched with their `exists`). */
function topAggregates(e: BExpr): Array<Extract<BExpr, { k: 'agg' }>> {
  return nodesOfKind(e, 'agg');
}

/** `exists` nodes of `e` that are not nested inside another `exists`. */
function topExists(e: BExpr): Array<Extract<BExpr, { k: 'exists' }>> {
  return nodesOfKind(e, 'exists');
}

/** Does evaluating `e` need related rows at all? */
export function needsRelated(e: BExpr): boolean {
  return bindingsOf(e).length > 0 || topExists(e).length > 0 || topAggregates(e).length > 0;
}

import type { AttributeType } from '../model/types';
import type { Step } from '../schema/schema';
import type { BinaryOp, FunctionName } from './ast';
import type { BoundAggregate } from '../aggregates/bind';

/**
 * An expression bound to a model: references resolved to relationship steps and attributes, pins
 * replaced by their values. Both the evaluator (memory) and the SQL compiler consume this form,
 * which is what makes them agree.
 *
 * Depth: 0 is the row being filtered, 1 its parent (the source record in a relationship filter or a
 * nested load's filter, the outer row inside `exists`), and so on.
 */
export type BExpr =
  | { k: 'lit'; value: unknown }
  | { k: 'list'; items: BExpr[] }
  | { k: 'attr'; depth: number; path: Step[]; pathKey: string; attr: string; type: AttributeType }
  | { k: 'not'; e: BExpr }
  | { k: 'neg'; e: BExpr }
  | { k: 'bin'; op: BinaryOp; l: BExpr; r: BExpr; ci: boolean }
  | { k: 'call'; fn: FunctionName; args: BExpr[]; ci: boolean }
  /** `exists(path, where)` from the row at `depth`; inside `where`, depth 0 is the destination row. */
  | { k: 'exists'; depth: number; path: Step[]; where: BExpr | null }
  /** An aggregate of the row at `depth` (or of the related row at the end of `path`): docs/actions-and-aggregates.md. */
  | { k: 'agg'; depth: number; path: Step[]; pathKey: string; agg: BoundAggregate; type: AttributeType };

/** A path binding: one correlated related-row slot per distinct (depth, path) in an existential scope. */
/**
 * The sub-expressions of `e` evaluated in the same scope (an `exists`'s condition is not: it runs
 * in the destination's scope). The walkers below and the evaluator build on this one function.
 */
export function operands(e: BExpr): readonly BExpr[] {
  switch (e.k) {
    case 'list':
      return e.items;
    case 'not':
    case 'neg':
      return [e.e];
    case 'bin':
      return [e.l, e.r];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

/** Nodes of kind `k` in `e`'s own scope (not inside a nested `exists`), outermost first. */
export function nodesOfKind<K extends BExpr['k']>(e: BExpr, k: K): Array<Extract<BExpr, { k: K }>> {
  const out: Array<Extract<BExpr, { k: K }>> = [];
  const visit = (x: BExpr): void => {
    if (x.k === k) {
      out.push(x as Extract<BExpr, { k: K }>);
      return;
    }
    operands(x).forEach(visit);
  };
  visit(e);
  return out;
}

export interface PathBinding {
  depth: number;
  path: Step[];
  key: string;
  /** Key of the binding one step shorter, or null when the path starts at the scope row. */
  parentKey: string | null;
}

/** The distinct path bindings referenced by `e` outside nested `exists` (prefixes included, shortest first). */
export function pathBindings(e: BExpr): PathBinding[] {
  const out = new Map<string, PathBinding>();
  const visit = (x: BExpr): void => {
    switch (x.k) {
      case 'attr':
      case 'agg':
        for (let i = 1; i <= x.path.length; i++) {
          const path = x.path.slice(0, i);
          const key = bindingKey(x.depth, path);
          if (!out.has(key)) {
            const parentKey = i === 1 ? null : bindingKey(x.depth, x.path.slice(0, i - 1));
            out.set(key, { depth: x.depth, path, key, parentKey });
          }
        }
        return;
      default:
        operands(x).forEach(visit);
        return;
    }
  };
  visit(e);
  return [...out.values()].sort((a, b) => a.path.length - b.path.length);
}

export function bindingKey(depth: number, path: readonly Step[]): string {
  return `${depth}:${path.map((s) => s.rel.name).join('.')}`;
}

/** Walks every node, including inside `exists`. */
export function someNode(e: BExpr, pred: (x: BExpr) => boolean): boolean {
  if (pred(e)) return true;
  switch (e.k) {
    case 'list':
      return e.items.some((i) => someNode(i, pred));
    case 'not':
    case 'neg':
      return someNode(e.e, pred);
    case 'bin':
      return someNode(e.l, pred) || someNode(e.r, pred);
    case 'call':
      return e.args.some((a) => someNode(a, pred));
    case 'exists':
      return e.where !== null && someNode(e.where, pred);
    default:
      return false;
  }
}

/** The largest parent depth referenced, counting `exists` scopes (0 = no parent refs). */
export function maxParentDepth(e: BExpr, offset = 0): number {
  switch (e.k) {
    case 'attr':
    case 'agg':
      return Math.max(0, e.depth - offset);
    case 'list':
      return Math.max(0, ...e.items.map((i) => maxParentDepth(i, offset)));
    case 'not':
    case 'neg':
      return maxParentDepth(e.e, offset);
    case 'bin':
      return Math.max(maxParentDepth(e.l, offset), maxParentDepth(e.r, offset));
    case 'call':
      return Math.max(0, ...e.args.map((a) => maxParentDepth(a, offset)));
    case 'exists':
      return Math.max(e.depth - offset, e.where ? maxParentDepth(e.where, offset + 1) : 0);
    case 'lit':
      return 0;
  }
}

export function and(a: BExpr | null, b: BExpr | null): BExpr | null {
  if (a === null) return b;
  if (b === null) return a;
  return { k: 'bin', op: 'and', l: a, r: b, ci: false };
}

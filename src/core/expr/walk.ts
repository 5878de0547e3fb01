import type { Expr } from './ast';
import { assertNever } from '../result';

/** The direct sub-expressions of `expr`, in source order. */
export function children(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'literal':
    case 'ref':
    case 'pin':
      return [];
    case 'list':
      return expr.items;
    case 'parent':
    case 'unary':
    case 'exists':
      return [expr.expr];
    case 'binary':
      return [expr.left, expr.right];
    case 'call':
      return expr.args;
    default:
      return assertNever(expr, 'expression');
  }
}

/** A copy of `expr` with `f` applied to each direct sub-expression (spans and other fields kept). */
export function mapChildren(expr: Expr, f: (child: Expr) => Expr): Expr {
  switch (expr.kind) {
    case 'literal':
    case 'ref':
    case 'pin':
      return expr;
    case 'list':
      return { ...expr, items: expr.items.map(f) };
    case 'parent':
    case 'unary':
    case 'exists':
      return { ...expr, expr: f(expr.expr) };
    case 'binary':
      return { ...expr, left: f(expr.left), right: f(expr.right) };
    case 'call':
      return { ...expr, args: expr.args.map(f) };
    default:
      return assertNever(expr, 'expression');
  }
}

/** Calls `visit` on `expr` and every sub-expression, parents before children, in source order. */
export function walk(expr: Expr, visit: (e: Expr) => void): void {
  visit(expr);
  for (const c of children(expr)) walk(c, visit);
}

/** The names of the `^pins` in `expr`, each once, in order of first appearance. */
export function collectPins(expr: Expr): string[] {
  const names = new Set<string>();
  walk(expr, (e) => {
    if (e.kind === 'pin') names.add(e.name);
  });
  return [...names];
}

/** `T` without its `span`/`pathSpan` fields, at every depth. */
export type WithoutSpans<T> = T extends Expr
  ? { [K in keyof T as K extends 'span' | 'pathSpan' ? never : K]: WithoutSpans<T[K]> }
  : T extends readonly (infer U)[]
    ? WithoutSpans<U>[]
    : T;

export type BareExpr = WithoutSpans<Expr>;

/** The expression without spans, for comparing ASTs in tests (`parse(print(e))` vs `e`). */
export function stripSpans(expr: Expr): BareExpr {
  switch (expr.kind) {
    case 'literal':
      return expr.atom === undefined ? { kind: 'literal', value: expr.value } : { kind: 'literal', value: expr.value, atom: expr.atom };
    case 'list':
      return { kind: 'list', items: expr.items.map(stripSpans) };
    case 'ref':
      return { kind: 'ref', segments: [...expr.segments] };
    case 'pin':
      return { kind: 'pin', name: expr.name };
    case 'parent':
      return { kind: 'parent', expr: stripSpans(expr.expr) };
    case 'unary':
      return { kind: 'unary', op: expr.op, expr: stripSpans(expr.expr) };
    case 'binary':
      return { kind: 'binary', op: expr.op, left: stripSpans(expr.left), right: stripSpans(expr.right) };
    case 'call':
      return { kind: 'call', fn: expr.fn, args: expr.args.map(stripSpans) };
    case 'exists':
      return { kind: 'exists', path: [...expr.path], expr: stripSpans(expr.expr) };
    default:
      return assertNever(expr, 'expression');
  }
}

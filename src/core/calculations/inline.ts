/**
 * The expression side of calculations (docs/model-extensions.md): find one, parse it, and inline it
 * into a reference path. Imports nothing from the binder, so the binder can use it without a cycle.
 */
import type { Expr } from '../expr/ast';
import { parseExpression } from '../expr/parser';
import type { Calculation } from '../model/types';
import { fail } from '../result';
import type { ResourceSchema } from '../schema/schema';

export function findCalculation(resource: ResourceSchema, name: string): Calculation | undefined {
  return resource.resource.calculations?.find((c) => c.name === name);
}

export function cannot(owner: ResourceSchema, calc: Calculation, why: string): never {
  return fail('invalid_expression', `calculation ${owner.name}.${calc.name} cannot be evaluated by the engine: ${why}`, {
    details: { resource: owner.name, calculation: calc.name },
  });
}

const parsed = new WeakMap<Calculation, Expr>();

/** The calculation's expression parsed; a coded error naming it when there is none the engine reads. */
export function calculationExpr(owner: ResourceSchema, calc: Calculation): Expr {
  const hit = parsed.get(calc);
  if (hit) return hit;
  if (!calc.expression || !calc.expression.trim()) cannot(owner, calc, 'it has no expression (only Ash source)');
  const r = parseExpression(calc.expression);
  if (!r.ok) cannot(owner, calc, r.error.message);
  checkSelfContained(owner, calc, r.value);
  parsed.set(calc, r.value);
  return r.value;
}

/** A calculation reads its own record only: no `parent(...)`, no `^pin` (Ash arguments are not modelled). */
function checkSelfContained(owner: ResourceSchema, calc: Calculation, e: Expr): void {
  switch (e.kind) {
    case 'parent':
      return cannot(owner, calc, 'parent(...) has no meaning in a calculation');
    case 'pin':
      return cannot(owner, calc, `^${e.name} is an argument; calculations with arguments are not supported`);
    case 'list':
      return e.items.forEach((x) => checkSelfContained(owner, calc, x));
    case 'unary':
      return checkSelfContained(owner, calc, e.expr);
    case 'binary':
      checkSelfContained(owner, calc, e.left);
      return checkSelfContained(owner, calc, e.right);
    case 'call':
      return e.args.forEach((x) => checkSelfContained(owner, calc, x));
    case 'exists':
      return checkSelfContained(owner, calc, e.expr);
    default:
      return;
  }
}

/**
 * The calculation's expression as seen from a row `relNames` away from its owner: every reference
 * (and every `exists` path) is prefixed with those relationship names. Spans are the calculation's.
 */
export function inlineCalculation(owner: ResourceSchema, calc: Calculation, relNames: readonly string[]): Expr {
  const e = calculationExpr(owner, calc);
  if (relNames.length === 0) return e;
  const prefix = (x: Expr): Expr => {
    switch (x.kind) {
      case 'ref':
        return { ...x, segments: [...relNames, ...x.segments] };
      case 'exists':
        return { ...x, path: [...relNames, ...x.path] };
      case 'list':
        return { ...x, items: x.items.map(prefix) };
      case 'unary':
        return { ...x, expr: prefix(x.expr) };
      case 'binary':
        return { ...x, left: prefix(x.left), right: prefix(x.right) };
      case 'call':
        return { ...x, args: x.args.map(prefix) };
      default:
        return x;
    }
  };
  return prefix(e);
}


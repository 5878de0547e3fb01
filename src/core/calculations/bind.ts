/**
 * Calculations (docs/model-extensions.md): named expressions of a resource. A filter or sort may name
 * one as if it were an attribute; the binder then binds the calculation's own expression in the
 * resource's scope (inlined), so the memory evaluator and the SQL compiler give it the same meaning.
 */
import type { Expr } from '../expr/ast';
import type { BExpr } from '../expr/bound';
import { pathBindings } from '../expr/bound';
import { bindFilter } from '../expr/bind';
import { parseExpression } from '../expr/parser';
import type { Calculation } from '../model/types';
import { fail } from '../result';
import type { ResourceSchema, Schema, Step } from '../schema/schema';

export function findCalculation(resource: ResourceSchema, name: string): Calculation | undefined {
  return resource.resource.calculations?.find((c) => c.name === name);
}

function cannot(owner: ResourceSchema, calc: Calculation, why: string): never {
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

/** A belongs_to to its destination's single primary key, with no filter: at most one row. */
export function isSingleRow(step: Step): boolean {
  const rel = step.rel;
  return rel.kind === 'belongs_to' && !rel.filter && step.to.pk.length === 1 && step.to.pk[0] === rel.destinationAttribute;
}

export interface BoundCalculation {
  readonly def: Calculation;
  readonly owner: ResourceSchema;
  readonly expr: BExpr;
  /** The value is a truth value (SQLite gives 0/1; decoded to booleans). */
  readonly boolean: boolean;
}

const cache = new WeakMap<Schema, Map<string, BoundCalculation>>();

/**
 * Binds (once per schema) the calculation `name` of `owner` for loading its value: its expression in
 * the owner's scope. A path in a value must reach one row (belongs_to chains); else a coded error.
 */
export function bindCalculation(schema: Schema, owner: ResourceSchema, name: string): BoundCalculation {
  let byKey = cache.get(schema);
  if (!byKey) {
    byKey = new Map();
    cache.set(schema, byKey);
  }
  const key = `${owner.name}.${name}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const def = findCalculation(owner, name);
  if (!def) return fail('invalid_load', `${owner.name} has no calculation \`${name}\``);
  calculationExpr(owner, def);
  const expr = bindFilter(def.expression, { schema, scopes: [owner], params: [], unknownCode: 'invalid_expression', where: `calculation ${key}` });
  for (const b of pathBindings(expr)) {
    const step = b.path[b.path.length - 1]!;
    if (!isSingleRow(step)) cannot(owner, def, `\`${b.path.map((s) => s.rel.name).join('.')}\` may reach several rows; a value needs a belongs_to path (use exists(...) or an aggregate)`);
  }
  const bound: BoundCalculation = { def, owner, expr, boolean: def.type === 'boolean' || isTruthValued(expr) };
  byKey.set(key, bound);
  return bound;
}

function isTruthValued(e: BExpr): boolean {
  switch (e.k) {
    case 'not':
    case 'exists':
      return true;
    case 'bin':
      return ['==', '!=', '<', '<=', '>', '>=', 'in', 'and', 'or'].includes(e.op);
    case 'call':
      return e.fn === 'is_nil' || e.fn === 'contains' || (e.fn === 'if' && isTruthValued(e.args[1]!) && isTruthValued(e.args[2]!));
    case 'lit':
      return typeof e.value === 'boolean';
    case 'attr':
    case 'agg':
      return e.type === 'boolean';
    default:
      return false;
  }
}

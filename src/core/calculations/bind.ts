/**
 * Calculations (docs/model-extensions.md): named expressions of a resource. A filter or sort may name
 * one as if it were an attribute; the binder then binds the calculation's own expression in the
 * resource's scope (inlined), so the memory evaluator and the SQL compiler give it the same meaning.
 */
import type { BExpr } from '../expr/bound';
import { pathBindings } from '../expr/bound';
import { bindFilter } from '../expr/bind';
import type { Calculation } from '../model/types';
import { fail } from '../result';
import { calculationExpr, cannot, findCalculation } from './inline';
import type { ResourceSchema, Schema, Step } from '../schema/schema';
import { memoPerSchema } from '../engine/derived-fields';

export { calculationExpr, findCalculation, inlineCalculation } from './inline';

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
  const key = `${owner.name}.${name}`;
  return memoPerSchema(cache, schema, key, () => {
    const def = findCalculation(owner, name);
    if (!def) return fail('invalid_load', `${owner.name} has no calculation \`${name}\``);
    calculationExpr(owner, def);
    const expr = bindFilter(def.expression, { schema, scopes: [owner], params: [], unknownCode: 'invalid_expression', where: `calculation ${key}` });
    for (const b of pathBindings(expr)) {
      const step = b.path[b.path.length - 1]!;
      if (!isSingleRow(step)) cannot(owner, def, `\`${b.path.map((s) => s.rel.name).join('.')}\` may reach several rows; a value needs a belongs_to path (use exists(...) or an aggregate)`);
    }
    return { def, owner, expr, boolean: def.type === 'boolean' || isTruthValued(expr) };
  });
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

/**
 * Aggregates bound to a compiled schema: the relationship steps of the path, the destination
 * field, the filter (scope [destination, owner]) and the sort used by `first`/`list`. Shared by
 * the evaluator (memory), the SQL compiler (sqlite) and the loader.
 */
import type { BExpr } from '../expr/bound';
import { bindFilter } from '../expr/bind';
import type { AttributeType } from '../model/types';
import { fail } from '../result';
import type { ResourceSchema, Schema, Step } from '../schema/schema';
import { stepFor, windowSort } from '../schema/schema';
import type { SortKey } from '../engine/sort';
import { resolveSort, withPkTiebreak } from '../engine/sort';
import { memoPerSchema } from '../engine/derived-fields';
import type { NAggregate } from './types';

export interface BoundAggregate {
  readonly def: NAggregate;
  readonly owner: ResourceSchema;
  readonly steps: Step[];
  readonly dest: ResourceSchema;
  /** The value's attribute type (count → integer, exists → boolean, avg → float, list → map). */
  readonly type: AttributeType;
  readonly fieldType?: AttributeType;
  readonly where: BExpr | null;
  /** first/list order, primary key last (so both layers agree on ties). */
  readonly sort: SortKey[];
}

export function findAggregate(resource: ResourceSchema, name: string): NAggregate | undefined {
  return resource.resource.aggregates?.find((a) => a.name === name);
}

const cache = new WeakMap<Schema, Map<string, BoundAggregate>>();
const binding = new Set<string>();

/** Binds (once per schema) the aggregate `name` of `owner`; a failure is a RelataFailure. */
export function bindAggregate(schema: Schema, owner: ResourceSchema, name: string): BoundAggregate {
  const key = `${owner.name}.${name}`;
  return memoPerSchema(cache, schema, key, () => bindUncached(schema, owner, name, key));
}

function bindUncached(schema: Schema, owner: ResourceSchema, name: string, key: string): BoundAggregate {
  const def = findAggregate(owner, name);
  if (!def) return fail('no_such_attribute', `${owner.name} has no aggregate \`${name}\``);
  if (binding.has(key)) return fail('invalid_expression', `aggregate ${key} refers to itself through its filter`);
  binding.add(key);
  try {
    const steps: Step[] = [];
    let current = owner;
    for (const relName of def.path) {
      const rel = current.relationships.get(relName);
      const step = rel ? stepFor(schema, current, rel) : undefined;
      if (!step) return fail('invalid_query', `aggregate ${key}: \`${relName}\` is not a resolvable relationship of ${current.name}`);
      steps.push(step);
      current = step.to;
    }
    const dest = current;
    if (steps.length === 0) fail('invalid_query', `aggregate ${key} has an empty path`);
    const fieldType = def.field !== undefined ? dest.attributes.get(def.field)?.type : undefined;
    if (def.field !== undefined && fieldType === undefined) fail('no_such_attribute', `aggregate ${key}: ${dest.name} has no attribute \`${def.field}\``);
    const where = def.filter
      ? bindFilter(def.filter, { schema, scopes: [dest, owner], params: [], unknownCode: 'invalid_expression', where: `filter of aggregate ${key}` })
      : null;
    const last = steps[steps.length - 1]!;
    const sortSpec = def.sort && def.sort.length > 0 ? def.sort : windowSort(last.rel);
    const sort = withPkTiebreak(dest, resolveSort(dest, sortSpec, `sort of aggregate ${key}`));
    const type: AttributeType =
      def.kind === 'count' ? 'integer'
      : def.kind === 'exists' ? 'boolean'
      : def.kind === 'avg' ? 'float'
      : def.kind === 'list' ? 'map'
      : fieldType ?? 'string';
    return { def, owner, steps, dest, type, fieldType, where, sort };
  } finally {
    binding.delete(key);
  }
}

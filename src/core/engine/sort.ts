import type { Sort, SortOrder } from '../model/types';
import type { Row } from '../query/types';
import { fail } from '../result';
import type { ResourceSchema } from '../schema/schema';
import { compareValues } from '../expr/values';

/** A resolved sort key: `asc` puts nils last and `desc` nils first on every data layer (spec §4). */
export interface SortKey {
  field: string;
  desc: boolean;
  nullsFirst: boolean;
  ci: boolean;
}

const ORDERS: Record<SortOrder, { desc: boolean; nullsFirst: boolean }> = {
  asc: { desc: false, nullsFirst: false },
  desc: { desc: true, nullsFirst: true },
  asc_nils_first: { desc: false, nullsFirst: true },
  desc_nils_last: { desc: true, nullsFirst: false },
};

export function resolveSort(resource: ResourceSchema, sort: Sort | undefined, where: string): SortKey[] {
  if (sort === undefined) return [];
  if (!Array.isArray(sort)) fail('invalid_query', `${where}: sort must be a list of {field, order}`);
  return sort.map((s, i) => {
    const field = typeof s === 'string' ? s : s?.field;
    const order = (typeof s === 'string' ? 'asc' : s?.order ?? 'asc') as SortOrder;
    if (typeof field !== 'string') fail('invalid_query', `${where}: sort entry ${i} has no field`);
    const attr = resource.attributes.get(field);
    if (!attr) {
      const rel = resource.relationships.has(field);
      fail(
        'no_such_attribute',
        rel
          ? `${where}: cannot sort by \`${field}\`: it is a relationship of ${resource.name}, not an attribute`
          : `${where}: ${resource.name} has no attribute \`${field}\` to sort by`,
        { details: { field } },
      );
    }
    const o = ORDERS[order];
    if (!o) fail('invalid_query', `${where}: unknown sort order ${JSON.stringify(order)} (asc, desc, asc_nils_first, desc_nils_last)`);
    return { field, desc: o.desc, nullsFirst: o.nullsFirst, ci: attr.type === 'ci_string' };
  });
}

/** The sort plus the primary key as a final tie-breaker, so both data layers order ties the same way. */
export function withPkTiebreak(resource: ResourceSchema, keys: SortKey[]): SortKey[] {
  const extra: SortKey[] = [];
  for (const pk of resource.pk) {
    if (!keys.some((k) => k.field === pk)) {
      extra.push({ field: pk, desc: false, nullsFirst: false, ci: resource.attributes.get(pk)?.type === 'ci_string' });
    }
  }
  return extra.length === 0 ? keys : [...keys, ...extra];
}

export function compareRows(keys: readonly SortKey[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k.field] ?? null;
      const y = b[k.field] ?? null;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === k.nullsFirst ? -1 : 1;
      }
      const c = compareValues(x, y, k.ci);
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  };
}

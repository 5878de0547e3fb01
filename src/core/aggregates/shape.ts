/** Structural check of a resource's `aggregates` (extension of relata/model@1). */
import { AGGREGATE_KINDS, FIELD_KINDS, type AggregateKind } from './types';
import type { Add, JsonPath } from '../actions/shape-util';
import { bool, isJson, isObj, keys, kindOf, list, oneOf, show, str, strings } from '../actions/shape-util';

const AGGREGATE_KEYS = ['id', 'name', 'kind', 'path', 'field', 'filter', 'sort', 'uniq', 'includeNil', 'default', 'description'];
const SORT_ORDERS = ['asc', 'desc', 'asc_nils_first', 'desc_nils_last'];

export function checkAggregatesShape(aggregates: unknown, path: JsonPath, add: Add): void {
  if (!Array.isArray(aggregates)) {
    add(path, `${show(path)} must be an array of aggregates, got ${kindOf(aggregates)}.`);
    return;
  }
  aggregates.forEach((a, i) => {
    const p = [...path, i];
    if (!isObj(a)) return add(p, `Aggregate ${show(p)} must be an object, got ${kindOf(a)}.`);
    keys(add, a, AGGREGATE_KEYS, p, 'aggregate');
    str(add, a, 'id', p);
    str(add, a, 'name', p, true);
    oneOf(add, a, 'kind', AGGREGATE_KINDS, p, true);
    strings(add, a, 'path', p, true);
    if (Array.isArray(a.path) && a.path.length === 0) add([...p, 'path'], `${show([...p, 'path'])} must name at least one relationship.`);
    str(add, a, 'field', p);
    if (FIELD_KINDS.has(a.kind as AggregateKind) && a.field === undefined) add([...p, 'field'], `A ${String(a.kind)} aggregate needs a \`field\` (${show(p)}).`);
    if (a.kind === 'exists' && a.field !== undefined) add([...p, 'field'], `An exists aggregate takes no \`field\` (${show(p)}).`);
    str(add, a, 'filter', p);
    str(add, a, 'description', p);
    bool(add, a, 'uniq', p);
    bool(add, a, 'includeNil', p);
    if ('default' in a && !isJson(a.default)) add([...p, 'default'], `${show([...p, 'default'])} must be a JSON literal.`);
    list(add, a, 'sort', p, (f, q) => {
      if (!isObj(f)) return add(q, `Each sort entry (${show(q)}) must be an object like { "field": "name", "order": "asc" }.`);
      keys(add, f, ['field', 'order'], q, 'sort entry');
      str(add, f, 'field', q, true);
      oneOf(add, f, 'order', SORT_ORDERS, q);
    });
  });
}

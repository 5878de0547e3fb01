/**
 * Structural check of `relata/model@1` JSON: the part of validation that does not need to know what
 * names mean. Shared by `parseModel` (stops at the first problem) and `validateModel` (reports all).
 * Written against `unknown` so no input, however malformed or cyclic, can make it throw.
 */
import { ATTRIBUTE_TYPES, MODEL_FORMAT, REFERENCE_ACTIONS, RELATIONSHIP_KINDS } from './types';
import { checkActionsShape } from '../actions/shape';
import { checkAggregatesShape } from '../aggregates/shape';

export type JsonPath = Array<string | number>;
export interface ShapeProblem {
  path: JsonPath;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (path: JsonPath): string => (path.length === 0 ? 'the model' : `\`${path.join('.')}\``);
const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const SORT_KEYS: ReadonlySet<string> = new Set(['field', 'order']);
const SORT_ORDERS = ['asc', 'desc', 'asc_nils_first', 'desc_nils_last'];
const GENERATED = ['uuid', 'increment', 'now'];
const set = (...lists: string[][]): ReadonlySet<string> => new Set(lists.flat());
const COMMON_REL_KEYS = [
  'id', 'kind', 'name', 'destination', 'sourceAttribute', 'destinationAttribute', 'filter', 'sort', 'defaultSort',
  'validateDestinationAttribute', 'description',
];
const KIND_KEYS: Record<string, string[]> = {
  belongs_to: ['allowNil', 'primaryKey', 'attributeType', 'attributeWritable', 'defineAttribute', 'onDelete', 'onUpdate'],
  has_one: ['fromMany', 'offset', 'noAttributes', 'manual'],
  has_many: ['limit', 'offset', 'noAttributes', 'manual'],
  many_to_many: ['through', 'sourceAttributeOnJoinResource', 'destinationAttributeOnJoinResource', 'joinRelationship'],
};
const REL_KEYS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(KIND_KEYS).map(([kind, keys]) => [kind, set(COMMON_REL_KEYS, keys)]),
);
const MODEL_KEYS = set(['format', 'name', 'module', 'resources']);
// `id` (resources, attributes, relationships, actions, aggregates): a document's stable id
// (docs/model-format.md, "Ids"); accepted, never required, ignored by the normalizer.
const RESOURCE_KEYS = set([
  'id', 'name', 'module', 'table', 'attributes', 'relationships', 'description', 'actions', 'aggregates',
  'identities', 'calculations', 'preserved', 'external', 'ashVersion',
]);
const ATTRIBUTE_KEYS = set([
  'id', 'name', 'type', 'primaryKey', 'allowNil', 'default', 'generated', 'constraints', 'writable', 'public', 'description',
  'ashType', 'sqlType',
]);
const IDENTITY_KEYS = set(['name', 'keys', 'description']);
const CALCULATION_KEYS = set(['name', 'type', 'expression', 'public', 'description', 'ashSource']);
const PRESERVED_KEYS = set(['section', 'text']);
const CONSTRAINT_KEYS = set(['oneOf', 'min', 'max', 'minLength', 'maxLength', 'match']);
const MANUAL_KEYS = set(['language', 'source', 'options']);

/** Collects problems until `limit` is reached (then stops walking: parse only needs the first). */
class Collector {
  readonly problems: ShapeProblem[] = [];
  constructor(private readonly limit: number) {}
  get full(): boolean {
    return this.problems.length >= this.limit;
  }
  add(path: JsonPath, message: string): void {
    if (!this.full) this.problems.push({ path, message });
  }
}

function isJsonValue(v: unknown, seen: Set<unknown>, depth: number): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || depth > 100 || seen.has(v)) return false;
  seen.add(v);
  const items = Array.isArray(v) ? v : Object.values(v as Obj);
  const okAll = items.every((x) => isJsonValue(x, seen, depth + 1));
  seen.delete(v);
  return okAll;
}

function checkKeys(c: Collector, o: Obj, allowed: ReadonlySet<string>, path: JsonPath, what: string): void {
  for (const key in o) {
    if (!Object.prototype.hasOwnProperty.call(o, key)) continue;
    if (!allowed.has(key)) {
      c.add([...path, key], `Unknown key \`${key}\` in ${what} ${show(path)}; expected one of ${[...allowed].join(', ')}.`);
    }
  }
}

type Check = 'string' | 'boolean' | 'count' | 'number';
function checkOptional(c: Collector, o: Obj, key: string, check: Check, path: JsonPath, required = false): void {
  const v = o[key];
  if (v === undefined) {
    if (required) c.add([...path, key], `Missing required key \`${key}\` at ${show(path)}.`);
    return;
  }
  const good =
    check === 'string' ? typeof v === 'string'
    : check === 'boolean' ? typeof v === 'boolean'
    : check === 'number' ? typeof v === 'number' && Number.isFinite(v)
    : typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (!good) {
    const p = [...path, key];
    const want = check === 'count' ? 'a non-negative integer' : `a ${check}`;
    c.add(p, `${show(p)} must be ${want}, got ${kindOf(v)} ${safeJson(v)}.`);
  }
}

function safeJson(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(typeof v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
  } catch {
    return kindOf(v);
  }
}

function checkEnum(c: Collector, o: Obj, key: string, values: readonly string[], path: JsonPath, required: boolean): void {
  const v = o[key];
  if (v === undefined && !required) return;
  if (typeof v !== 'string' || !values.includes(v)) {
    const got = v === undefined ? 'nothing' : safeJson(v);
    c.add([...path, key], `${show([...path, key])} must be one of ${values.join(', ')}; got ${got}.`);
  }
}

function checkArray(c: Collector, o: Obj, key: string, path: JsonPath, each: (v: unknown, p: JsonPath) => void): void {
  const v = o[key];
  if (v === undefined) return;
  const p = [...path, key];
  if (!Array.isArray(v)) {
    c.add(p, `${show(p)} must be an array, got ${kindOf(v)}.`);
    return;
  }
  for (let i = 0; i < v.length && !c.full; i++) each(v[i], [...p, i]);
}

function checkSort(c: Collector, o: Obj, key: string, path: JsonPath): void {
  checkArray(c, o, key, path, (f, p) => {
    if (!isObj(f)) {
      c.add(p, `Each sort entry (${show(p)}) must be an object like { "field": "name", "order": "asc" }.`);
      return;
    }
    checkKeys(c, f, SORT_KEYS, p, 'sort entry');
    checkOptional(c, f, 'field', 'string', p, true);
    checkEnum(c, f, 'order', SORT_ORDERS, p, false);
  });
}

function checkAttribute(c: Collector, a: unknown, path: JsonPath): void {
  if (!isObj(a)) {
    c.add(path, `Attribute ${show(path)} must be an object, got ${kindOf(a)}.`);
    return;
  }
  checkKeys(c, a, ATTRIBUTE_KEYS, path, 'attribute');
  checkOptional(c, a, 'id', 'string', path);
  checkOptional(c, a, 'name', 'string', path, true);
  checkEnum(c, a, 'type', ATTRIBUTE_TYPES, path, true);
  for (const key of ['primaryKey', 'allowNil', 'writable', 'public']) checkOptional(c, a, key, 'boolean', path);
  for (const key of ['description', 'ashType', 'sqlType']) checkOptional(c, a, key, 'string', path);
  checkEnum(c, a, 'generated', GENERATED, path, false);
  if ('default' in a && !isJsonValue(a.default, new Set(), 0)) {
    c.add([...path, 'default'], `${show([...path, 'default'])} must be a JSON literal.`);
  }
  const cons = a.constraints;
  if (cons === undefined) return;
  const cp = [...path, 'constraints'];
  if (!isObj(cons)) {
    c.add(cp, `${show(cp)} must be an object.`);
    return;
  }
  checkKeys(c, cons, CONSTRAINT_KEYS, cp, 'constraints');
  checkOptional(c, cons, 'min', 'number', cp);
  checkOptional(c, cons, 'max', 'number', cp);
  checkOptional(c, cons, 'minLength', 'count', cp);
  checkOptional(c, cons, 'maxLength', 'count', cp);
  checkOptional(c, cons, 'match', 'string', cp);
  if (cons.oneOf !== undefined && !(Array.isArray(cons.oneOf) && isJsonValue(cons.oneOf, new Set(), 0))) {
    c.add([...cp, 'oneOf'], `${show([...cp, 'oneOf'])} must be an array of JSON literals.`);
  }
}

function checkManual(c: Collector, m: unknown, path: JsonPath): void {
  if (!isObj(m)) {
    c.add(path, `${show(path)} must be an object { "language": "javascript", "source": "..." }.`);
    return;
  }
  checkKeys(c, m, MANUAL_KEYS, path, 'manual');
  checkEnum(c, m, 'language', ['javascript'], path, true);
  checkOptional(c, m, 'source', 'string', path, true);
  if (m.options !== undefined && !(isObj(m.options) && isJsonValue(m.options, new Set(), 0))) {
    c.add([...path, 'options'], `${show([...path, 'options'])} must be an object of JSON values.`);
  }
}

function checkRelationship(c: Collector, r: unknown, path: JsonPath): void {
  if (!isObj(r)) {
    c.add(path, `Relationship ${show(path)} must be an object, got ${kindOf(r)}.`);
    return;
  }
  checkEnum(c, r, 'kind', RELATIONSHIP_KINDS, path, true);
  const kind = typeof r.kind === 'string' ? r.kind : '';
  const allowed = Object.prototype.hasOwnProperty.call(REL_KEYS, kind) ? REL_KEYS[kind] : undefined;
  if (allowed) checkKeys(c, r, allowed, path, `${kind} relationship`);
  checkOptional(c, r, 'id', 'string', path);
  checkOptional(c, r, 'name', 'string', path, true);
  checkOptional(c, r, 'destination', 'string', path, true);
  for (const key of ['sourceAttribute', 'destinationAttribute', 'filter', 'description']) {
    checkOptional(c, r, key, 'string', path);
  }
  checkOptional(c, r, 'validateDestinationAttribute', 'boolean', path);
  checkSort(c, r, 'sort', path);
  checkSort(c, r, 'defaultSort', path);
  for (const key of ['allowNil', 'primaryKey', 'attributeWritable', 'defineAttribute', 'fromMany', 'noAttributes']) {
    checkOptional(c, r, key, 'boolean', path);
  }
  checkEnum(c, r, 'attributeType', ATTRIBUTE_TYPES, path, false);
  checkEnum(c, r, 'onDelete', REFERENCE_ACTIONS, path, false);
  checkEnum(c, r, 'onUpdate', REFERENCE_ACTIONS, path, false);
  checkOptional(c, r, 'limit', 'count', path);
  checkOptional(c, r, 'offset', 'count', path);
  for (const key of ['through', 'sourceAttributeOnJoinResource', 'destinationAttributeOnJoinResource', 'joinRelationship']) {
    checkOptional(c, r, key, 'string', path);
  }
  if (r.manual !== undefined) checkManual(c, r.manual, [...path, 'manual']);
}

function checkResource(c: Collector, r: unknown, path: JsonPath): void {
  if (!isObj(r)) {
    c.add(path, `Resource ${show(path)} must be an object, got ${kindOf(r)}.`);
    return;
  }
  checkKeys(c, r, RESOURCE_KEYS, path, 'resource');
  checkOptional(c, r, 'name', 'string', path, true);
  for (const key of ['id', 'module', 'table', 'description']) checkOptional(c, r, key, 'string', path);
  checkArray(c, r, 'attributes', path, (a, p) => checkAttribute(c, a, p));
  checkArray(c, r, 'relationships', path, (x, p) => checkRelationship(c, x, p));
  // Extension: actions and aggregates (docs/actions-and-aggregates.md).
  const add = (p: JsonPath, m: string): void => c.add(p, m);
  if (r.actions !== undefined && !c.full) checkActionsShape(r.actions, [...path, 'actions'], add);
  if (r.aggregates !== undefined && !c.full) checkAggregatesShape(r.aggregates, [...path, 'aggregates'], add);
  checkExtensions(c, r, path);
}

/** Extension keys of a resource (docs/model-extensions.md). */
function checkExtensions(c: Collector, r: Obj, path: JsonPath): void {
  checkOptional(c, r, 'external', 'boolean', path);
  if (r.ashVersion !== undefined && r.ashVersion !== 2 && r.ashVersion !== 3) c.add([...path, 'ashVersion'], `\`ashVersion\` at ${show(path)} must be 2 or 3.`);
  checkArray(c, r, 'identities', path, (x, p) => {
    if (!isObj(x)) return c.add(p, `Identity ${show(p)} must be an object { "name": ..., "keys": [...] }.`);
    checkKeys(c, x, IDENTITY_KEYS, p, 'identity');
    checkOptional(c, x, 'name', 'string', p, true);
    checkOptional(c, x, 'description', 'string', p);
    if (!Array.isArray(x.keys) || x.keys.length === 0 || !x.keys.every((k) => typeof k === 'string')) {
      c.add([...p, 'keys'], `${show([...p, 'keys'])} must be a non-empty array of attribute names.`);
    }
  });
  checkArray(c, r, 'calculations', path, (x, p) => {
    if (!isObj(x)) return c.add(p, `Calculation ${show(p)} must be an object { "name", "type", "expression" }.`);
    checkKeys(c, x, CALCULATION_KEYS, p, 'calculation');
    checkOptional(c, x, 'name', 'string', p, true);
    checkEnum(c, x, 'type', ATTRIBUTE_TYPES, p, true);
    checkOptional(c, x, 'expression', 'string', p, true);
    checkOptional(c, x, 'public', 'boolean', p);
    for (const key of ['description', 'ashSource']) checkOptional(c, x, key, 'string', p);
  });
  checkArray(c, r, 'preserved', path, (x, p) => {
    if (!isObj(x)) return c.add(p, `Preserved block ${show(p)} must be an object { "section", "text" }.`);
    checkKeys(c, x, PRESERVED_KEYS, p, 'preserved block');
    checkOptional(c, x, 'section', 'string', p, true);
    checkOptional(c, x, 'text', 'string', p, true);
  });
}

/** Every structural problem of `json` as a `relata/model@1` model (at most `limit`). */
export function checkModelShape(json: unknown, limit = Number.POSITIVE_INFINITY): ShapeProblem[] {
  const c = new Collector(limit);
  if (!isObj(json)) {
    c.add([], `A model must be a JSON object with "format": "${MODEL_FORMAT}", got ${kindOf(json)}.`);
    return c.problems;
  }
  if (json.format !== MODEL_FORMAT) {
    c.add(['format'], `\`format\` must be "${MODEL_FORMAT}", got ${safeJson(json.format)}.`);
  }
  checkKeys(c, json, MODEL_KEYS, [], 'model');
  checkOptional(c, json, 'name', 'string', [], true);
  checkOptional(c, json, 'module', 'string', []);
  if (!Array.isArray(json.resources)) {
    c.add(['resources'], `\`resources\` must be an array of resources, got ${json.resources === undefined ? 'nothing' : kindOf(json.resources)}.`);
  } else {
    checkArray(c, json, 'resources', [], (r, p) => checkResource(c, r, p));
  }
  return c.problems;
}

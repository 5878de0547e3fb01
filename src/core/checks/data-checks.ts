import type { Data, NAttribute, NormalizedModel, NResource } from '../model/types';
import type { Row } from '../query/types';

/**
 * Checks of data against a model: what loading would not reject (spec §2: keys may dangle) but
 * what the user should see — a has_one with several rows per parent, a non-nil belongs_to with a
 * null key, keys that point nowhere, duplicate join rows, and values that break an attribute
 * (required, `oneOf`, type, `min`/`max`). Warnings are grouped per rule and element, with the
 * indices of (at most 20 of) the offending rows.
 */

export type DataWarningCode =
  | 'has_one_multiple_rows'
  | 'belongs_to_null_key'
  | 'dangling_key'
  | 'duplicate_join_row'
  | 'duplicate_primary_key'
  | 'required'
  | 'not_one_of'
  | 'wrong_type'
  | 'out_of_range'
  | 'unknown_resource';

export interface DataWarning {
  code: DataWarningCode;
  resource: string;
  relationship?: string;
  attribute?: string;
  /** Row indices in `data[resource]` (first 20). */
  rows: number[];
  /** How many rows (or parents, for has_one) are affected. */
  count: number;
  message: string;
}

/** One problem with one value of one row (what the data grid shows in a cell). */
export interface FieldProblem {
  attribute: string;
  code: 'required' | 'not_one_of' | 'wrong_type' | 'out_of_range' | 'dangling_key' | 'belongs_to_null_key';
  message: string;
}

const MAX_ROWS = 20;

/** Values of `resource.attribute` over `data`, built once per check run. */
class KeyIndex {
  private readonly sets = new Map<string, Set<unknown>>();
  constructor(private readonly data: Data) {}
  has(resource: string, attribute: string, value: unknown): boolean {
    const k = `${resource}.${attribute}`;
    let s = this.sets.get(k);
    if (!s) {
      s = new Set((this.data[resource] ?? []).map((r) => norm(r?.[attribute])));
      this.sets.set(k, s);
    }
    return s.has(norm(value));
  }
}

/** Keys compare by value; a numeric string and a number that print alike are the same key in SQLite too. */
const norm = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);

interface KeyLink {
  attribute: string;
  target: { resource: string; attribute: string };
  relationship: string;
  /** The relationship is declared on the other resource (has_many/has_one destination keys). */
  via?: string;
}

const linkCache = new WeakMap<NormalizedModel, Map<string, KeyLink[]>>();

function keyLinks(model: NormalizedModel, resource: NResource): KeyLink[] {
  let perModel = linkCache.get(model);
  if (!perModel) linkCache.set(model, (perModel = new Map()));
  let links = perModel.get(resource.name);
  if (!links) perModel.set(resource.name, (links = computeKeyLinks(model, resource)));
  return links;
}

function computeKeyLinks(model: NormalizedModel, resource: NResource): KeyLink[] {
  const out: KeyLink[] = [];
  const seen = new Set<string>();
  const add = (l: KeyLink) => {
    const k = `${l.attribute}->${l.target.resource}.${l.target.attribute}`;
    if (seen.has(k) || !resource.attributes.some((a) => a.name === l.attribute)) return;
    seen.add(k);
    out.push(l);
  };
  for (const rel of resource.relationships) {
    if (rel.kind === 'belongs_to') add({ attribute: rel.sourceAttribute, target: { resource: rel.destination, attribute: rel.destinationAttribute }, relationship: rel.name });
  }
  for (const other of model.resources) {
    for (const rel of other.relationships) {
      if ((rel.kind === 'has_many' || rel.kind === 'has_one') && rel.destination === resource.name && !rel.manual && !rel.noAttributes) {
        add({ attribute: rel.destinationAttribute, target: { resource: other.name, attribute: rel.sourceAttribute }, relationship: rel.name, via: other.name });
      }
      if (rel.kind === 'many_to_many' && rel.through === resource.name) {
        add({ attribute: rel.sourceAttributeOnJoinResource, target: { resource: other.name, attribute: rel.sourceAttribute }, relationship: rel.name, via: other.name });
        add({ attribute: rel.destinationAttributeOnJoinResource, target: { resource: rel.destination, attribute: rel.destinationAttribute }, relationship: rel.name, via: other.name });
      }
    }
  }
  return out;
}

/** Problems of one value, independent of other rows. */
export function checkValue(attr: NAttribute, value: unknown): FieldProblem | null {
  const at = attr.name;
  if (value === null || value === undefined) {
    if (!attr.allowNil && attr.default === undefined && attr.generated === undefined) {
      return { attribute: at, code: 'required', message: `${at} is required (allowNil is false)` };
    }
    return null;
  }
  const typeError = wrongType(attr, value);
  if (typeError) return { attribute: at, code: 'wrong_type', message: `${at} must be ${typeError}; got ${JSON.stringify(value)}` };
  const c = attr.constraints;
  if (c?.oneOf && !c.oneOf.some((o) => o === value)) {
    return { attribute: at, code: 'not_one_of', message: `${at} must be one of ${c.oneOf.map((o) => JSON.stringify(o)).join(', ')}; got ${JSON.stringify(value)}` };
  }
  if (typeof value === 'number') {
    if (c?.min !== undefined && value < c.min) return { attribute: at, code: 'out_of_range', message: `${at} must be at least ${c.min}; got ${value}` };
    if (c?.max !== undefined && value > c.max) return { attribute: at, code: 'out_of_range', message: `${at} must be at most ${c.max}; got ${value}` };
  }
  if (typeof value === 'string') {
    const n = [...value].length;
    if (c?.minLength !== undefined && n < c.minLength) return { attribute: at, code: 'out_of_range', message: `${at} must have at least ${c.minLength} characters` };
    if (c?.maxLength !== undefined && n > c.maxLength) return { attribute: at, code: 'out_of_range', message: `${at} must have at most ${c.maxLength} characters` };
  }
  return null;
}

function wrongType(attr: NAttribute, v: unknown): string | null {
  switch (attr.type) {
    case 'integer':
      return Number.isInteger(v) ? null : 'an integer';
    case 'float':
      return typeof v === 'number' ? null : 'a number';
    case 'decimal':
      return (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) || typeof v === 'number' ? null : 'a decimal string such as "12.50"';
    case 'boolean':
      return typeof v === 'boolean' || v === 0 || v === 1 ? null : 'true or false';
    case 'uuid':
      return typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? null : 'a uuid';
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'a date (YYYY-MM-DD)';
    case 'utc_datetime':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? null : 'an ISO-8601 datetime';
    case 'map':
      return typeof v === 'object' && !Array.isArray(v) ? null : 'an object';
    case 'string':
    case 'ci_string':
    case 'atom':
      return typeof v === 'string' ? null : 'a string';
  }
}

/** Problems of one row, including keys that point nowhere in `data` (for the data grid). */
export function checkRow(model: NormalizedModel, resourceName: string, row: Row, data: Data, index: { has(r: string, a: string, v: unknown): boolean } = new KeyIndex(data)): FieldProblem[] {
  const resource = model.resources.find((r) => r.name === resourceName);
  if (!resource) return [];
  const out: FieldProblem[] = [];
  for (const attr of resource.attributes) {
    const p = checkValue(attr, row[attr.name]);
    if (p) out.push(p);
  }
  for (const link of keyLinks(model, resource)) {
    const v = row[link.attribute];
    if (v === null || v === undefined) continue;
    if (!index.has(link.target.resource, link.target.attribute, v)) {
      out.push({
        attribute: link.attribute,
        code: 'dangling_key',
        message: `${link.attribute} = ${JSON.stringify(v)} points to no ${link.target.resource} (by ${link.target.attribute})`,
      });
    }
  }
  for (const rel of resource.relationships) {
    if (rel.kind !== 'belongs_to' || rel.allowNil) continue;
    const v = row[rel.sourceAttribute];
    if ((v === null || v === undefined) && !out.some((p) => p.attribute === rel.sourceAttribute)) {
      out.push({ attribute: rel.sourceAttribute, code: 'belongs_to_null_key', message: `${resource.name}.${rel.name} does not allow nil but ${rel.sourceAttribute} is null` });
    }
  }
  return out;
}

/** A row checker sharing one key index over `data` (build it once per data revision). */
export function createRowChecker(model: NormalizedModel, data: Data): (resource: string, row: Row) => FieldProblem[] {
  const index = new KeyIndex(data);
  return (resource, row) => checkRow(model, resource, row, data, index);
}

export function checkData(model: NormalizedModel, data: Data): DataWarning[] {
  const out: DataWarning[] = [];
  const index = new KeyIndex(data);
  const byName = new Map(model.resources.map((r) => [r.name, r] as const));
  for (const name of Object.keys(data)) {
    if (!byName.has(name)) out.push({ code: 'unknown_resource', resource: name, rows: [], count: (data[name] ?? []).length, message: `data names ${name}, which is not a resource of the model` });
  }
  for (const resource of model.resources) {
    const rows = data[resource.name] ?? [];
    const groups = new Map<string, DataWarning>();
    const note = (key: string, make: () => Omit<DataWarning, 'rows' | 'count'>, i: number) => {
      let w = groups.get(key);
      if (!w) groups.set(key, (w = { ...make(), rows: [], count: 0 }));
      w.count++;
      if (w.rows.length < MAX_ROWS) w.rows.push(i);
    };
    rows.forEach((row, i) => {
      for (const p of checkRow(model, resource.name, row ?? {}, data, index)) {
        note(`${p.code}:${p.attribute}`, () => ({ code: p.code, resource: resource.name, attribute: p.attribute, relationship: relFor(resource, p.attribute), message: p.message }), i);
      }
    });
    const pk = resource.attributes.filter((a) => a.primaryKey).map((a) => a.name);
    if (pk.length > 0) {
      const seen = new Set<string>();
      rows.forEach((row, i) => {
        const k = JSON.stringify(pk.map((a) => norm(row?.[a])));
        if (seen.has(k)) note('pk', () => ({ code: 'duplicate_primary_key', resource: resource.name, attribute: pk.join(', '), message: `several ${resource.name} rows share the primary key` }), i);
        seen.add(k);
      });
    }
    for (const w of groups.values()) {
      // Per-row messages name one value; the group says how many rows it affects.
      if (w.count > 1) w.message = `${w.count} ${resource.name} rows: ${w.message} (first at row ${w.rows[0]})`;
      out.push(w);
    }
  }
  for (const resource of model.resources) {
    for (const rel of resource.relationships) {
      if (rel.kind === 'has_one' && !rel.fromMany && !rel.manual && !rel.noAttributes) {
        const parents = new Set((data[resource.name] ?? []).map((r) => norm(r?.[rel.sourceAttribute])).filter((v) => v !== null && v !== undefined));
        const perParent = new Map<unknown, number[]>();
        (data[rel.destination] ?? []).forEach((row, i) => {
          const k = norm(row?.[rel.destinationAttribute]);
          if (k === null || k === undefined || !parents.has(k)) return;
          const list = perParent.get(k) ?? [];
          list.push(i);
          perParent.set(k, list);
        });
        const multi = [...perParent.entries()].filter(([, l]) => l.length > 1);
        if (multi.length > 0) {
          out.push({
            code: 'has_one_multiple_rows', resource: resource.name, relationship: rel.name,
            rows: multi.flatMap(([, l]) => l).slice(0, MAX_ROWS), count: multi.length,
            message: `${resource.name}.${rel.name} is a has_one but ${multi.length} ${resource.name} record(s) have several ${rel.destination} rows (e.g. ${rel.sourceAttribute} = ${JSON.stringify(multi[0]![0])}); loads take the first`,
          });
        }
      }
      if (rel.kind === 'many_to_many') {
        const seen = new Map<string, number>();
        const dups: number[] = [];
        (data[rel.through] ?? []).forEach((row, i) => {
          const k = JSON.stringify([norm(row?.[rel.sourceAttributeOnJoinResource]), norm(row?.[rel.destinationAttributeOnJoinResource])]);
          if (seen.has(k)) dups.push(i);
          else seen.set(k, i);
        });
        if (dups.length > 0) {
          out.push({
            code: 'duplicate_join_row', resource: rel.through, relationship: rel.name, rows: dups.slice(0, MAX_ROWS), count: dups.length,
            message: `${dups.length} duplicate ${rel.through} row(s) for ${resource.name}.${rel.name}: the same pair is related twice`,
          });
        }
      }
    }
  }
  return out;
}

function relFor(resource: NResource, attribute: string): string | undefined {
  return resource.relationships.find((r) => r.kind === 'belongs_to' && r.sourceAttribute === attribute)?.name;
}

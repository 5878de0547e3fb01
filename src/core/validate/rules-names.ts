/**
 * Naming rules: identifier spelling, reserved names (Ash's `reserved_names/0`) and field-name
 * uniqueness, the latter checked on the normalized resource because Ash runs
 * RequireUniqueFieldNames after the belongs_to and join-relationship transformers.
 */
import type { NAttribute, NRelationship } from '../model/types';
import { attributePath, keyPath, relationshipPath, resourcePath, type JsonPath, type ValidationContext } from './context';

const RESOURCE_NAME = /^[A-Z][A-Za-z0-9]*$/;
/** Spec: snake_case, with Ash's optional trailing `?` or `!` (`is_public?`). */
const FIELD_NAME = /^[a-z_][a-z0-9_]*[?!]?$/;
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  '__struct__', '__meta__', '__metadata__', '__order__', '__lateral_join_source__', '*',
  'calculations', 'aggregates', 'relationships', 'as',
]);

interface Field {
  name: string;
  kind: 'attribute' | 'relationship';
  path: JsonPath;
  /** Why the field exists when the user did not write it (for messages). */
  origin?: string;
}

/**
 * The fields of resource `i` as (name, kind, where) with `where()` building the path and origin:
 * they are needed only for a diagnostic, and the editor re-checks every field after each edit.
 */
function eachField(ctx: ValidationContext, i: number, visit: (name: string, kind: Field['kind'], where: () => Field) => void): void {
  const user = ctx.model.resources[i];
  const norm = ctx.normalized.resources[i];
  if (!user || !norm) return;
  const userRels = user.relationships ?? [];
  const relIndex = (name: string): number => userRels.findIndex((r) => r.name === name);
  norm.attributes.forEach((a: NAttribute, j) => {
    visit(a.name, 'attribute', () => {
      if (a.addedBy === undefined) return { name: a.name, kind: 'attribute', path: attributePath(i, j) };
      const k = relIndex(a.addedBy);
      const r = userRels[k];
      return {
        name: a.name,
        kind: 'attribute',
        path: r ? keyPath(i, k, r, 'sourceAttribute') : resourcePath(i),
        origin: `added by belongs_to \`${a.addedBy}\``,
      };
    });
  });
  const offset = norm.relationships.length - userRels.length;
  norm.relationships.forEach((r: NRelationship, j) => {
    visit(r.name, 'relationship', () => {
      if (r.kind === 'has_many' && r.joinOf !== undefined) {
        const k = relIndex(r.joinOf);
        const m = userRels[k];
        return {
          name: r.name,
          kind: 'relationship',
          path: m ? keyPath(i, k, m, 'joinRelationship') : resourcePath(i),
          origin: `the join relationship many_to_many \`${r.joinOf}\` adds`,
        };
      }
      return { name: r.name, kind: 'relationship', path: relationshipPath(i, j - offset) };
    });
  });
}

export function checkNames(ctx: ValidationContext): void {
  const seenResources = new Set<string>();
  ctx.model.resources.forEach((res, i) => {
    if (!RESOURCE_NAME.test(res.name)) {
      ctx.out.push({
        severity: 'error', code: 'invalid_identifier', resource: res.name, path: [...resourcePath(i), 'name'],
        message: `Resource name \`${res.name}\` is not a valid identifier; use PascalCase letters and digits (e.g. \`BlogPost\`).`,
      });
    }
    if (seenResources.has(res.name)) {
      ctx.out.push({
        severity: 'error', code: 'invalid_model', resource: res.name, path: [...resourcePath(i), 'name'],
        message: `There are several resources named \`${res.name}\`; rename one (destinations refer to resources by name).`,
      });
    }
    seenResources.add(res.name);
    checkFields(ctx, i, res.name);
  });
  checkStorable(ctx);
}

/** Control characters (NUL included): no layer stores them in a name, and they hide in messages. */
const hasControl = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * Names no data layer can store as given (docs/limits.md): SQLite reserves tables named `sqlite_*`,
 * compares table names ignoring ASCII case, and hides the rowid behind a column named `rowid`,
 * `_rowid_` or `oid` (one of the three must stay free).
 */
function checkStorable(ctx: ValidationContext): void {
  const tables = new Map<string, { resource: string; table: string }>();
  ctx.normalized.resources.forEach((res, i) => {
    const at = (): JsonPath => [...resourcePath(i), ctx.model.resources[i]?.table !== undefined ? 'table' : 'name'];
    const push = (message: string) => ctx.out.push({ severity: 'error', code: 'unstorable_name', resource: res.name, path: at(), message });
    const table = res.table;
    const shown = JSON.stringify(table);
    if (table.length === 0) push(`Resource \`${res.name}\` has an empty table name.`);
    else if (hasControl(table)) push(`The table name ${shown} of \`${res.name}\` contains a control character; no data layer can store it.`);
    else if (table.toLowerCase().startsWith('sqlite_')) push(`The table name ${shown} of \`${res.name}\` starts with \`sqlite_\`, which SQLite reserves for itself; rename it.`);
    const key = table.toLowerCase();
    const other = tables.get(key);
    // The same table for two resources is Ash's shared table (each resource reads its own rows); only
    // names that differ in case alone collide without meaning to.
    if (other !== undefined && other.table !== table) {
      push(`The table ${shown} of \`${res.name}\` and the table of \`${other.resource}\` differ only in case; SQLite treats them as one table, rename one.`);
    } else if (other !== undefined) {
      ctx.out.push({
        severity: 'warning', code: 'shared_table', resource: res.name, path: at(),
        message: `\`${res.name}\` shares the table ${shown} with \`${other.resource}\` (as Ash allows); exports write it once, but previews keep sample rows per resource and cannot load both: give one its own table to preview it.`,
      });
    } else {
      tables.set(key, { resource: res.name, table });
    }
    const names = new Set(res.attributes.map((a) => a.name.toLowerCase()));
    if (names.has('rowid') && names.has('_rowid_') && names.has('oid')) {
      push(`Resource \`${res.name}\` declares attributes \`rowid\`, \`_rowid_\` and \`oid\`; SQLite needs one of the three names for its row ids, rename one.`);
    }
  });
}

function checkFields(ctx: ValidationContext, i: number, resource: string): void {
  const counts = new Map<string, number>();
  eachField(ctx, i, (name, kind, where) => {
    const problem = !FIELD_NAME.test(name) ? 'invalid' : RESERVED_NAMES.has(name) ? 'reserved' : null;
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    if (!problem && n !== 2) return;
    const f = where();
    const about = kind === 'attribute' ? { attribute: name } : { relationship: name };
    const what = `${kind === 'attribute' ? 'Attribute' : 'Relationship'} \`${resource}.${name}\`${f.origin ? ` (${f.origin})` : ''}`;
    const path = (): JsonPath => (f.origin ? f.path : [...f.path, 'name']);
    if (problem === 'invalid') {
      ctx.out.push({
        severity: 'error', code: 'invalid_identifier', resource, ...about, path: path(),
        message: `${what} is not a valid identifier; use snake_case: lower-case letters, digits and \`_\`, not starting with a digit.`,
      });
    } else if (problem === 'reserved') {
      ctx.out.push({
        severity: 'error', code: 'reserved_name', resource, ...about, path: path(),
        message: `${what} uses the reserved name \`${name}\` (Ash reserves ${[...RESERVED_NAMES].join(' ')}); rename it.`,
      });
    }
    if (n === 2) {
      ctx.out.push({
        severity: 'error', code: 'duplicate_field_name', resource, ...about, path: path(),
        message: `${what} has the same name as another attribute or relationship of ${resource}; field names must be unique across attributes and relationships, rename one.`,
      });
    }
  });
}

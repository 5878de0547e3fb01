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

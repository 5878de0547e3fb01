/**
 * Naming rules: identifier spelling, reserved names (Ash's `reserved_names/0`) and field-name
 * uniqueness, the latter checked on the normalized resource because Ash runs
 * RequireUniqueFieldNames after the belongs_to and join-relationship transformers.
 */
import type { NAttribute, NRelationship } from '../model/types';
import { attributePath, keyPath, relationshipPath, resourcePath, type JsonPath, type ValidationContext } from './context';

const RESOURCE_NAME = /^[A-Z][A-Za-z0-9]*$/;
const FIELD_NAME = /^[a-z_][a-z0-9_]*$/;
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

function fieldsOf(ctx: ValidationContext, i: number): Field[] {
  const user = ctx.model.resources[i];
  const norm = ctx.normalized.resources[i];
  if (!user || !norm) return [];
  const userRels = user.relationships ?? [];
  const relIndex = (name: string): number => userRels.findIndex((r) => r.name === name);
  const attrs = norm.attributes.map((a: NAttribute, j): Field => {
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
  const offset = norm.relationships.length - userRels.length;
  const rels = norm.relationships.map((r: NRelationship, j): Field => {
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
  return [...attrs, ...rels];
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
  for (const f of fieldsOf(ctx, i)) {
    const about = f.kind === 'attribute' ? { attribute: f.name } : { relationship: f.name };
    const what = (): string => `${f.kind === 'attribute' ? 'Attribute' : 'Relationship'} \`${resource}.${f.name}\`${f.origin ? ` (${f.origin})` : ''}`;
    if (!FIELD_NAME.test(f.name)) {
      ctx.out.push({
        severity: 'error', code: 'invalid_identifier', resource, ...about, path: f.origin ? f.path : [...f.path, 'name'],
        message: `${what()} is not a valid identifier; use snake_case: lower-case letters, digits and \`_\`, not starting with a digit.`,
      });
    } else if (RESERVED_NAMES.has(f.name)) {
      ctx.out.push({
        severity: 'error', code: 'reserved_name', resource, ...about, path: f.origin ? f.path : [...f.path, 'name'],
        message: `${what()} uses the reserved name \`${f.name}\` (Ash reserves ${[...RESERVED_NAMES].join(' ')}); rename it.`,
      });
    }
    const n = (counts.get(f.name) ?? 0) + 1;
    counts.set(f.name, n);
    if (n === 2) {
      ctx.out.push({
        severity: 'error', code: 'duplicate_field_name', resource, ...about, path: f.origin ? f.path : [...f.path, 'name'],
        message: `${what()} has the same name as another attribute or relationship of ${resource}; field names must be unique across attributes and relationships, rename one.`,
      });
    }
  }
}

/**
 * Reference resolution of a parsed expression against a normalized model (spec §3). Shared by the
 * validator (relationship filters) and the loader's binder, so both agree on what a name means.
 * Reports problems instead of failing, so an editor can underline every bad reference at once.
 */
import type { Span } from '../result';
import type { NAttribute, NRelationship, NResource, NormalizedModel } from '../model/types';
import type { Expr } from './ast';

export interface ResolveProblem {
  code: 'unknown_reference' | 'invalid_expression';
  message: string;
  span: Span;
}

export interface ResolveScope {
  model: NormalizedModel;
  /** The resource unqualified references are read on. */
  resource: string;
  /** Enclosing resources, innermost first: what `parent(...)` reads. */
  parents: string[];
}

interface ResourceIndex {
  resource: NResource;
  attributes: Map<string, NAttribute>;
  relationships: Map<string, NRelationship>;
}

// The validator resolves hundreds of filters per keystroke; index each model once.
const indexes = new WeakMap<NormalizedModel, Map<string, ResourceIndex>>();

export function indexModel(model: NormalizedModel): Map<string, ResourceIndex> {
  let index = indexes.get(model);
  if (!index) {
    index = new Map();
    for (const resource of model.resources) {
      if (index.has(resource.name)) continue; // duplicates: the first wins, as for destinations
      index.set(resource.name, {
        resource,
        attributes: new Map(resource.attributes.map((a) => [a.name, a])),
        relationships: new Map(resource.relationships.map((r) => [r.name, r])),
      });
    }
    indexes.set(model, index);
  }
  return index;
}

const TO_ONE = new Set(['belongs_to', 'has_one']);

interface Ctx {
  index: Map<string, ResourceIndex>;
  problems: ResolveProblem[];
}

interface Level {
  resource: string;
  parents: string[];
  /** Inside `parent(...)`: only single-valued paths are allowed. */
  toOneOnly: boolean;
}

/**
 * Walks relationship names from `start`; returns the final resource name, or undefined after
 * reporting a problem (or silently, when a destination is unknown: `unknown_destination` covers it).
 */
function walk(ctx: Ctx, start: string, names: string[], span: Span, toOneOnly: boolean): string | undefined {
  let current = start;
  for (const name of names) {
    const here = ctx.index.get(current);
    if (!here) return undefined;
    const rel = here.relationships.get(name);
    if (!rel) {
      const hint = here.attributes.has(name) ? ` (\`${name}\` is an attribute, not a relationship)` : '';
      ctx.problems.push({
        code: 'unknown_reference',
        message: `\`${name}\` is not a relationship of ${current}${hint}.`,
        span,
      });
      return undefined;
    }
    if (toOneOnly && !TO_ONE.has(rel.kind)) {
      ctx.problems.push({
        code: 'invalid_expression',
        message: `\`parent(...)\` must reach a single value, but \`${current}.${name}\` is a ${rel.kind} (to-many); use \`exists(...)\` instead.`,
        span,
      });
      return undefined;
    }
    current = rel.destination;
  }
  return current;
}

function resolveRef(ctx: Ctx, segments: string[], span: Span, level: Level): void {
  const attr = segments[segments.length - 1];
  if (attr === undefined) return;
  const owner = walk(ctx, level.resource, segments.slice(0, -1), span, level.toOneOnly);
  if (owner === undefined) return;
  const here = ctx.index.get(owner);
  if (!here || here.attributes.has(attr)) return;
  if (here.resource.aggregates?.some((a) => a.name === attr)) return; // aggregates are fields too
  if (here.resource.calculations?.some((c) => c.name === attr)) return; // and calculations (docs/model-extensions.md)
  const full = segments.join('.');
  const hint = here.relationships.has(attr)
    ? `; \`${attr}\` is a relationship, reference one of its attributes (e.g. \`${full}.id\`)`
    : `; attributes of ${owner}: ${[...here.attributes.keys()].join(', ') || '(none)'}`;
  ctx.problems.push({ code: 'unknown_reference', message: `\`${full}\`: ${owner} has no attribute \`${attr}\`${hint}.`, span });
}

function visit(ctx: Ctx, e: Expr, level: Level): void {
  switch (e.kind) {
    case 'literal':
    case 'pin':
      return;
    case 'list':
      for (const item of e.items) visit(ctx, item, level);
      return;
    case 'ref':
      resolveRef(ctx, e.segments, e.span, level);
      return;
    case 'parent': {
      const [outer, ...rest] = level.parents;
      if (outer === undefined) {
        ctx.problems.push({
          code: 'invalid_expression',
          message: '`parent(...)` has no enclosing record here; it is only valid in a relationship filter, a nested load, or inside `exists(...)`.',
          span: e.span,
        });
        return;
      }
      visit(ctx, e.expr, { resource: outer, parents: rest, toOneOnly: true });
      return;
    }
    case 'unary':
      visit(ctx, e.expr, level);
      return;
    case 'binary':
      visit(ctx, e.left, level);
      visit(ctx, e.right, level);
      return;
    case 'call':
      for (const arg of e.args) visit(ctx, arg, level);
      return;
    case 'exists': {
      // `exists` yields one boolean, so a to-many path is fine even inside `parent(...)`.
      const target = walk(ctx, level.resource, e.path, e.pathSpan, false);
      if (target === undefined) return;
      visit(ctx, e.expr, { resource: target, parents: [level.resource, ...level.parents], toOneOnly: false });
      return;
    }
    default: {
      const never: never = e;
      throw new Error(`unexpected expression ${JSON.stringify(never)}`);
    }
  }
}

export function resolveExpression(expr: Expr, scope: ResolveScope): ResolveProblem[] {
  const ctx: Ctx = { index: indexModel(scope.model), problems: [] };
  visit(ctx, expr, { resource: scope.resource, parents: scope.parents, toOneOnly: false });
  return ctx.problems;
}

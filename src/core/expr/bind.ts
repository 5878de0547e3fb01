import type { AttributeType } from '../model/types';
import { fail, RelataFailure } from '../result';
import type { ErrorCode } from '../result';
import type { ResourceSchema, Schema, Step } from '../schema/schema';
import { stepFor } from '../schema/schema';
import type { Expr } from './ast';
import type { BExpr } from './bound';
import { bindingKey } from './bound';
import { parseExpression } from './parser';
import { aggregateHooks, hasAggregate } from '../aggregates/registry';
import { findCalculation, inlineCalculation } from '../calculations/inline';
import { valueProblem } from './values';

/**
 * Binding context. `scopes[0]` is the resource of the row being filtered, `scopes[1]` its parent...
 * `params` are the param objects of the query levels, innermost first (spec §3: a pin reads the
 * params of its own level, else of the enclosing levels up to the top-level query).
 */
export interface BindScope {
  schema: Schema;
  scopes: ResourceSchema[];
  params: ReadonlyArray<Record<string, unknown> | undefined>;
  /** Code for unknown names: `no_such_attribute` in queries, `unknown_reference` in definitions. */
  unknownCode?: ErrorCode;
  /** Prefix for messages, e.g. "filter of Ticket.comments". */
  where?: string;
}

/** Parses and binds; throws a RelataFailure (invalid_expression / no_such_attribute) on a bad expression. */
export function bindFilter(source: string, scope: BindScope): BExpr {
  const parsed = parseExpression(source);
  if (!parsed.ok) {
    fail('invalid_expression', `${scope.where ?? 'filter'}: ${parsed.error.message}`, {
      span: parsed.error.span,
      source,
    });
  }
  return new Binder(scope, source).bind(parsed.value, 0, false);
}

type StaticType = AttributeType | 'number' | 'boolean_expr' | 'list' | 'unknown';

class Binder {
  /** Calculations being inlined (a calculation that refers to itself is an error, not a loop). */
  private readonly inlining = new Set<string>();

  constructor(
    private readonly scope: BindScope,
    private readonly source: string,
  ) {}

  bind(e: Expr, depth: number, inParent: boolean, scopes: ResourceSchema[] = this.scope.scopes): BExpr {
    switch (e.kind) {
      case 'literal': {
        // NUL is not part of any value (docs/limits.md): SQLite's text functions stop at it.
        const problem = valueProblem(e.value);
        if (problem) this.invalid(`${problem} is not a value`, e.span);
        return { k: 'lit', value: e.value };
      }
      case 'list':
        return { k: 'list', items: e.items.map((i) => this.bind(i, depth, inParent, scopes)) };
      case 'pin':
        return { k: 'lit', value: this.pin(e.name, e.span) };
      case 'ref':
        return this.ref(e, depth, inParent, scopes);
      case 'parent':
        if (depth + 1 >= scopes.length) {
          this.invalid('parent(...) has no enclosing record here', e.span);
        }
        return this.bind(e.expr, depth + 1, true, scopes);
      case 'unary': {
        const inner = this.bind(e.expr, depth, inParent, scopes);
        if (e.op === 'not') return { k: 'not', e: inner };
        if (inner.k === 'lit' && typeof inner.value === 'number') return { k: 'lit', value: -inner.value };
        return { k: 'neg', e: inner };
      }
      case 'binary': {
        const l = this.bind(e.left, depth, inParent, scopes);
        const r = this.bind(e.right, depth, inParent, scopes);
        const ci = isCompare(e.op) && (isCi(l) || isCi(r) || (e.op === 'in' && r.k === 'list' && r.items.some(isCi)));
        // A list value (a `^param` holding a list) only makes sense on the right of `in`: both layers refuse it elsewhere.
        const isListValue = (x: BExpr) => x.k === 'lit' && Array.isArray(x.value);
        if (isListValue(l) || (e.op !== 'in' && isListValue(r))) this.invalid('a list value can only be the right side of `in`', e.span);
        return { k: 'bin', op: e.op, l, r, ci };
      }
      case 'call': {
        const args = e.args.map((a) => this.bind(a, depth, inParent, scopes));
        const ci = e.fn === 'contains' && args.some(isCi);
        return { k: 'call', fn: e.fn, args, ci };
      }
      case 'exists': {
        const start = scopes[depth];
        if (!start) this.invalid('exists(...) has no row to start from', e.span);
        const path = this.walk(start, e.path, e.pathSpan, false);
        const dest = path.length > 0 ? path[path.length - 1]!.to : start;
        // Inside exists, depth 0 is the destination row and parent(...) reaches the row it started from.
        const inner = [dest, ...scopes.slice(depth)];
        const where = this.bind(e.expr, 0, false, inner);
        return { k: 'exists', depth, path, where: isTrue(where) ? null : where };
      }
    }
  }

  private ref(e: Extract<Expr, { kind: 'ref' }>, depth: number, inParent: boolean, scopes: ResourceSchema[]): BExpr {
    const resource = scopes[depth];
    if (!resource) return this.invalid('reference outside of any record', e.span);
    const relNames = e.segments.slice(0, -1);
    const attrName = e.segments[e.segments.length - 1]!;
    const path = this.walk(resource, relNames, e.span, inParent);
    const target = path.length > 0 ? path[path.length - 1]!.to : resource;
    const attr = target.attributes.get(attrName);
    if (!attr && hasAggregate(target, attrName)) {
      // Aggregates are fields too (docs/actions-and-aggregates.md §3).
      const agg = aggregateHooks().bind(this.scope.schema, target, attrName);
      return { k: 'agg', depth, path, pathKey: bindingKey(depth, path), agg, type: agg.type };
    }
    const calc = attr ? undefined : findCalculation(target, attrName);
    if (calc) return this.calculation(target, calc, relNames, depth, inParent, scopes);
    if (!attr) {
      const isRel = target.relationships.has(attrName);
      this.unknown(
        isRel
          ? `\`${attrName}\` is a relationship of ${target.name}, not an attribute; compare one of its attributes (e.g. \`${attrName}.id\`)`
          : `${target.name} has no attribute \`${attrName}\``,
        e.span,
      );
    }
    return { k: 'attr', depth, path, pathKey: bindingKey(depth, path), attr: attrName, type: attr.type };
  }

  /** A calculation named like a field: its expression bound here, errors naming the calculation. */
  private calculation(
    target: ResourceSchema,
    calc: { name: string },
    relNames: readonly string[],
    depth: number,
    inParent: boolean,
    scopes: ResourceSchema[],
  ): BExpr {
    const key = `${target.name}.${calc.name}`;
    if (this.inlining.has(key)) fail('invalid_expression', this.prefix(`calculation ${key} refers to itself`));
    this.inlining.add(key);
    try {
      const def = findCalculation(target, calc.name)!;
      return this.bind(inlineCalculation(target, def, relNames), depth, inParent, scopes);
    } catch (e) {
      if (e instanceof RelataFailure && !e.error.message.includes(`calculation ${key}`)) {
        const lead = this.scope.where ? `${this.scope.where}: ` : '';
        const inner = lead && e.error.message.startsWith(lead) ? e.error.message.slice(lead.length) : e.error.message;
        fail(e.error.code, this.prefix(`calculation ${key}: ${inner}`), { details: { resource: target.name, calculation: calc.name } });
      }
      throw e;
    } finally {
      this.inlining.delete(key);
    }
  }

  private walk(
    from: ResourceSchema,
    names: readonly string[],
    span: { start: number; end: number },
    toOneOnly: boolean,
  ): Step[] {
    const steps: Step[] = [];
    let current = from;
    if (names.length > MAX_PATH) {
      fail('too_deep', this.prefix(`a path of ${names.length} relationships is longer than the limit of ${MAX_PATH}`), { span, source: this.source });
    }
    for (const name of names) {
      const rel = current.relationships.get(name);
      if (!rel) {
        const isAttr = current.attributes.has(name);
        this.unknown(
          isAttr
            ? `\`${name}\` is an attribute of ${current.name}, not a relationship`
            : `${current.name} has no relationship \`${name}\``,
          span,
        );
      }
      if (toOneOnly && (rel.kind === 'has_many' || rel.kind === 'many_to_many')) {
        this.invalid(`parent(...) must reach a single value, but \`${name}\` is a to-many relationship`, span);
      }
      const step = stepFor(this.scope.schema, current, rel);
      if (!step) this.unknown(`relationship ${current.name}.${name} does not resolve (unknown destination or join)`, span);
      steps.push(step);
      current = step.to;
    }
    return steps;
  }

  private pin(name: string, span: { start: number; end: number }): unknown {
    for (const params of this.scope.params) {
      if (params && Object.prototype.hasOwnProperty.call(params, name)) {
        const value = params[name];
        if (value !== undefined) {
          const problem = valueProblem(value);
          if (problem) return this.invalid(`^${name} is ${problem}, not a value`, span);
          return normalizeParam(value);
        }
      }
    }
    return this.invalid(`^${name} has no value: pass it in the query's params`, span);
  }

  private unknown(message: string, span: { start: number; end: number }): never {
    return fail(this.scope.unknownCode ?? 'no_such_attribute', this.prefix(message), { span, source: this.source });
  }

  private invalid(message: string, span: { start: number; end: number }): never {
    return fail('invalid_expression', this.prefix(message), { span, source: this.source });
  }

  private prefix(message: string): string {
    return this.scope.where ? `${this.scope.where}: ${message}` : message;
  }
}

function isCompare(op: string): boolean {
  return op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=' || op === 'in';
}

function isCi(e: BExpr): boolean {
  return staticType(e) === 'ci_string';
}

function staticType(e: BExpr): StaticType {
  switch (e.k) {
    case 'attr':
      return e.type;
    case 'agg':
      return e.type === 'ci_string' ? 'ci_string' : 'unknown';
    case 'call':
      if (e.fn === 'if') {
        const a = staticType(e.args[1]!);
        return a !== 'unknown' ? a : staticType(e.args[2]!);
      }
      return 'unknown';
    default:
      return 'unknown';
  }
}

function isTrue(e: BExpr): boolean {
  return e.k === 'lit' && e.value === true;
}

/** Params come from JSON or from user code: keep JSON-like values, turn Sets into lists. */
/** Relationships in one path (`a.b.c.x` has 3): docs/limits.md. */
export const MAX_PATH = 64;

function normalizeParam(value: unknown): unknown {
  if (value instanceof Set) return [...value];
  return value;
}

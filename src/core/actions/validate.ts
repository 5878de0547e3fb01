/**
 * Definition-time checks of the `actions` and `aggregates` extensions (docs/actions-and-aggregates.md §4):
 * unknown attributes, arguments and relationships (`unknown_reference`), names (`invalid_identifier`,
 * `reserved_name`, `duplicate_field_name`), aggregate filters (`invalid_expression`, `unknown_reference`).
 */
import { parseExpression } from '../expr/parser';
import { resolveExpression } from '../expr/resolve';
import type { NRelationship, NResource } from '../model/types';
import type { Diagnostic } from '../validate/diagnostic';
import type { ResourceInfo, ValidationContext } from '../validate/context';
import { RESERVED_NAMES } from '../validate/rules-names';

const FIELD_NAME = /^[a-z_][a-z0-9_]*[?!]?$/;

export function checkActionsAndAggregates(ctx: ValidationContext): void {
  for (const info of ctx.resources.values()) {
    checkActions(ctx, info);
    checkAggregates(ctx, info);
  }
}

function push(ctx: ValidationContext, d: Diagnostic): void {
  ctx.out.push(d);
}

function checkActions(ctx: ValidationContext, info: ResourceInfo): void {
  const actions = info.norm.actions;
  if (!actions) return;
  const resource = info.norm.name;
  const base = ['resources', info.index, 'actions'];
  const seen = new Set<string>();
  actions.forEach((a, i) => {
    const path = [...base, i];
    const userEntry = info.user.actions?.[i];
    const userAction = typeof userEntry === 'object' && userEntry !== null ? userEntry : undefined;
    const at = (...rest: Array<string | number>): Array<string | number> => (userAction ? [...path, ...rest] : path);
    const label = `Action \`${resource}.${a.name}\``;
    if (!FIELD_NAME.test(a.name)) {
      push(ctx, { severity: 'error', code: 'invalid_identifier', resource, path: at('name'), message: `${label} is not a valid identifier; use snake_case.` });
    }
    if (seen.has(a.name)) {
      push(ctx, { severity: 'error', code: 'duplicate_field_name', resource, path: at('name'), message: `${label}: there is already an action named \`${a.name}\` on ${resource}; action names must be unique.` });
    }
    seen.add(a.name);
    const args = new Map(a.arguments.map((x) => [x.name, x]));
    a.arguments.forEach((x, k) => {
      if (!FIELD_NAME.test(x.name)) {
        push(ctx, { severity: 'error', code: 'invalid_identifier', resource, path: at('arguments', k, 'name'), message: `${label}: argument \`${x.name}\` is not a valid identifier; use snake_case.` });
      }
      if (a.accept.includes(x.name)) {
        push(ctx, { severity: 'error', code: 'duplicate_field_name', resource, path: at('arguments', k, 'name'), message: `${label}: argument \`${x.name}\` has the name of an accepted attribute; rename one.` });
      }
    });
    if (a.type === 'create' || a.type === 'update') {
      a.accept.forEach((name, k) => {
        if (name === '*') return;
        if (!info.attributes.has(name)) {
          push(ctx, {
            severity: 'error', code: 'unknown_reference', resource, attribute: name, path: at('accept', k),
            message: `${label} accepts \`${name}\`, which is not an attribute of ${resource}; pick one of ${[...info.attributes.keys()].join(', ') || '(none)'}.`,
          });
        }
      });
    }
    a.changes.forEach((c, k) => {
      if (c.kind === 'set_attribute') {
        if (!info.attributes.has(c.attribute)) {
          push(ctx, {
            severity: 'error', code: 'unknown_reference', resource, attribute: c.attribute, path: at('changes', k, 'attribute'),
            message: `${label}: set_attribute names \`${c.attribute}\`, which is not an attribute of ${resource}.`,
          });
        }
        return;
      }
      if (!args.has(c.argument)) {
        push(ctx, {
          severity: 'error', code: 'unknown_reference', resource, path: at('changes', k, 'argument'),
          message: `${label}: manage_relationship uses the argument \`${c.argument}\`, which the action does not declare; add it to \`arguments\`.`,
        });
      }
      const rel = info.relationships.get(c.relationship);
      if (!rel) {
        push(ctx, {
          severity: 'error', code: 'unknown_reference', resource, relationship: c.relationship, path: at('changes', k, 'relationship'),
          message: `${label}: manage_relationship names \`${c.relationship}\`, which is not a relationship of ${resource}.`,
        });
        return;
      }
      if (c.valueIsKey !== undefined) {
        const dest = ctx.resources.get(rel.destination);
        if (dest && !dest.attributes.has(c.valueIsKey)) {
          push(ctx, {
            severity: 'error', code: 'unknown_reference', resource, relationship: rel.name, path: at('changes', k, 'valueIsKey'),
            message: `${label}: valueIsKey \`${c.valueIsKey}\` is not an attribute of ${rel.destination}.`,
          });
        }
      }
    });
  });
}

function checkAggregates(ctx: ValidationContext, info: ResourceInfo): void {
  const aggregates = info.norm.aggregates;
  if (!aggregates) return;
  const resource = info.norm.name;
  const base = ['resources', info.index, 'aggregates'];
  const seen = new Set<string>();
  aggregates.forEach((g, i) => {
    const path = [...base, i];
    const label = `Aggregate \`${resource}.${g.name}\``;
    if (!FIELD_NAME.test(g.name)) {
      push(ctx, { severity: 'error', code: 'invalid_identifier', resource, path: [...path, 'name'], message: `${label} is not a valid identifier; use snake_case.` });
    } else if (RESERVED_NAMES.has(g.name)) {
      push(ctx, { severity: 'error', code: 'reserved_name', resource, path: [...path, 'name'], message: `${label} uses the reserved name \`${g.name}\`; rename it.` });
    }
    if (seen.has(g.name) || info.attributes.has(g.name) || info.relationships.has(g.name)) {
      push(ctx, {
        severity: 'error', code: 'duplicate_field_name', resource, path: [...path, 'name'],
        message: `${label} has the same name as another attribute, relationship or aggregate of ${resource}; field names must be unique.`,
      });
    }
    seen.add(g.name);
    let current: NResource | undefined = info.norm;
    for (let k = 0; k < g.path.length && current; k++) {
      const name = g.path[k]!;
      const rel: NRelationship | undefined = current.relationships.find((r) => r.name === name);
      if (!rel) {
        push(ctx, {
          severity: 'error', code: 'unknown_reference', resource, path: [...path, 'path', k],
          message: `${label}: \`${name}\` is not a relationship of ${current.name}.`,
        });
        current = undefined;
        break;
      }
      current = ctx.resources.get(rel.destination)?.norm;
    }
    if (!current) return;
    const dest = ctx.resources.get(current.name)!;
    if (g.field !== undefined && !dest.attributes.has(g.field)) {
      push(ctx, {
        severity: 'error', code: 'unknown_reference', resource, path: [...path, 'field'],
        message: `${label}: field \`${g.field}\` is not an attribute of ${dest.norm.name}; pick one of ${[...dest.attributes.keys()].join(', ')}.`,
      });
    }
    (g.sort ?? []).forEach((s, k) => {
      if (!dest.attributes.has(s.field)) {
        push(ctx, { severity: 'error', code: 'unknown_reference', resource, path: [...path, 'sort', k, 'field'], message: `${label}: sort field \`${s.field}\` is not an attribute of ${dest.norm.name}.` });
      }
    });
    if (g.filter !== undefined) {
      const parsed = parseExpression(g.filter);
      if (!parsed.ok) {
        push(ctx, { severity: 'error', code: 'invalid_expression', resource, path: [...path, 'filter'], span: parsed.error.span, message: `${label} has a filter that does not parse: ${parsed.error.message}` });
        return;
      }
      for (const p of resolveExpression(parsed.value, { model: ctx.normalized, resource: dest.norm.name, parents: [resource] })) {
        push(ctx, { severity: 'error', code: p.code, resource, path: [...path, 'filter'], span: p.span, message: `${label} filter (on ${dest.norm.name}): ${p.message}` });
      }
    }
  });
}

/**
 * Rules on the code inside a relationship: its `filter` (parsed, then resolved against the
 * destination with the source as `parent`), its `sort`/`defaultSort` fields, and manual modules.
 */
import { parseExpression } from '../expr/parser';
import { resolveExpression } from '../expr/resolve';
import { checkManualModuleStatic } from '../manual/static-check';
import type { ModuleCheck } from '../manual/contract';
import type { NHasMany, NHasOne, NRelationship, Relationship } from '../model/types';
import { keyPath, relationshipPath, type ResourceInfo, type ValidationContext } from './context';

// Validation runs after every edit and most edits leave filters alone: parse each text once.
// The ASTs are shared, which is safe because nothing downstream mutates them.
const PARSE_CACHE_LIMIT = 2048;
const parseCache = new Map<string, ReturnType<typeof parseExpression>>();
function parseCached(source: string): ReturnType<typeof parseExpression> {
  let hit = parseCache.get(source);
  if (!hit) {
    hit = parseExpression(source);
    if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.delete(parseCache.keys().next().value as string);
    parseCache.set(source, hit);
  }
  return hit;
}

const label = (source: ResourceInfo, r: NRelationship): string => `Relationship \`${source.norm.name}.${r.name}\``;

export function checkFilter(
  ctx: ValidationContext, source: ResourceInfo, dest: ResourceInfo, i: number, j: number, r: NRelationship,
): void {
  if (r.filter === undefined) return;
  const path = [...relationshipPath(i, j), 'filter'];
  const base = { resource: source.norm.name, relationship: r.name, path };
  const parsed = parseCached(r.filter);
  if (!parsed.ok) {
    ctx.out.push({
      ...base, severity: 'error', code: 'invalid_expression', span: parsed.error.span,
      message: `${label(source, r)} has a filter that does not parse at ${parsed.error.span.start}: ${parsed.error.message}`,
    });
    return;
  }
  const problems = resolveExpression(parsed.value, {
    model: ctx.normalized, resource: dest.norm.name, parents: [source.norm.name],
  });
  for (const p of problems) {
    ctx.out.push({
      ...base, severity: 'error', code: p.code, span: p.span,
      message: `${label(source, r)} filter (on ${dest.norm.name}, parent ${source.norm.name}): ${p.message}`,
    });
  }
}

export function checkSorts(
  ctx: ValidationContext, source: ResourceInfo, dest: ResourceInfo, i: number, j: number, user: Relationship, r: NRelationship,
): void {
  for (const key of ['sort', 'defaultSort'] as const) {
    (r[key] ?? []).forEach((f, k) => {
      if (dest.attributes.has(f.field)) return;
      const isRel = dest.relationships.has(f.field);
      ctx.out.push({
        severity: 'error', code: 'unknown_reference', resource: source.norm.name, relationship: r.name,
        path: key in user ? [...relationshipPath(i, j), key, k, 'field'] : relationshipPath(i, j),
        message: `${label(source, r)} ${key} field \`${f.field}\` is not an attribute of ${dest.norm.name}${isRel ? ' (it is a relationship; sort by an attribute)' : ''}; pick one of ${[...dest.attributes.keys()].join(', ') || '(none)'}.`,
      });
    });
  }
}

// Static checks parse the module (acorn); validation runs on every edit, so remember recent results.
const CACHE_LIMIT = 256;
const staticCache = new Map<string, ModuleCheck>();

export function staticCheck(source: string): ModuleCheck {
  const hit = staticCache.get(source);
  if (hit) return hit;
  let result: ModuleCheck;
  try {
    result = checkManualModuleStatic(source);
  } catch (e) {
    result = { ok: false, message: String(e) };
  }
  if (staticCache.size >= CACHE_LIMIT) staticCache.delete(staticCache.keys().next().value as string);
  staticCache.set(source, result);
  return result;
}

export function manualMessage(source: ResourceInfo, r: NRelationship, check: ModuleCheck): string {
  const at = check.line !== undefined ? ` (line ${check.line}${check.column !== undefined ? `, column ${check.column}` : ''})` : '';
  return `${label(source, r)} manual code is not usable${at}: ${check.message ?? 'unknown error'}. It must be an ES module exporting \`load(records, opts, ctx)\`.`;
}

export function checkManual(ctx: ValidationContext, source: ResourceInfo, i: number, j: number, r: NHasOne | NHasMany): void {
  if (!r.manual) return;
  const check = staticCheck(r.manual.source);
  if (check.ok) return;
  ctx.out.push({
    severity: 'error', code: 'manual_code_error', resource: source.norm.name, relationship: r.name,
    path: [...relationshipPath(i, j), 'manual', 'source'],
    message: manualMessage(source, r, check),
  });
}

export { keyPath };

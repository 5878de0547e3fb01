import { tokenize } from '../expr/lexer';
import type { AggregateDef } from '../aggregates/types';
import type { ActionEntry } from '../actions/types';
import { applyOp } from './ops';
import type { DocumentOp, RelataDocument } from './ops';
import { normalizeModel } from './normalize';
import { snake } from './snake';
import type { Relationship, Resource, Sort } from './types';

/**
 * Renames follow through: renaming a resource or an attribute also updates what depended on the old
 * name, as extra ops in the same undoable step (so the inverse is exact, op by op):
 * - a resource rename pins the defaults derived from its name (a has_many/has_one's
 *   `destinationAttribute` `author_id`, a many_to_many's join keys) so the inverse pair stays one;
 * - an attribute rename updates relationships' key attributes, relationship filters and sorts,
 *   aggregates (field, filter, sort), actions' `accept` and `set_attribute`, identities and
 *   calculations that named it.
 * Manual relationship code is left alone; `warnings` names the manual relationships whose code
 * mentions the old name (the caller shows them).
 */
export interface FollowThrough {
  ops: DocumentOp[];
  warnings: string[];
}

export function followRenames(doc: RelataDocument, ops: readonly DocumentOp[]): FollowThrough {
  const out: DocumentOp[] = [];
  const warnings: string[] = [];
  let current = doc;
  for (const op of ops) {
    const extra = op.kind === 'renameResource' ? resourceRename(current, op.from, op.to) : op.kind === 'updateAttribute' && op.attribute.name !== op.name ? attributeRename(current, op.resource, op.name, op.attribute.name) : null;
    out.push(op);
    const applied = applyOp(current, op);
    if (!applied.ok) {
      // The op fails as it is; leave it to the caller to report, without follow-ups.
      out.push(...ops.slice(ops.indexOf(op) + 1));
      return { ops: out, warnings };
    }
    current = applied.value.document;
    if (!extra) continue;
    warnings.push(...extra.warnings);
    for (const e of extra.ops) {
      const r = applyOp(current, e);
      if (!r.ok) continue;
      current = r.value.document;
      out.push(e);
    }
  }
  return { ops: out, warnings };
}

const word = (name: string) => new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[^A-Za-z0-9_]/g, '\\$&')}([^A-Za-z0-9_]|$)`);

function manualWarnings(doc: RelataDocument, concerns: (owner: Resource, rel: Relationship) => boolean, name: string, what: string): string[] {
  const out: string[] = [];
  for (const r of doc.model.resources) {
    for (const rel of r.relationships ?? []) {
      if (!('manual' in rel) || !rel.manual || !concerns(r, rel)) continue;
      if (word(name).test(rel.manual.source)) out.push(`${r.name}.${rel.name} is manual code that mentions \`${name}\`: it was left as it is; check it after renaming ${what}.`);
    }
  }
  return out;
}

function resourceRename(doc: RelataDocument, from: string, to: string): FollowThrough | null {
  if (from === to || !doc.model.resources.some((r) => r.name === from)) return null;
  const ops: DocumentOp[] = [];
  const key = `${snake(from)}_id`;
  for (const r of doc.model.resources) {
    const owner = r.name === from ? to : r.name;
    for (const rel of r.relationships ?? []) {
      let next: Relationship | null = null;
      if (r.name === from && (rel.kind === 'has_many' || rel.kind === 'has_one') && rel.destinationAttribute === undefined && !rel.manual && !rel.noAttributes) {
        next = { ...rel, destinationAttribute: key };
      }
      if (rel.kind === 'many_to_many') {
        const m = { ...rel };
        if (r.name === from && m.sourceAttributeOnJoinResource === undefined) m.sourceAttributeOnJoinResource = key;
        if (rel.destination === from && m.destinationAttributeOnJoinResource === undefined) m.destinationAttributeOnJoinResource = key;
        if (m.sourceAttributeOnJoinResource !== rel.sourceAttributeOnJoinResource || m.destinationAttributeOnJoinResource !== rel.destinationAttributeOnJoinResource) next = m;
      }
      if (!next) continue;
      // The rename already pointed destinations/through at the new name.
      const renamed = { ...next, destination: next.destination === from ? to : next.destination } as Relationship;
      if (renamed.kind === 'many_to_many' && renamed.through === from) renamed.through = to;
      ops.push({ kind: 'updateRelationship', resource: owner, name: rel.name, relationship: renamed });
    }
  }
  const warnings = manualWarnings(doc, (r, rel) => r.name === from || rel.destination === from, from, `resource ${from}`);
  return { ops, warnings };
}

/** Renames identifier `from` in an expression: bare names (`scope: 'row'`) or inside `parent(...)`. */
export function renameInExpression(source: string, from: string, to: string, scope: 'row' | 'parent'): string {
  const tokens = tokenize(source);
  const edits: Array<{ start: number; end: number }> = [];
  let parentDepth = 0;
  const stack: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (t.kind === 'punct' && t.text === '(') {
      const isParent = prev?.kind === 'ident' && prev.text === 'parent';
      stack.push(isParent);
      if (isParent) parentDepth++;
      continue;
    }
    if (t.kind === 'punct' && t.text === ')') {
      if (stack.pop()) parentDepth--;
      continue;
    }
    if (t.kind !== 'ident' || t.text !== from) continue;
    if (prev?.kind === 'punct' && prev.text === '.') continue; // a field of a related record
    if (next?.kind === 'punct' && next.text === '(') continue; // a function
    if ((scope === 'row') !== (parentDepth === 0)) continue;
    edits.push(t.span);
  }
  let out = source;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + to + out.slice(e.end);
  return out;
}

const renameSort = (sort: Sort | undefined, from: string, to: string): Sort | undefined =>
  sort?.some((s) => s.field === from) ? sort.map((s) => (s.field === from ? { ...s, field: to } : s)) : sort;

function attributeRename(doc: RelataDocument, resource: string, from: string, to: string): FollowThrough | null {
  const target = doc.model.resources.find((r) => r.name === resource);
  if (!target) return null;
  const normalized = normalizeModel(doc.model);
  const nres = (name: string) => normalized.resources.find((r) => r.name === name);
  const ops: DocumentOp[] = [];
  for (const r of doc.model.resources) {
    const patch: Record<string, unknown> = {};
    for (const rel of r.relationships ?? []) {
      const n = nres(r.name)?.relationships.find((x) => x.name === rel.name);
      if (!n) continue;
      const next = { ...rel } as Relationship & Record<string, unknown>;
      if (r.name === resource && n.sourceAttribute === from && !(rel.kind === 'belongs_to' && rel.sourceAttribute === undefined && !target.attributes?.some((a) => a.name === from))) next.sourceAttribute = to;
      if (rel.destination === resource) {
        if (n.destinationAttribute === from) next.destinationAttribute = to;
        if (rel.filter) next.filter = renameInExpression(rel.filter, from, to, 'row');
        next.sort = renameSort(rel.sort, from, to);
        next.defaultSort = renameSort(rel.defaultSort, from, to);
      }
      if (r.name === resource && rel.filter && next.filter === rel.filter) next.filter = renameInExpression(rel.filter, from, to, 'parent');
      if (n.kind === 'many_to_many' && n.through === resource) {
        if (n.sourceAttributeOnJoinResource === from) next.sourceAttributeOnJoinResource = to;
        if (n.destinationAttributeOnJoinResource === from) next.destinationAttributeOnJoinResource = to;
      }
      for (const k of ['filter', 'sort', 'defaultSort']) if (next[k] === undefined) delete next[k];
      if (JSON.stringify(next) !== JSON.stringify(rel)) ops.push({ kind: 'updateRelationship', resource: r.name, name: rel.name, relationship: next });
    }
    // Aggregates: the field/filter/sort at the end of the path (destination), `parent(...)` on the owner.
    if (r.aggregates) {
      const aggregates = r.aggregates.map((a) => {
        let dest: string | undefined = r.name;
        for (const step of a.path) dest = nres(dest ?? '')?.relationships.find((x) => x.name === step)?.destination;
        const next: AggregateDef = { ...a };
        if (dest === resource) {
          if (a.field === from) next.field = to;
          if (a.filter) next.filter = renameInExpression(a.filter, from, to, 'row');
          if (a.sort) next.sort = renameSort(a.sort, from, to);
        }
        if (r.name === resource && next.filter) next.filter = renameInExpression(next.filter, from, to, 'parent');
        return next;
      });
      if (JSON.stringify(aggregates) !== JSON.stringify(r.aggregates)) patch.aggregates = aggregates;
    }
    if (r.name === resource) {
      if (r.actions) {
        const actions = r.actions.map((e): ActionEntry => {
          if (typeof e === 'string') return e;
          const next = { ...e };
          if (e.accept?.includes(from)) next.accept = e.accept.map((x) => (x === from ? to : x));
          if (e.changes?.some((c) => c.kind === 'set_attribute' && c.attribute === from)) {
            next.changes = e.changes.map((c) => (c.kind === 'set_attribute' && c.attribute === from ? { ...c, attribute: to } : c));
          }
          return next;
        });
        if (JSON.stringify(actions) !== JSON.stringify(r.actions)) patch.actions = actions;
      }
      if (r.identities?.some((i) => i.keys.includes(from))) patch.identities = r.identities.map((i) => ({ ...i, keys: i.keys.map((k) => (k === from ? to : k)) }));
      if (r.calculations?.some((c) => renameInExpression(c.expression, from, to, 'row') !== c.expression)) {
        patch.calculations = r.calculations.map((c) => ({ ...c, expression: renameInExpression(c.expression, from, to, 'row') }));
      }
    }
    if (Object.keys(patch).length > 0) ops.push({ kind: 'updateResource', name: r.name, patch });
  }
  const warnings = manualWarnings(doc, (r, rel) => r.name === resource || rel.destination === resource, from, `${resource}.${from}`);
  return { ops, warnings };
}

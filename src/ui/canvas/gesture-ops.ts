/**
 * Pure builders of the `DocumentOp[]` one canvas gesture produces (add a resource, draw a
 * relationship, delete the selection). No React, no store: every function takes the document (and
 * the normalized model where defaults matter) and returns ops, so one gesture is one dispatch and
 * one undo step, and all of it is unit-testable in Node.
 */
import { resourceKeyOf, snake } from '../../core/index';
import type {
  Attribute, AttributeType, DocumentOp, Model, NormalizedModel, NRelationship, NResource, Relationship,
  RelataDocument, Resource,
} from '../../core/index';

export type Point = { x: number; y: number };

/** What the picker offers; `manual` is a has_many whose rows come from user code. */
export type PickerKind = 'belongs_to' | 'has_one' | 'has_many' | 'many_to_many' | 'manual';
export const PICKER_KINDS: readonly PickerKind[] = ['belongs_to', 'has_one', 'has_many', 'many_to_many', 'manual'];

export type Selection =
  | null
  | { kind: 'resource'; resource: string }
  | { kind: 'attribute'; resource: string; attribute: string }
  | { kind: 'relationship'; resource: string; relationship: string };

export const NODE_WIDTH = 240;
export const NODE_GAP_X = 120;
export const NODE_GAP_Y = 80;
const CELL_W = NODE_WIDTH + NODE_GAP_X;
const CELL_H = 220;

export const MANUAL_TEMPLATE = `// Receives all source records of one load level; return one entry per record.
export async function load(records, opts, ctx) {
  const rows = await ctx.read(ctx.query);
  return records.map(() => rows);
}
`;

// ---------------------------------------------------------------------------------------------
// Names

/** English plural of a snake_case word, good enough for suggestions (`category` → `categories`). */
export function plural(word: string): string {
  if (word === '') return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** `base`, else `base2`, `base3`, ... not in `taken`. */
export function uniqueName(base: string, taken: ReadonlySet<string>, separator = ''): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}${separator}${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Attribute and relationship names of a resource (they share one namespace), normalized included. */
export function fieldNames(model: Model, normalized: NormalizedModel | undefined, resource: string): Set<string> {
  const names = new Set<string>();
  const raw = model.resources.find((r) => r.name === resource);
  for (const a of raw?.attributes ?? []) names.add(a.name);
  for (const r of raw?.relationships ?? []) names.add(r.name);
  const n = normalized?.resources.find((r) => r.name === resource);
  for (const a of n?.attributes ?? []) names.add(a.name);
  for (const r of n?.relationships ?? []) names.add(r.name);
  return names;
}

/** The name the picker proposes: `Ticket → Representative` gives `representative` / `representatives`. */
export function suggestRelationshipName(kind: PickerKind, destination: string): string {
  const base = snake(destination);
  return kind === 'belongs_to' || kind === 'has_one' ? base : plural(base);
}

/** Which kind the inverse of `kind` is (manual has none). */
export function inverseKind(kind: PickerKind): PickerKind | null {
  switch (kind) {
    case 'belongs_to':
      return 'has_many';
    case 'has_one':
    case 'has_many':
      return 'belongs_to';
    case 'many_to_many':
      return 'many_to_many';
    case 'manual':
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Placement

function overlaps(p: Point, positions: Iterable<Point>): boolean {
  for (const q of positions) {
    // A gap of NODE_GAP_X either side: room for an edge and its label between neighbours.
    if (Math.abs(q.x - p.x) < NODE_WIDTH + NODE_GAP_X && Math.abs(q.y - p.y) < CELL_H - 40) return true;
  }
  return false;
}

/**
 * A free spot for a new node: near `near` if given (moving right then down until nothing overlaps),
 * else the first free cell of a grid to the right of the existing nodes' top row.
 */
export function placeNewNode(positions: Record<string, Point>, near?: Point): Point {
  const taken = Object.values(positions);
  if (near) {
    let p = { x: Math.round(near.x), y: Math.round(near.y) };
    for (let i = 0; i < 200 && overlaps(p, taken); i++) {
      p = i % 2 === 0 ? { x: p.x + 40, y: p.y + CELL_H / 2 } : { x: p.x + CELL_W / 2, y: p.y };
    }
    return p;
  }
  if (taken.length === 0) return { x: 0, y: 0 };
  const minX = Math.min(...taken.map((p) => p.x));
  const minY = Math.min(...taken.map((p) => p.y));
  const cols = Math.max(4, Math.ceil(Math.sqrt(taken.length + 1)));
  for (let i = 0; ; i++) {
    const p = { x: minX + (i % cols) * CELL_W, y: minY + Math.floor(i / cols) * CELL_H };
    if (!overlaps(p, taken)) return p;
  }
}

// ---------------------------------------------------------------------------------------------
// Add resource

export function newResourceName(model: Model, base = 'Resource'): string {
  return uniqueName(base, new Set(model.resources.map((r) => r.name)));
}

/** A new resource with a uuid primary key, at `position` (or a free spot, beside `beside` if given). */
export function addResourceOps(doc: RelataDocument, position?: Point, name?: string, beside?: string): { ops: DocumentOp[]; name: string } {
  const resourceName = name ?? newResourceName(doc.model);
  const resource: Resource = {
    name: resourceName,
    attributes: [{ name: 'id', type: 'uuid', primaryKey: true, generated: 'uuid' }],
    relationships: [],
  };
  const next = beside ? doc.layout.positions[resourceKeyOf(doc.model, beside)] : undefined;
  const at = position ? { x: Math.round(position.x), y: Math.round(position.y) }
    // In free space beside the selected resource (right of it, then below), else in the grid.
    : placeNewNode(doc.layout.positions, next ? { x: next.x + CELL_W, y: next.y } : undefined);
  return { ops: [{ kind: 'addResource', resource, position: at }], name: resourceName };
}

/** A new attribute `attribute`, `attribute_2`... of type string. */
export function addAttributeOps(doc: RelataDocument, normalized: NormalizedModel | undefined, resource: string): { ops: DocumentOp[]; name: string } {
  const name = uniqueName('attribute', fieldNames(doc.model, normalized, resource), '_');
  return { ops: [{ kind: 'addAttribute', resource, attribute: { name, type: 'string' } }], name };
}

// ---------------------------------------------------------------------------------------------
// Connect

export interface ConnectOptions {
  kind: PickerKind;
  name: string;
  /** Add the inverse on the destination with this name (its kind is `inverseKind(kind)`). */
  inverse?: { name: string } | null;
  /** many_to_many: an existing join resource, or a new one of this name. */
  through?: { existing: string } | { create: string };
}

export interface ConnectPlan {
  ops: DocumentOp[];
  /** What to select afterwards. */
  selection: Selection;
}

function primaryKeyOf(n: NResource | undefined): { name: string; type: AttributeType } {
  const pk = n?.attributes.find((a) => a.primaryKey);
  return pk ? { name: pk.name, type: pk.type } : { name: 'id', type: 'uuid' };
}

/** Suggested name of a new join resource: `Post` + `Tag` → `PostTag`. */
export function suggestJoinName(model: Model, from: string, to: string): string {
  const base = from === to ? `${from}Link` : `${from}${to}`;
  return newResourceName(model, base);
}

interface JoinKeys {
  /** Attribute on the join pointing at `from` / `to`. */
  fromKey: string;
  toKey: string;
}

/** Join attribute names: `<snake(from)>_id` / `<snake(to)>_id`, made distinct for a self-join. */
function joinKeyNames(from: string, to: string): { fromRel: string; toRel: string } {
  const a = snake(from);
  const b = snake(to);
  return a === b ? { fromRel: `source_${a}`, toRel: `related_${b}` } : { fromRel: a, toRel: b };
}

/**
 * A join resource for `from` ⇄ `to`: two `belongs_to` that are both part of the primary key, not
 * nil, typed like the related primary keys.
 */
export function createJoinResource(normalized: NormalizedModel, name: string, from: string, to: string): { resource: Resource; keys: JoinKeys } {
  const find = (r: string) => normalized.resources.find((x) => x.name === r);
  const fromPk = primaryKeyOf(find(from));
  const toPk = primaryKeyOf(find(to));
  const { fromRel, toRel } = joinKeyNames(from, to);
  const rel = (relName: string, destination: string, pk: { name: string; type: AttributeType }): Relationship => ({
    kind: 'belongs_to',
    name: relName,
    destination,
    primaryKey: true,
    allowNil: false,
    attributeType: pk.type,
    ...(pk.name !== 'id' ? { destinationAttribute: pk.name } : {}),
  });
  return {
    resource: { name, attributes: [], relationships: [rel(fromRel, from, fromPk), rel(toRel, to, toPk)] },
    keys: { fromKey: `${fromRel}_id`, toKey: `${toRel}_id` },
  };
}

/** For an existing join resource: the attributes of its belongs_to pointing at `from` and `to`. */
function existingJoinKeys(normalized: NormalizedModel, join: string, from: string, to: string): JoinKeys {
  const j = normalized.resources.find((r) => r.name === join);
  const bts = (j?.relationships ?? []).filter((r) => r.kind === 'belongs_to');
  const toFrom = bts.find((r) => r.destination === from);
  const toTo = bts.find((r) => r.destination === to && r !== toFrom);
  return {
    fromKey: toFrom?.sourceAttribute ?? `${snake(from)}_id`,
    toKey: toTo?.sourceAttribute ?? `${snake(to)}_id`,
  };
}

function midpoint(positions: Record<string, Point>, a: string, b: string): Point {
  const pa = positions[a] ?? { x: 0, y: 0 };
  const pb = positions[b] ?? { x: pa.x + CELL_W * 2, y: pa.y };
  if (a === b) return { x: pa.x + CELL_W, y: pa.y + CELL_H / 2 };
  return { x: Math.round((pa.x + pb.x) / 2), y: Math.round((pa.y + pb.y) / 2 + (Math.abs(pa.y - pb.y) < 40 ? CELL_H / 2 : 0)) };
}

/**
 * The ops of one drawn relationship `from → to`: the relationship, its inverse if asked, and for a
 * many_to_many a new join resource placed between the two.
 */
export function connectOps(doc: RelataDocument, normalized: NormalizedModel, from: string, to: string, opts: ConnectOptions): ConnectPlan {
  const ops: DocumentOp[] = [];
  const find = (r: string) => normalized.resources.find((x) => x.name === r);
  const fromPk = primaryKeyOf(find(from));
  const toPk = primaryKeyOf(find(to));
  const invKind = opts.inverse ? inverseKind(opts.kind) : null;
  const inverseName = opts.inverse?.name;

  switch (opts.kind) {
    case 'belongs_to': {
      const rel: Relationship = {
        kind: 'belongs_to',
        name: opts.name,
        destination: to,
        ...(toPk.type !== 'uuid' ? { attributeType: toPk.type } : {}),
        ...(toPk.name !== 'id' ? { destinationAttribute: toPk.name } : {}),
      };
      ops.push({ kind: 'addRelationship', resource: from, relationship: rel });
      if (invKind && inverseName) {
        const key = `${opts.name}_id`;
        ops.push({
          kind: 'addRelationship',
          resource: to,
          relationship: {
            kind: 'has_many',
            name: inverseName,
            destination: from,
            ...(key !== `${snake(to)}_id` ? { destinationAttribute: key } : {}),
            ...(toPk.name !== 'id' ? { sourceAttribute: toPk.name } : {}),
          },
        });
      }
      break;
    }
    case 'has_one':
    case 'has_many':
    case 'manual': {
      const key = `${snake(from)}_id`;
      const inverseKey = inverseName ? `${inverseName}_id` : key;
      const kind = opts.kind === 'has_one' ? 'has_one' : 'has_many';
      const rel: Relationship = {
        kind,
        name: opts.name,
        destination: to,
        ...(opts.kind === 'manual' ? { manual: { language: 'javascript' as const, source: MANUAL_TEMPLATE } } : {}),
        ...(opts.kind !== 'manual' && inverseKey !== key ? { destinationAttribute: inverseKey } : {}),
        ...(opts.kind !== 'manual' && fromPk.name !== 'id' ? { sourceAttribute: fromPk.name } : {}),
      };
      ops.push({ kind: 'addRelationship', resource: from, relationship: rel });
      if (invKind && inverseName) {
        ops.push({
          kind: 'addRelationship',
          resource: to,
          relationship: {
            kind: 'belongs_to',
            name: inverseName,
            destination: from,
            ...(fromPk.type !== 'uuid' ? { attributeType: fromPk.type } : {}),
            ...(fromPk.name !== 'id' ? { destinationAttribute: fromPk.name } : {}),
          },
        });
      }
      break;
    }
    case 'many_to_many': {
      const through = opts.through ?? { create: suggestJoinName(doc.model, from, to) };
      let join: string;
      let keys: JoinKeys;
      if ('create' in through) {
        join = through.create;
        const created = createJoinResource(normalized, join, from, to);
        keys = created.keys;
        ops.push({ kind: 'addResource', resource: created.resource, position: placeNewNode(doc.layout.positions, midpoint(doc.layout.positions, resourceKeyOf(doc.model, from), resourceKeyOf(doc.model, to))) });
      } else {
        join = through.existing;
        keys = existingJoinKeys(normalized, join, from, to);
      }
      const m2m = (name: string, source: string, destination: string, srcKey: string, dstKey: string, srcPk: string, dstPk: string): Relationship => ({
        kind: 'many_to_many',
        name,
        destination,
        through: join,
        ...(srcKey !== `${snake(source)}_id` ? { sourceAttributeOnJoinResource: srcKey } : {}),
        ...(dstKey !== `${snake(destination)}_id` ? { destinationAttributeOnJoinResource: dstKey } : {}),
        ...(srcPk !== 'id' ? { sourceAttribute: srcPk } : {}),
        ...(dstPk !== 'id' ? { destinationAttribute: dstPk } : {}),
      });
      ops.push({ kind: 'addRelationship', resource: from, relationship: m2m(opts.name, from, to, keys.fromKey, keys.toKey, fromPk.name, toPk.name) });
      if (invKind && inverseName) {
        ops.push({ kind: 'addRelationship', resource: to, relationship: m2m(inverseName, to, from, keys.toKey, keys.fromKey, toPk.name, fromPk.name) });
      }
      break;
    }
  }
  return { ops, selection: { kind: 'relationship', resource: from, relationship: opts.name } };
}

// ---------------------------------------------------------------------------------------------
// Delete

function findRaw(model: Model, resource: string): Resource | undefined {
  return model.resources.find((r) => r.name === resource);
}

/**
 * Ops deleting the selection. A resource takes the relationships that point at it (or go through
 * it) along, so nothing is left dangling; an implicit join relationship deletes its many_to_many.
 */
export function deleteSelectionOps(model: Model, normalized: NormalizedModel | undefined, selection: Selection): DocumentOp[] {
  if (!selection) return [];
  switch (selection.kind) {
    case 'resource': {
      if (!findRaw(model, selection.resource)) return [];
      const ops: DocumentOp[] = [];
      for (const r of model.resources) {
        if (r.name === selection.resource) continue;
        for (const rel of r.relationships ?? []) {
          const through = rel.kind === 'many_to_many' ? rel.through : undefined;
          if (rel.destination === selection.resource || through === selection.resource) {
            ops.push({ kind: 'removeRelationship', resource: r.name, name: rel.name });
          }
        }
      }
      ops.push({ kind: 'removeResource', name: selection.resource });
      return ops;
    }
    case 'attribute': {
      const raw = findRaw(model, selection.resource);
      if (!raw?.attributes?.some((a) => a.name === selection.attribute)) return [];
      return [{ kind: 'removeAttribute', resource: selection.resource, name: selection.attribute }];
    }
    case 'relationship': {
      const raw = findRaw(model, selection.resource);
      if (raw?.relationships?.some((r) => r.name === selection.relationship)) {
        return [{ kind: 'removeRelationship', resource: selection.resource, name: selection.relationship }];
      }
      const n = normalized?.resources.find((r) => r.name === selection.resource);
      const implicit = n?.relationships.find((r): r is NRelationship & { kind: 'has_many' } => r.kind === 'has_many' && r.name === selection.relationship);
      if (implicit?.joinOf) return [{ kind: 'removeRelationship', resource: selection.resource, name: implicit.joinOf }];
      return [];
    }
  }
}

/** The attribute with `patch` applied; keys set to `undefined` are dropped. */
export function patchAttribute(attr: Attribute, patch: Partial<Attribute>): Attribute {
  const next: Record<string, unknown> = { ...attr, ...patch };
  for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
  return next as unknown as Attribute;
}

/** The relationship with `patch` applied; keys set to `undefined` are dropped. */
export function patchRelationship(rel: Relationship, patch: Record<string, unknown>): Relationship {
  const next: Record<string, unknown> = { ...rel, ...patch };
  for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
  return next as unknown as Relationship;
}

/**
 * Stable ids of a document's entities (docs/model-format.md, "Ids"). Resources, attributes,
 * relationships, actions (object entries) and aggregates of a *document* carry an `id` that never
 * changes while the entity lives: renames keep it, undo restores it, a copy gets a fresh one. The
 * canvas keys its nodes, edges and layout by these ids and the selection is held by id, so renaming
 * a resource loses neither its place nor the selection.
 *
 * Ids are document state, not model content: the `relata/model@1` format accepts an `id` key but
 * every exporter writes the model through `stripIds`, and the normalizer (so the engine) never
 * sees one. A model entering the app without ids (a new model, an import, a share link, a saved
 * document from before ids) gets them from `assignDocumentIds`.
 *
 * Until an entity has an id its key is its name (`entityKey`): the layout of an id-less resource is
 * under its name, which is also how documents saved before ids stored it. `assignDocumentIds` moves
 * such layout entries (positions, pins, edge routes) to the new ids.
 */
import type { ActionEntry } from '../actions/types';
import type { AggregateDef } from '../aggregates/types';
import type { DocumentOp as Op, Layout, LayoutRoute, RelataDocument } from './ops';
import type { Attribute, Model, Relationship, Resource } from './types';

export type IdKind = 'resource' | 'attribute' | 'relationship' | 'action' | 'aggregate';

/** Makes a new id for an entity of `kind`; must not repeat (tests pass a counter). */
export type IdSource = (kind: IdKind) => string;

const PREFIX: Record<IdKind, string> = { resource: 'res', attribute: 'att', relationship: 'rel', action: 'act', aggregate: 'agg' };

function randomPart(): string {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  const words = new Uint32Array(2);
  if (c?.getRandomValues) c.getRandomValues(words);
  else for (let i = 0; i < words.length; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
  return Array.from(words, (w) => w.toString(36).padStart(7, '0')).join('').slice(0, 10);
}

/**
 * `res-k3j9x0qz1a`: a kind prefix and 10 random base-36 characters. The dash keeps ids apart from
 * names (resource names are Elixir aliases, field names atoms), so a key is never both.
 */
export const randomId: IdSource = (kind) => `${PREFIX[kind]}-${randomPart()}`;

/** A deterministic source for tests: `res-1`, `att-2`, ... */
export function counterIds(start = 1): IdSource {
  let n = start;
  return (kind) => `${PREFIX[kind]}-${n++}`;
}

interface Named {
  id?: string;
  name: string;
}

/** What the canvas and the layout key an entity by: its id, or its name while it has none. */
export const entityKey = (e: Named): string => e.id ?? e.name;

/** The resource a key (an id, or the name of a resource without id) stands for. */
export function resourceByKey(model: Model, key: string): Resource | undefined {
  return model.resources.find((r) => r.id === key) ?? model.resources.find((r) => r.id === undefined && r.name === key);
}

/** The first resource called `name` (the one the canvas draws when names repeat). */
export function resourceByName(model: Model, name: string): Resource | undefined {
  return model.resources.find((r) => r.name === name);
}

/** The layout key of the resource called `name`, or `name` itself when there is none. */
export function resourceKeyOf(model: Model, name: string): string {
  const r = resourceByName(model, name);
  return r ? entityKey(r) : name;
}

/** The key of a relationship (the id of the relationship, else `<resource key>.<name>`). */
export function relationshipKey(resource: Named, relationship: Named): string {
  return relationship.id ?? `${entityKey(resource)}.${relationship.name}`;
}

// ---------------------------------------------------------------------------------------------
// Collecting, assigning, stripping

const actionHasId = (e: ActionEntry): e is Exclude<ActionEntry, string> & { id?: string } => typeof e !== 'string';

/** Every id in use in `model`. */
export function idsOf(model: Model): Set<string> {
  const out = new Set<string>();
  const add = (x: { id?: string }) => {
    if (typeof x.id === 'string') out.add(x.id);
  };
  for (const r of model.resources ?? []) {
    add(r);
    for (const a of r.attributes ?? []) add(a);
    for (const rel of r.relationships ?? []) add(rel);
    for (const a of r.actions ?? []) if (actionHasId(a)) add(a);
    for (const g of r.aggregates ?? []) add(g);
  }
  return out;
}

/** Gives `x` a fresh id when it has none or one already `taken`; `taken` records what it keeps. */
function ensure<T extends { id?: string }>(x: T, kind: IdKind, taken: Set<string>, newId: IdSource): T {
  if (typeof x.id === 'string' && x.id !== '' && !taken.has(x.id)) {
    taken.add(x.id);
    return x;
  }
  let id = newId(kind);
  while (taken.has(id)) id = newId(kind);
  taken.add(id);
  return { ...x, id };
}

function ensureList<T extends { id?: string }>(list: T[] | undefined, kind: IdKind, taken: Set<string>, newId: IdSource): T[] | undefined {
  if (!list) return list;
  let changed = false;
  const out = list.map((x) => {
    const y = ensure(x, kind, taken, newId);
    if (y !== x) changed = true;
    return y;
  });
  return changed ? out : list;
}

/** One resource with an id on it and on each of its entities (none in `taken`, all added to it). */
export function resourceWithIds(r: Resource, taken: Set<string>, newId: IdSource = randomId): Resource {
  const base = ensure(r, 'resource', taken, newId);
  const attributes = ensureList(r.attributes, 'attribute', taken, newId);
  const relationships = ensureList(r.relationships, 'relationship', taken, newId);
  const aggregates = ensureList(r.aggregates, 'aggregate', taken, newId);
  let actions = r.actions;
  if (actions) {
    let changed = false;
    const next = actions.map((e) => {
      if (!actionHasId(e)) return e;
      const y = ensure(e, 'action', taken, newId);
      if (y !== e) changed = true;
      return y;
    });
    if (changed) actions = next;
  }
  if (base === r && attributes === r.attributes && relationships === r.relationships && aggregates === r.aggregates && actions === r.actions) return r;
  const out: Resource = { ...base };
  if (attributes) out.attributes = attributes;
  if (relationships) out.relationships = relationships;
  if (aggregates) out.aggregates = aggregates;
  if (actions) out.actions = actions;
  return out;
}

/**
 * `model` with an id on every resource, attribute, relationship, object action and aggregate that
 * lacks one (or repeats an earlier one). The same object when nothing was missing.
 */
export function assignIds(model: Model, newId: IdSource = randomId, taken: Set<string> = new Set()): Model {
  let changed = false;
  const resources = (model.resources ?? []).map((r) => {
    const y = resourceWithIds(r, taken, newId);
    if (y !== r) changed = true;
    return y;
  });
  return changed ? { ...model, resources } : model;
}

/**
 * The document with ids everywhere (`assignIds`) and its layout moved along: a resource whose key
 * changed (it had no id, or a repeated one) brings its position, pin and edge routes from the old
 * key to the new one. This migrates documents saved before ids (layout by resource name).
 */
export function assignDocumentIds(doc: RelataDocument, newId: IdSource = randomId): RelataDocument {
  const model = assignIds(doc.model, newId);
  if (model === doc.model) return doc;
  return { ...doc, model, layout: rekeyLayout(doc.layout, doc.model, model) };
}

const EDGE_FORMS = [(k: string) => `rel:${k}`, (k: string) => `m2m:${k}`, (k: string) => `m2m:${k}:in`, (k: string) => `m2m:${k}:out`];

/** `layout` keyed for `after` where it was keyed for `before` (the same resources, re-keyed). */
function rekeyLayout(layout: Layout, before: Model, after: Model): Layout {
  const nodes = new Map<string, string>();
  const edges = new Map<string, string>();
  before.resources.forEach((r, i) => {
    const next = after.resources[i];
    if (!next) return;
    const from = entityKey(r);
    const to = entityKey(next);
    if (from !== to && !nodes.has(from)) nodes.set(from, to);
    (r.relationships ?? []).forEach((rel, j) => {
      const nrel = next.relationships?.[j];
      if (!nrel) return;
      const a = relationshipKey(r, rel);
      const b = relationshipKey(next, nrel);
      if (a !== b) for (const form of EDGE_FORMS) if (!edges.has(form(a))) edges.set(form(a), form(b));
    });
  });
  if (nodes.size === 0 && edges.size === 0) return layout;
  const positions: Layout['positions'] = {};
  // Moved entries win over a stale entry already under the new key.
  for (const [k, p] of Object.entries(layout.positions)) if (!nodes.has(k)) positions[k] = p;
  for (const [k, p] of Object.entries(layout.positions)) {
    const key = nodes.get(k);
    if (key !== undefined) positions[key] = p;
  }
  const out: Layout = { ...layout, positions };
  if (layout.pinned) out.pinned = layout.pinned.map((k) => nodes.get(k) ?? k);
  if (layout.routes) {
    const routes: Record<string, LayoutRoute> = {};
    for (const [k, route] of Object.entries(layout.routes)) routes[edges.get(k) ?? k] = route;
    out.routes = routes;
  }
  return out;
}

function withoutId<T extends { id?: string }>(x: T): T {
  if (!('id' in x)) return x;
  const { id: _id, ...rest } = x;
  void _id;
  return rest as T;
}

function stripList<T extends object>(list: T[] | undefined): T[] | undefined {
  if (!list || !list.some((x) => typeof x === 'object' && x !== null && 'id' in x)) return list;
  return list.map((x) => (typeof x === 'object' && x !== null ? withoutId(x as { id?: string }) as T : x));
}

/**
 * The model without any `id`: what every exporter writes (JSON file, TypeScript, SQL, Ash, Mermaid,
 * share links, the Code tab). The same object when there were none.
 */
export function stripIds(model: Model): Model {
  let changed = false;
  const resources = (model.resources ?? []).map((r) => {
    const attributes = stripList(r.attributes);
    const relationships = stripList(r.relationships);
    const aggregates = stripList(r.aggregates);
    const actions = stripList(r.actions as Array<ActionEntry & object> | undefined) as ActionEntry[] | undefined;
    if (!('id' in r) && attributes === r.attributes && relationships === r.relationships && aggregates === r.aggregates && actions === r.actions) return r;
    changed = true;
    const out: Resource = withoutId(r);
    if (attributes) out.attributes = attributes;
    if (relationships) out.relationships = relationships;
    if (aggregates) out.aggregates = aggregates;
    if (actions) out.actions = actions;
    return out;
  });
  return changed ? { ...model, resources } : model;
}

/** True when `model` carries an id anywhere (exporters' tests check the opposite). */
export function hasIds(model: Model): boolean {
  return idsOf(model).size > 0;
}

// ---------------------------------------------------------------------------------------------
// Adopting ids by name (imports over the current model, code edits)

function adoptList<T extends Named>(list: T[] | undefined, from: readonly Named[] | undefined): T[] | undefined {
  if (!list || !from) return list;
  const used = new Set<string>();
  let changed = false;
  const out = list.map((x) => {
    if (x.id !== undefined) return x;
    const match = from.find((o) => o.name === x.name && o.id !== undefined && !used.has(o.id));
    if (!match?.id) return x;
    used.add(match.id);
    changed = true;
    return { ...x, id: match.id };
  });
  return changed ? out : list;
}

/** Object actions by name (an action's name defaults to its type). */
const namedActions = (list: ActionEntry[] | undefined): Named[] =>
  (list ?? []).filter(actionHasId).map((a) => (a.id === undefined ? { name: a.name ?? a.type } : { id: a.id, name: a.name ?? a.type }));

/** `fresh` (a resource read from text or a file) with the ids of `old`'s entities of the same names. */
export function adoptResourceIds(fresh: Resource, old: Resource): Resource {
  const out: Resource = fresh.id === undefined && old.id !== undefined ? { ...fresh, id: old.id } : { ...fresh };
  const attributes = adoptList<Attribute>(fresh.attributes, old.attributes);
  const relationships = adoptList<Relationship>(fresh.relationships, old.relationships);
  const aggregates = adoptList<AggregateDef>(fresh.aggregates, old.aggregates);
  if (attributes) out.attributes = attributes;
  if (relationships) out.relationships = relationships;
  if (aggregates) out.aggregates = aggregates;
  if (fresh.actions) {
    const olds = namedActions(old.actions);
    const used = new Set<string>();
    out.actions = fresh.actions.map((e) => {
      if (!actionHasId(e) || e.id !== undefined) return e;
      const match = olds.find((o) => o.name === (e.name ?? e.type) && o.id !== undefined && !used.has(o.id));
      if (!match?.id) return e;
      used.add(match.id);
      return { ...e, id: match.id } as ActionEntry;
    });
  }
  return out;
}

/**
 * `model` (an import, or a model read back from code) with the ids of `current`'s same-named
 * resources and fields, so what was there before keeps its place and selection.
 */
export function adoptIds(model: Model, current: Model): Model {
  const used = new Set<string>();
  return {
    ...model,
    resources: model.resources.map((r) => {
      const old = current.resources.find((o) => o.name === r.name && (o.id === undefined || !used.has(o.id)));
      if (!old) return r;
      if (old.id !== undefined) used.add(old.id);
      return adoptResourceIds(r, old);
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Ops entering the document

/** Ids of a resource and everything in it. */
function idsIn(r: Resource): string[] {
  return [...idsOf({ format: 'relata/model@1', name: '', resources: [r] })];
}

/**
 * `ops` as they enter `doc` (dispatched by the UI, not undo/redo, which replay exact inverses):
 * what they add gets ids (fresh, or kept when not already in use: a pasted copy gets new ones),
 * a replaced document gets `assignDocumentIds`, and a new actions/aggregates list keeps the ids of
 * same-named entries. Updates of an attribute or relationship keep its id by themselves (`applyOp`).
 */
export function opsWithIds(doc: RelataDocument, ops: readonly Op[], newId: IdSource = randomId): Op[] {
  const adds = (op: Op) =>
    op.kind === 'addResource' || op.kind === 'addAttribute' || op.kind === 'addRelationship' || op.kind === 'replaceDocument'
    || (op.kind === 'updateResource' && (op.patch.actions !== undefined || op.patch.aggregates !== undefined));
  // Most edits (moves, renames, updates) add nothing: no need to collect the ids in use.
  if (!ops.some(adds)) return ops.slice();
  const taken = idsOf(doc.model);
  // What the batch removes frees its ids (a resource replaced by remove + add keeps them).
  for (const op of ops) {
    const res = op.kind === 'removeResource' ? doc.model.resources.find((r) => r.name === op.name) : undefined;
    if (res) for (const id of idsIn(res)) taken.delete(id);
    if (op.kind === 'removeAttribute' || op.kind === 'removeRelationship') {
      const owner = doc.model.resources.find((r) => r.name === op.resource);
      const list: Named[] = (op.kind === 'removeAttribute' ? owner?.attributes : owner?.relationships) ?? [];
      const id = list.find((f) => f.name === op.name)?.id;
      if (id !== undefined) taken.delete(id);
    }
  }
  return ops.map((op): Op => {
    switch (op.kind) {
      case 'addResource': {
        const resource = resourceWithIds(op.resource, taken, newId);
        return resource === op.resource ? op : { ...op, resource };
      }
      case 'addAttribute': {
        const attribute = ensure(op.attribute, 'attribute', taken, newId);
        return attribute === op.attribute ? op : { ...op, attribute };
      }
      case 'addRelationship': {
        const relationship = ensure(op.relationship, 'relationship', taken, newId);
        return relationship === op.relationship ? op : { ...op, relationship };
      }
      case 'updateResource': {
        if (!op.patch.actions && !op.patch.aggregates) return op;
        const old = doc.model.resources.find((r) => r.name === op.name);
        const patch = { ...op.patch };
        if (patch.aggregates) {
          for (const g of old?.aggregates ?? []) if (g.id !== undefined) taken.delete(g.id);
          const adopted = old ? adoptList(patch.aggregates, old.aggregates) ?? patch.aggregates : patch.aggregates;
          patch.aggregates = ensureList(adopted, 'aggregate', taken, newId);
        }
        if (patch.actions) {
          for (const a of old?.actions ?? []) if (actionHasId(a) && a.id !== undefined) taken.delete(a.id);
          const adopted = old ? adoptResourceIds({ name: '', actions: patch.actions }, { name: '', actions: old.actions ?? [] }).actions ?? patch.actions : patch.actions;
          patch.actions = adopted.map((e) => (actionHasId(e) ? ensure(e, 'action', taken, newId) : e));
        }
        return { ...op, patch };
      }
      case 'replaceDocument': {
        const document = assignDocumentIds(op.document, newId);
        return document === op.document ? op : { ...op, document };
      }
      default:
        return op;
    }
  });
}

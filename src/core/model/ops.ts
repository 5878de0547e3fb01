import { assertNever, err, ok, relataError, type RelataError, type Result } from '../result';
import { entityKey } from './ids';
import type { Attribute, Model, Relationship, Resource } from './types';

/**
 * Canvas state kept beside the model, never inside it (exporters and the loader never see it).
 * Keyed by resource key (`entityKey`: the resource's id; its name only while it has no id, as in
 * documents saved before ids, which `assignDocumentIds` migrates).
 */
export interface Layout {
  positions: Record<string, { x: number; y: number }>;
  /** Resources (keys) that auto layout leaves where they are. */
  pinned?: string[];
  /**
   * Edge routes from the last auto layout, by canvas edge id: the path's points and the label box
   * (flow coordinates), valid while both ends are still at `ends` (else the canvas routes the edge).
   */
  routes?: Record<string, LayoutRoute>;
}

export interface LayoutRoute {
  points: Array<{ x: number; y: number }>;
  label?: { x: number; y: number; width: number; height: number };
  /** Positions of the source and target nodes the route was computed for. */
  ends: [{ x: number; y: number }, { x: number; y: number }];
}

/** What the app stores and autosaves: the model plus its layout. */
export interface RelataDocument {
  model: Model;
  layout: Layout;
}

/**
 * Every edit of a document is a list of ops. `applyOp(doc, op)` returns the new document and the
 * op that undoes it, so the undo stack is a stack of inverse op lists.
 * Ops work on the model as the user wrote it (defaults omitted), not on the normalized model.
 */
export type DocumentOp =
  | { kind: 'addResource'; resource: Resource; index?: number; position?: { x: number; y: number } }
  | { kind: 'removeResource'; name: string }
  /**
   * Renames a resource and every `destination`/`through` that names it. Its id, so its layout
   * entry, stays; a resource without id (layout by name) has its layout entry moved.
   */
  | { kind: 'renameResource'; from: string; to: string }
  /**
   * Sets top-level keys of a resource other than name/attributes/relationships (`undefined` removes
   * the key), including the whole `actions` and `aggregates` lists (docs/actions-and-aggregates.md).
   */
  | { kind: 'updateResource'; name: string; patch: Partial<Pick<Resource, 'module' | 'table' | 'description' | 'actions' | 'aggregates' | 'identities' | 'calculations' | 'preserved' | 'external'>> }
  | { kind: 'addAttribute'; resource: string; attribute: Attribute; index?: number }
  | { kind: 'removeAttribute'; resource: string; name: string }
  /**
   * Replaces the attribute called `name` (which may be renamed by `attribute.name`); an `attribute`
   * without `id` keeps the replaced one's id (so does `updateRelationship`).
   */
  | { kind: 'updateAttribute'; resource: string; name: string; attribute: Attribute }
  | { kind: 'moveAttribute'; resource: string; from: number; to: number }
  | { kind: 'addRelationship'; resource: string; relationship: Relationship; index?: number }
  | { kind: 'removeRelationship'; resource: string; name: string }
  /** Replaces the relationship called `name` (which may be renamed by `relationship.name`). */
  | { kind: 'updateRelationship'; resource: string; name: string; relationship: Relationship }
  | { kind: 'moveRelationship'; resource: string; from: number; to: number }
  | { kind: 'setModelInfo'; name?: string; module?: string | null }
  /** Moves the node of the resource called `resource` (its layout entry is under the resource's key). */
  | { kind: 'moveNode'; resource: string; to: { x: number; y: number } }
  | { kind: 'setLayout'; layout: Layout }
  | { kind: 'replaceDocument'; document: RelataDocument };

// ---------------------------------------------------------------------------------------------
// applyOp: copy-on-write, so documents on the undo stack stay valid; each op returns the ops that
// restore the previous document exactly (deep-equal), which the property test checks.

type Applied = Result<{ document: RelataDocument; inverse: DocumentOp[] }, RelataError>;

const notFound = (message: string): Applied => err(relataError('not_found', message));
const invalid = (message: string): Applied => err(relataError('invalid_model', message));
const done = (document: RelataDocument, inverse: DocumentOp[]): Applied => ok({ document, inverse });

function findResource(doc: RelataDocument, name: string): number {
  return doc.model.resources.findIndex((r) => r.name === name);
}

function withResources(doc: RelataDocument, resources: Resource[]): RelataDocument {
  return { ...doc, model: { ...doc.model, resources } };
}

function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  const copy = list.slice();
  copy[index] = item;
  return copy;
}

function insertAt<T>(list: readonly T[], index: number | undefined, item: T): T[] {
  const copy = list.slice();
  const at = index === undefined ? copy.length : Math.max(0, Math.min(index, copy.length));
  copy.splice(at, 0, item);
  return copy;
}

function move<T>(list: readonly T[], from: number, to: number): T[] | undefined {
  if (!inRange(from, list.length) || !inRange(to, list.length)) return undefined;
  const copy = list.slice();
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

const inRange = (i: number, length: number): boolean => Number.isInteger(i) && i >= 0 && i < length;

/** Sets or (for `undefined`) deletes keys, never leaving a key with an undefined value behind. */
function patchObject<T extends object>(o: T, patch: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...(o as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete copy[k];
    else copy[k] = v;
  }
  return copy as T;
}

function withoutPosition(layout: Layout, name: string): Layout {
  const positions = { ...layout.positions };
  delete positions[name];
  return { ...layout, positions };
}

/** Fields (attributes or relationships) of one resource, edited the same way. */
type FieldKey = 'attributes' | 'relationships';
type Field = Attribute | Relationship;

function editFields(
  doc: RelataDocument, resource: string, key: FieldKey,
  edit: (fields: Field[], res: Resource) => { fields: Field[]; inverse: DocumentOp[] } | string,
): Applied {
  const i = findResource(doc, resource);
  const res = doc.model.resources[i];
  if (!res) return notFound(`There is no resource \`${resource}\`.`);
  const result = edit((res[key] ?? []) as Field[], res);
  if (typeof result === 'string') return result.startsWith('no ') ? notFound(result) : invalid(result);
  const updated = { ...res, [key]: result.fields } as Resource;
  return done(withResources(doc, replaceAt(doc.model.resources, i, updated)), result.inverse);
}

function addField(doc: RelataDocument, resource: string, key: FieldKey, field: Field, index: number | undefined): Applied {
  return editFields(doc, resource, key, (fields, res) => {
    if (fields.some((f) => f.name === field.name)) return `${resource} already has ${key === 'attributes' ? 'an attribute' : 'a relationship'} \`${field.name}\`.`;
    const removal: DocumentOp =
      key === 'attributes' ? { kind: 'removeAttribute', resource, name: field.name } : { kind: 'removeRelationship', resource, name: field.name };
    // Removing again would leave `[]` where the key was absent; restore the exact document instead.
    const inverse: DocumentOp[] = res[key] === undefined ? [{ kind: 'replaceDocument', document: doc }] : [removal];
    return { fields: insertAt(fields, index, field), inverse };
  });
}

function removeField(doc: RelataDocument, resource: string, key: FieldKey, name: string): Applied {
  return editFields(doc, resource, key, (fields) => {
    const j = fields.findIndex((f) => f.name === name);
    const field = fields[j];
    if (!field) return `no ${key === 'attributes' ? 'attribute' : 'relationship'} \`${name}\` on ${resource}.`;
    const restore: DocumentOp =
      key === 'attributes'
        ? { kind: 'addAttribute', resource, attribute: field as Attribute, index: j }
        : { kind: 'addRelationship', resource, relationship: field as Relationship, index: j };
    return { fields: fields.filter((_, k) => k !== j), inverse: [restore] };
  });
}

function updateField(doc: RelataDocument, resource: string, key: FieldKey, name: string, field: Field): Applied {
  return editFields(doc, resource, key, (fields) => {
    const j = fields.findIndex((f) => f.name === name);
    const old = fields[j];
    if (!old) return `no ${key === 'attributes' ? 'attribute' : 'relationship'} \`${name}\` on ${resource}.`;
    if (field.name !== name && fields.some((f) => f.name === field.name)) return `${resource} already has a field \`${field.name}\`.`;
    // A replacement read from text or built without id is the same entity: it keeps the id.
    if (field.id === undefined && old.id !== undefined) field = { ...field, id: old.id };
    const inverse: DocumentOp =
      key === 'attributes'
        ? { kind: 'updateAttribute', resource, name: field.name, attribute: old as Attribute }
        : { kind: 'updateRelationship', resource, name: field.name, relationship: old as Relationship };
    return { fields: replaceAt(fields, j, field), inverse: [inverse] };
  });
}

function moveField(doc: RelataDocument, resource: string, key: FieldKey, from: number, to: number): Applied {
  return editFields(doc, resource, key, (fields) => {
    const moved = move(fields, from, to);
    if (!moved) return `Cannot move ${key} of ${resource} from ${from} to ${to}: index out of range.`;
    const back: DocumentOp =
      key === 'attributes' ? { kind: 'moveAttribute', resource, from: to, to: from } : { kind: 'moveRelationship', resource, from: to, to: from };
    return { fields: moved, inverse: [back] };
  });
}

function renameResource(doc: RelataDocument, from: string, to: string): Applied {
  const i = findResource(doc, from);
  if (i < 0) return notFound(`There is no resource \`${from}\`.`);
  if (from === to) return done(doc, []);
  if (findResource(doc, to) >= 0) return invalid(`A resource named \`${to}\` already exists.`);
  const rename = (n: string | undefined): string | undefined => (n === from ? to : n);
  const resources = doc.model.resources.map((r, k) => {
    const relationships = r.relationships?.map((rel) => {
      const touched = rel.destination === from || (rel.kind === 'many_to_many' && rel.through === from);
      if (!touched) return rel;
      const next = { ...rel, destination: rename(rel.destination) as string };
      if (rel.kind === 'many_to_many' && rel.through !== undefined) (next as typeof rel).through = rename(rel.through);
      return next;
    });
    const base = k === i ? { ...r, name: to } : r;
    return relationships === undefined || relationships.every((x, n) => x === r.relationships?.[n]) ? base : { ...base, relationships };
  });
  // The layout is keyed by id: it stays. Only a resource without id has it under its name.
  const byName = doc.model.resources[i]?.id === undefined;
  const pos = byName ? doc.layout.positions[from] : undefined;
  const moved = pos ? { ...doc.layout, positions: { ...withoutPosition(doc.layout, from).positions, [to]: pos } } : doc.layout;
  const layout = byName && moved.pinned?.includes(from) ? { ...moved, pinned: moved.pinned.map((n) => (n === from ? to : n)) } : moved;
  // Renaming back is exact only if nothing already said `to` (a dangling reference or a stale
  // layout entry would be renamed too); otherwise restore the whole document.
  const mentionsTo =
    (byName && (doc.layout.positions[to] !== undefined || !!doc.layout.pinned?.includes(to))) ||
    doc.model.resources.some((r) => (r.relationships ?? []).some((rel) => rel.destination === to || (rel.kind === 'many_to_many' && rel.through === to)));
  const inverse: DocumentOp[] = mentionsTo ? [{ kind: 'replaceDocument', document: doc }] : [{ kind: 'renameResource', from: to, to: from }];
  return done({ model: { ...doc.model, resources }, layout }, inverse);
}

export function applyOp(doc: RelataDocument, op: DocumentOp): Applied {
  switch (op.kind) {
    case 'addResource': {
      if (findResource(doc, op.resource.name) >= 0) return invalid(`A resource named \`${op.resource.name}\` already exists.`);
      const resources = insertAt(doc.model.resources, op.index, op.resource);
      const key = entityKey(op.resource);
      const old = doc.layout.positions[key];
      const layout = op.position ? { ...doc.layout, positions: { ...doc.layout.positions, [key]: op.position } } : doc.layout;
      const inverse: DocumentOp[] = [{ kind: 'removeResource', name: op.resource.name }];
      // removeResource drops the layout entry; put back one that was there before the add.
      if (old) inverse.push({ kind: 'setLayout', layout: doc.layout });
      return done({ model: { ...doc.model, resources }, layout }, inverse);
    }
    case 'removeResource': {
      const i = findResource(doc, op.name);
      const res = doc.model.resources[i];
      if (!res) return notFound(`There is no resource \`${op.name}\`.`);
      const position = doc.layout.positions[entityKey(res)];
      const resources = doc.model.resources.filter((_, k) => k !== i);
      const layout = position ? withoutPosition(doc.layout, entityKey(res)) : doc.layout;
      const add: DocumentOp = position ? { kind: 'addResource', resource: res, index: i, position } : { kind: 'addResource', resource: res, index: i };
      return done({ model: { ...doc.model, resources }, layout }, [add]);
    }
    case 'renameResource':
      return renameResource(doc, op.from, op.to);
    case 'updateResource': {
      const i = findResource(doc, op.name);
      const res = doc.model.resources[i];
      if (!res) return notFound(`There is no resource \`${op.name}\`.`);
      const back: Record<string, unknown> = {};
      for (const k of Object.keys(op.patch)) back[k] = (res as unknown as Record<string, unknown>)[k];
      const updated = patchObject(res, op.patch as Record<string, unknown>);
      return done(withResources(doc, replaceAt(doc.model.resources, i, updated)), [
        { kind: 'updateResource', name: op.name, patch: back as typeof op.patch },
      ]);
    }
    case 'addAttribute':
      return addField(doc, op.resource, 'attributes', op.attribute, op.index);
    case 'removeAttribute':
      return removeField(doc, op.resource, 'attributes', op.name);
    case 'updateAttribute':
      return updateField(doc, op.resource, 'attributes', op.name, op.attribute);
    case 'moveAttribute':
      return moveField(doc, op.resource, 'attributes', op.from, op.to);
    case 'addRelationship':
      return addField(doc, op.resource, 'relationships', op.relationship, op.index);
    case 'removeRelationship':
      return removeField(doc, op.resource, 'relationships', op.name);
    case 'updateRelationship':
      return updateField(doc, op.resource, 'relationships', op.name, op.relationship);
    case 'moveRelationship':
      return moveField(doc, op.resource, 'relationships', op.from, op.to);
    case 'setModelInfo': {
      const back: DocumentOp = { kind: 'setModelInfo' };
      const patch: Record<string, unknown> = {};
      if (op.name !== undefined) {
        back.name = doc.model.name;
        patch.name = op.name;
      }
      if (op.module !== undefined) {
        back.module = doc.model.module ?? null;
        patch.module = op.module ?? undefined;
      }
      return done({ ...doc, model: patchObject(doc.model, patch) }, [back]);
    }
    case 'moveNode': {
      const res = doc.model.resources[findResource(doc, op.resource)];
      if (!res) return notFound(`There is no resource \`${op.resource}\`.`);
      const key = entityKey(res);
      const old = doc.layout.positions[key];
      const layout = { ...doc.layout, positions: { ...doc.layout.positions, [key]: op.to } };
      const inverse: DocumentOp = old ? { kind: 'moveNode', resource: op.resource, to: old } : { kind: 'setLayout', layout: doc.layout };
      return done({ ...doc, layout }, [inverse]);
    }
    case 'setLayout':
      return done({ ...doc, layout: op.layout }, [{ kind: 'setLayout', layout: doc.layout }]);
    case 'replaceDocument':
      return done(op.document, [{ kind: 'replaceDocument', document: doc }]);
    default:
      return assertNever(op, 'document op');
  }
}

/** Applies ops in order, all or nothing; the inverse undoes them all (last op first). */
export function applyOps(doc: RelataDocument, ops: readonly DocumentOp[]): Applied {
  let current = doc;
  const inverses: DocumentOp[][] = [];
  for (const op of ops) {
    const r = applyOp(current, op);
    if (!r.ok) return r;
    current = r.value.document;
    inverses.push(r.value.inverse);
  }
  return done(current, inverses.reverse().flat());
}

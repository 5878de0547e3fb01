/**
 * The canvas is a pure projection of the document: `toFlow(model, normalized, layout, selection)`
 * gives React Flow nodes and edges. Nodes carry only the resource name (node components subscribe
 * to their own resource), so the arrays are cheap to rebuild; `reconcile` keeps the previous
 * objects when nothing of them changed, so React Flow re-renders only what moved.
 *
 * Node ids are resource keys (the resource's id, `entityKey`), edge ids are built from the owning
 * relationship's id (`rel:<id>`, `m2m:<id>:in`), and the layout is keyed the same way: a rename
 * changes labels, never ids, so positions, pins and routes stay.
 */
import type { Edge, Node } from '@xyflow/react';
import { entityKey } from '../../core/index';
import type { Diagnostic, Layout, Model, NManyToMany, NormalizedModel, NRelationship, NResource, Resource } from '../../core/index';
import { NODE_WIDTH, placeNewNode, type Point, type Selection } from './gesture-ops';
import { nodeHeight, nodeRows } from './node-view';
import { routeEdges, type Box, type EdgeGeometry } from './routing';

/**
 * Every edge is drawn along its own route (routing.ts), so a node has just two handles, `in` and
 * `out`, for drawing new relationships; edges name them for React Flow's bookkeeping only.
 */
export type ResourceNodeData = { name: string; pinned?: boolean };
export type ResourceFlowNode = Node<ResourceNodeData, 'resource'>;

/** Crow's-foot end: exactly one, zero or one, zero or many. */
export type Cardinality = 'one' | 'zero-one' | 'many';

export interface EdgeLabel {
  /** The resource owning the relationship (what selecting it selects). */
  resource: string;
  relationship: string;
  kind: NRelationship['kind'];
  /** Secondary labels (the join's belongs_to) are drawn smaller. */
  secondary?: boolean;
}

export type RelationshipEdgeData = {
  labels: EdgeLabel[];
  variant: 'solid' | 'manual' | 'no-attributes' | 'through';
  startCardinality: Cardinality;
  endCardinality: Cardinality;
  /** Among edges joining the same two nodes (either way): index and count, to fan them out. */
  parallelIndex: number;
  parallelCount: number;
  hasError: boolean;
  /** The route (flow coordinates) and the label box, from auto layout or routing.ts. */
  points: Point[];
  label: Box | null;
  /** Set while one of its nodes is being dragged: drawn straight between the handles until the drop. */
  live?: boolean;
};
export type RelationshipFlowEdge = Edge<RelationshipEdgeData, 'relationship'>;

export interface Flow {
  nodes: ResourceFlowNode[];
  edges: RelationshipFlowEdge[];
}

/** Positions of every resource by key: the layout's, or a free spot for those it lacks. */
export function positionsFor(model: Model, layout: Layout): Record<string, Point> {
  const positions: Record<string, Point> = {};
  for (const r of model.resources) {
    const p = layout.positions[entityKey(r)];
    if (p) positions[entityKey(r)] = p;
  }
  for (const r of model.resources) {
    if (!positions[entityKey(r)]) positions[entityKey(r)] = placeNewNode(positions);
  }
  return positions;
}

const key = (resource: string, relationship: string) => `${resource}\u0000${relationship}`;

/** Node and edge keys by name, from the raw model (the normalized one carries no ids). */
export interface EntityKeys {
  /** The node id of the (first) resource called `name`; the name itself without such a resource. */
  resource(name: string): string;
  /** The key of relationship `relationship` of resource `resource`: its id, else `<resource key>.<name>`. */
  relationship(resource: string, relationship: string): string;
}

/** Keys of `model`'s resources and relationships; without a model, names (as before ids). */
export function entityKeysOf(model?: Model): EntityKeys {
  const byName = new Map<string, Resource>();
  for (const r of model?.resources ?? []) if (!byName.has(r.name)) byName.set(r.name, r);
  const resource = (name: string) => {
    const r = byName.get(name);
    return r ? entityKey(r) : name;
  };
  return {
    resource,
    relationship: (owner, name) => byName.get(owner)?.relationships?.find((x) => x.name === name)?.id ?? `${resource(owner)}.${name}`,
  };
}

/** Size of an edge's label box (canvas.css: 11px monospace names, 10px for secondary ones). */
export function labelSize(labels: readonly EdgeLabel[], variant: RelationshipEdgeData['variant']): { width: number; height: number } {
  let width = 10 + (variant === 'manual' ? 16 : 0);
  labels.forEach((l, i) => {
    const chars = l.relationship.length + (i > 0 && !l.secondary ? 2 : 0);
    width += chars * (l.secondary ? 6.1 : 6.7) + 14;
  });
  return { width: Math.ceil(width), height: 22 };
}

/** Node boxes (by node id) as the canvas draws them (header + attribute rows, canvas.css). */
export function nodeBoxes(normalized: NormalizedModel, positions: Record<string, Point>, keys: EntityKeys = entityKeysOf()): Map<string, Box> {
  const attrs = new Map<string, number>();
  for (const r of normalized.resources) if (!attrs.has(keys.resource(r.name))) attrs.set(keys.resource(r.name), nodeRows(r));
  const boxes = new Map<string, Box>();
  for (const [id, p] of Object.entries(positions)) boxes.set(id, { x: p.x, y: p.y, width: NODE_WIDTH, height: nodeHeight(attrs.get(id) ?? 0) });
  return boxes;
}

/** Edge geometry, once per (layout, model): selection changes rebuild the flow, not the routes. */
const geometryCache = new WeakMap<Layout, { normalized: NormalizedModel; ids: string; geometry: Map<string, EdgeGeometry> }>();
function geometryOf(layout: Layout, normalized: NormalizedModel, positions: Record<string, Point>, edges: readonly RelationshipFlowEdge[], keys: EntityKeys): Map<string, EdgeGeometry> {
  const ids = edges.map((e) => `${e.id}\u0000${e.source}\u0000${e.target}`).join('\n');
  const hit = geometryCache.get(layout);
  if (hit && hit.normalized === normalized && hit.ids === ids) return hit.geometry;
  const geometry = routeEdges(nodeBoxes(normalized, positions, keys), edges.map((e) => ({
    id: e.id, source: e.source, target: e.target, spread: (e.data?.parallelIndex ?? 0) - ((e.data?.parallelCount ?? 1) - 1) / 2,
    ...(e.data && e.data.labels.length ? { label: labelSize(e.data.labels, e.data.variant) } : {}),
  })), layout.routes);
  geometryCache.set(layout, { normalized, ids, geometry });
  return geometry;
}

export function toFlow(
  model: Model,
  normalized: NormalizedModel,
  layout: Layout,
  selection: Selection,
  diagnostics: readonly Diagnostic[] = [],
): Flow {
  const positions = positionsFor(model, layout);
  const keys = entityKeysOf(model);
  const nodes: ResourceFlowNode[] = [];
  const seen = new Set<string>();
  for (const r of model.resources) {
    if (seen.has(r.name)) continue; // duplicate names: the first wins (as for destinations)
    seen.add(r.name);
    nodes.push({
      id: entityKey(r),
      type: 'resource',
      position: positions[entityKey(r)] ?? { x: 0, y: 0 },
      data: { name: r.name },
      selected: selection?.kind !== 'relationship' && selection?.resource === r.name,
      ariaLabel: `Resource ${r.name}`,
    });
  }
  const pinned = new Set(layout.pinned ?? []);
  for (const n of nodes) if (pinned.has(n.id)) n.data.pinned = true;
  const edges = toEdges(normalized, seen, selection, diagnostics, keys);
  const geometry = geometryOf(layout, normalized, positions, edges, keys);
  for (const e of edges) {
    const g = geometry.get(e.id);
    if (g && e.data) {
      e.data.points = g.points;
      e.data.label = g.label;
    }
  }
  return { nodes, edges };
}

export function toEdges(
  normalized: NormalizedModel,
  present: ReadonlySet<string>,
  selection: Selection,
  diagnostics: readonly Diagnostic[],
  keys: EntityKeys = entityKeysOf(),
): RelationshipFlowEdge[] {
  const byName = new Map<string, NResource>();
  for (const r of normalized.resources) if (!byName.has(r.name)) byName.set(r.name, r);
  const errors = new Set<string>();
  for (const d of diagnostics) {
    if (d.severity === 'error' && d.resource && d.relationship) errors.add(key(d.resource, d.relationship));
  }
  const consumed = new Set<string>();
  const drafts: Array<Omit<RelationshipEdgeData, 'parallelIndex' | 'parallelCount' | 'hasError' | 'points' | 'label' | 'live'> & { id: string; source: string; target: string }> = [];
  const rels = (r: string) => byName.get(r)?.relationships ?? [];
  const take = (resource: string, rel: NRelationship) => consumed.add(key(resource, rel.name));
  const free = (resource: string, rel: NRelationship) => !consumed.has(key(resource, rel.name));
  const label = (resource: string, rel: NRelationship, secondary = false): EdgeLabel => ({
    resource, relationship: rel.name, kind: rel.kind, ...(secondary ? { secondary } : {}),
  });

  // many_to_many first: drawn through the join resource, taking its implicit has_many, the join's
  // two belongs_to and an inverse many_to_many along.
  for (const r of normalized.resources) {
    for (const m of r.relationships) {
      if (m.kind !== 'many_to_many' || !free(r.name, m)) continue;
      take(r.name, m);
      if (!present.has(m.destination)) continue;
      const join = m.through;
      const assoc = r.relationships.find((x) => x.kind === 'has_many' && (x.joinOf === m.name || x.name === m.joinRelationship));
      if (assoc) take(r.name, assoc);
      if (!present.has(join)) {
        drafts.push({ id: `m2m:${keys.relationship(r.name, m.name)}`, source: r.name, target: m.destination, labels: [label(r.name, m)], variant: 'through', startCardinality: 'many', endCardinality: 'many' });
        continue;
      }
      const first: EdgeLabel[] = [label(r.name, m)];
      const second: EdgeLabel[] = [];
      const inverse = rels(m.destination).find((x): x is NManyToMany => x.kind === 'many_to_many' && free(m.destination, x) && x.destination === r.name
        && x.through === join && x.sourceAttributeOnJoinResource === m.destinationAttributeOnJoinResource
        && x.destinationAttributeOnJoinResource === m.sourceAttributeOnJoinResource);
      if (inverse) {
        take(m.destination, inverse);
        second.push(label(m.destination, inverse));
        const invAssoc = rels(m.destination).find((x) => x.kind === 'has_many' && (x.joinOf === inverse.name || x.name === inverse.joinRelationship));
        if (invAssoc) take(m.destination, invAssoc);
      }
      const toSource = rels(join).find((x) => x.kind === 'belongs_to' && free(join, x) && x.destination === r.name && x.sourceAttribute === m.sourceAttributeOnJoinResource);
      if (toSource) { take(join, toSource); first.push(label(join, toSource, true)); }
      const toDest = rels(join).find((x) => x.kind === 'belongs_to' && free(join, x) && x.destination === m.destination && x.sourceAttribute === m.destinationAttributeOnJoinResource);
      if (toDest) { take(join, toDest); second.push(label(join, toDest, true)); }
      if (second.every((l) => l.secondary)) second.unshift({ ...label(r.name, m), secondary: true });
      drafts.push({ id: `m2m:${keys.relationship(r.name, m.name)}:in`, source: r.name, target: join, labels: first, variant: 'through', startCardinality: 'one', endCardinality: 'many' });
      drafts.push({ id: `m2m:${keys.relationship(r.name, m.name)}:out`, source: join, target: m.destination, labels: second, variant: 'through', startCardinality: 'many', endCardinality: 'one' });
    }
  }

  // belongs_to, paired with the has_many/has_one on the same key.
  for (const r of normalized.resources) {
    for (const b of r.relationships) {
      if (b.kind !== 'belongs_to' || !free(r.name, b)) continue;
      take(r.name, b);
      if (!present.has(b.destination)) continue;
      const inverse = rels(b.destination).find((x) => (x.kind === 'has_many' || x.kind === 'has_one') && free(b.destination, x)
        && !x.manual && !x.noAttributes && x.destination === r.name
        && x.destinationAttribute === b.sourceAttribute && x.sourceAttribute === b.destinationAttribute
        && !(x.kind === 'has_many' && x.joinOf));
      const labels = [label(r.name, b)];
      if (inverse) { take(b.destination, inverse); labels.push(label(b.destination, inverse)); }
      drafts.push({
        id: `rel:${keys.relationship(r.name, b.name)}`,
        source: r.name,
        target: b.destination,
        labels,
        variant: 'solid',
        startCardinality: inverse?.kind === 'has_one' ? 'zero-one' : 'many',
        endCardinality: b.allowNil ? 'zero-one' : 'one',
      });
    }
  }

  // Everything else: has_one / has_many (manual, noAttributes, unpaired).
  for (const r of normalized.resources) {
    for (const h of r.relationships) {
      if (!free(r.name, h)) continue;
      take(r.name, h);
      if (!present.has(h.destination) || h.kind === 'belongs_to' || h.kind === 'many_to_many') continue;
      drafts.push({
        id: `rel:${keys.relationship(r.name, h.name)}`,
        source: r.name,
        target: h.destination,
        labels: [label(r.name, h)],
        variant: h.manual ? 'manual' : h.noAttributes ? 'no-attributes' : 'solid',
        startCardinality: 'one',
        endCardinality: h.kind === 'has_one' ? 'zero-one' : 'many',
      });
    }
  }

  const groups = new Map<string, number>();
  const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const d of drafts) groups.set(pairKey(d.source, d.target), (groups.get(pairKey(d.source, d.target)) ?? 0) + 1);
  const counters = new Map<string, number>();
  const selectedKey = selection?.kind === 'relationship' ? key(selection.resource, selection.relationship) : null;
  return drafts.map(({ id, source, target, ...data }) => {
    const pk = pairKey(source, target);
    const index = counters.get(pk) ?? 0;
    counters.set(pk, index + 1);
    return {
      id,
      // Drafts name resources; the flow joins node ids.
      source: keys.resource(source),
      target: keys.resource(target),
      sourceHandle: 'out',
      targetHandle: 'in',
      type: 'relationship' as const,
      selected: selectedKey !== null && data.labels.some((l) => key(l.resource, l.relationship) === selectedKey),
      ariaLabel: `Relationship ${data.labels.map((l) => `${l.resource}.${l.relationship}`).join(', ')}`,
      data: {
        ...data,
        parallelIndex: index,
        parallelCount: groups.get(pk) ?? 1,
        hasError: data.labels.some((l) => errors.has(key(l.resource, l.relationship))),
        points: [],
        label: null,
      },
    };
  });
}

function samePoints(a: readonly Point[], b: readonly Point[]): boolean {
  return a === b || (a.length === b.length && a.every((p, i) => p.x === b[i]!.x && p.y === b[i]!.y));
}

function sameBox(a: Box | null, b: Box | null): boolean {
  return a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);
}

function sameEdgeData(a: RelationshipEdgeData | undefined, b: RelationshipEdgeData | undefined): boolean {
  if (!a || !b) return a === b;
  return a.variant === b.variant && a.startCardinality === b.startCardinality && a.endCardinality === b.endCardinality
    && a.parallelIndex === b.parallelIndex && a.parallelCount === b.parallelCount && a.hasError === b.hasError
    && !!a.live === !!b.live && samePoints(a.points, b.points) && sameBox(a.label, b.label)
    && a.labels.length === b.labels.length
    && a.labels.every((l, i) => {
      const m = b.labels[i];
      return !!m && l.resource === m.resource && l.relationship === m.relationship && l.kind === m.kind && l.secondary === m.secondary;
    });
}

/**
 * `next` with every node/edge that equals its previous version replaced by that previous object,
 * so memoised node and edge components skip rendering. Returns `prev` itself when nothing changed.
 */
export function reconcileNodes(prev: readonly ResourceFlowNode[], next: ResourceFlowNode[]): ResourceFlowNode[] {
  const old = new Map(prev.map((n) => [n.id, n]));
  let changed = prev.length !== next.length;
  const out = next.map((n, i) => {
    const o = old.get(n.id);
    if (o && o.position.x === n.position.x && o.position.y === n.position.y && !!o.selected === !!n.selected && o.data.name === n.data.name
      && !!o.data.pinned === !!n.data.pinned) {
      if (prev[i] !== o) changed = true;
      return o;
    }
    changed = true;
    // Keep what React Flow measured so it does not flash an unmeasured node.
    return o?.measured ? { ...n, measured: o.measured } : n;
  });
  return changed ? out : (prev as ResourceFlowNode[]);
}

export function reconcileEdges(prev: readonly RelationshipFlowEdge[], next: RelationshipFlowEdge[]): RelationshipFlowEdge[] {
  const old = new Map(prev.map((e) => [e.id, e]));
  let changed = prev.length !== next.length;
  const out = next.map((e, i) => {
    const o = old.get(e.id);
    if (o && o.source === e.source && o.target === e.target && o.sourceHandle === e.sourceHandle && o.targetHandle === e.targetHandle && !!o.selected === !!e.selected && sameEdgeData(o.data, e.data)) {
      if (prev[i] !== o) changed = true;
      return o;
    }
    changed = true;
    return e;
  });
  return changed ? out : (prev as RelationshipFlowEdge[]);
}

/**
 * The slice of the store one node renders, with a cheap equality so a node re-renders only when
 * its own resource (or its diagnostics count) changed, not on every edit elsewhere.
 */
import { Position } from '@xyflow/react';
import type { Diagnostic, NormalizedModel, NResource } from '../../core/index';

export interface NodeAttributeView {
  name: string;
  type: string;
  primaryKey: boolean;
  allowNil: boolean;
  addedBy?: string;
  /** The belongs_to whose source attribute this is (added by it or made by the user). */
  foreignKey?: string;
}

/** A calculation row (docs/model-extensions.md): name, type and its expression as a tooltip. */
export interface NodeCalculationView {
  name: string;
  type: string;
  expression: string;
}

export interface NodeView {
  exists: boolean;
  attributes: NodeAttributeView[];
  relationshipCount: number;
  calculations: NodeCalculationView[];
  /** A placeholder for a destination outside what was imported; `module` is its full module name. */
  external: boolean;
  module?: string;
}

const indexes = new WeakMap<NormalizedModel, Map<string, NResource>>();
function indexOf(model: NormalizedModel): Map<string, NResource> {
  let index = indexes.get(model);
  if (!index) {
    index = new Map();
    for (const r of model.resources) if (!index.has(r.name)) index.set(r.name, r);
    indexes.set(model, index);
  }
  return index;
}

export function resourceOf(model: NormalizedModel, name: string): NResource | undefined {
  return indexOf(model).get(name);
}

const MISSING: NodeView = { exists: false, attributes: [], relationshipCount: 0, calculations: [], external: false };
const views = new WeakMap<NResource, NodeView>();

export function nodeView(model: NormalizedModel, name: string): NodeView {
  const r = indexOf(model).get(name);
  if (!r) return MISSING;
  let view = views.get(r);
  if (!view) {
    view = toNodeView(r);
    views.set(r, view);
  }
  return view;
}

function toNodeView(r: NResource): NodeView {
  const fks = new Map<string, string>();
  for (const rel of r.relationships) if (rel.kind === 'belongs_to' && !fks.has(rel.sourceAttribute)) fks.set(rel.sourceAttribute, rel.name);
  return {
    exists: true,
    attributes: r.attributes.map((a) => {
      const fk = a.addedBy ?? fks.get(a.name);
      return { name: a.name, type: a.type, primaryKey: a.primaryKey, allowNil: a.allowNil, ...(a.addedBy ? { addedBy: a.addedBy } : {}), ...(fk ? { foreignKey: fk } : {}) };
    }),
    relationshipCount: r.relationships.length,
    calculations: (r.calculations ?? []).map((c) => ({ name: c.name, type: c.type, expression: c.expression || c.ashSource || '' })),
    external: r.external === true,
    ...(r.module ? { module: r.module } : {}),
  };
}

export function sameNodeView(a: NodeView, b: NodeView): boolean {
  if (a === b) return true;
  if (a.exists !== b.exists || a.relationshipCount !== b.relationshipCount || a.attributes.length !== b.attributes.length) return false;
  if (a.external !== b.external || a.module !== b.module || a.calculations.length !== b.calculations.length) return false;
  const sameCalcs = a.calculations.every((x, i) => {
    const y = b.calculations[i];
    return !!y && x.name === y.name && x.type === y.type && x.expression === y.expression;
  });
  return sameCalcs && a.attributes.every((x, i) => {
    const y = b.attributes[i];
    return !!y && x.name === y.name && x.type === y.type && x.primaryKey === y.primaryKey && x.allowNil === y.allowNil && x.addedBy === y.addedBy && x.foreignKey === y.foreignKey;
  });
}

const counts = new WeakMap<readonly Diagnostic[], Map<string, { errors: number; warnings: number }>>();
/** Diagnostics per resource (errors, warnings), computed once per diagnostics array. */
export function diagnosticCounts(diagnostics: readonly Diagnostic[]): Map<string, { errors: number; warnings: number }> {
  let m = counts.get(diagnostics);
  if (!m) {
    m = new Map();
    for (const d of diagnostics) {
      if (!d.resource) continue;
      const c = m.get(d.resource) ?? { errors: 0, warnings: 0 };
      if (d.severity === 'error') c.errors++;
      else c.warnings++;
      m.set(d.resource, c);
    }
    counts.set(diagnostics, m);
  }
  return m;
}

/**
 * Below this zoom a node shows its header only and edges drop their labels (level of detail): text
 * there is a few pixels high, and a 300-resource model at "fit view" is far below it.
 */
export const COMPACT_ZOOM = 0.35;
/** Rendered heights (canvas.css): header only, and with `attributes` rows (or the "No attributes" row). */
export const COMPACT_HEIGHT = 40;
export const nodeHeight = (attributes: number): number => 40 + 8 + 24 * Math.max(1, attributes);
/** Rows a resource's node draws: its attributes and its calculations (one row each). */
export const nodeRows = (r: { attributes: readonly unknown[]; calculations?: readonly unknown[] }): number =>
  r.attributes.length + (r.calculations?.length ?? 0);
export const isCompactZoom = (zoom: number): boolean => zoom < COMPACT_ZOOM;

/** Everything one resource node shows from the document store. */
export interface NodeState {
  view: NodeView;
  errors: number;
  warnings: number;
  selectedAttribute: string | null;
}

export function nodeState(
  s: { normalized: NormalizedModel; diagnostics: readonly Diagnostic[]; selection: { kind: string; resource: string; attribute?: string } | null },
  id: string,
): NodeState {
  const c = diagnosticCounts(s.diagnostics).get(id);
  return {
    view: nodeView(s.normalized, id),
    errors: c?.errors ?? 0,
    warnings: c?.warnings ?? 0,
    selectedAttribute: s.selection?.kind === 'attribute' && s.selection.resource === id ? s.selection.attribute ?? null : null,
  };
}

export function sameNodeState(a: NodeState, b: NodeState): boolean {
  return a.errors === b.errors && a.warnings === b.warnings && a.selectedAttribute === b.selectedAttribute && sameNodeView(a.view, b.view);
}

/** Handle boxes as canvas.css draws them: 12 px squares centred on the left and right sides. */
const HANDLE = 12;

/**
 * A node with the size it will measure and its handles' places, so React Flow shows it and draws
 * its edges in the first render (instead of rendering 300 hidden nodes, measuring them, and then
 * rendering everything again: most of the time of opening a big model). Measurement still follows
 * and wins where it differs (the canvas applies React Flow's `dimensions` changes to its nodes).
 */
export function withKnownSize<N extends { initialWidth?: number; initialHeight?: number; measured?: { width?: number; height?: number } }>(
  node: N,
  width: number,
  height: number,
): N & { measured: { width?: number; height?: number }; handles: Array<{ id: string; type: 'source' | 'target'; position: Position; x: number; y: number; width: number; height: number }> } {
  const y = height / 2 - HANDLE / 2;
  return {
    ...node,
    initialWidth: width,
    initialHeight: height,
    // Taken as measured until a measurement says otherwise: React Flow then counts the node as
    // initialised (fitView does not wait for it) and reports a size change only where one happened.
    measured: node.measured ?? { width, height },
    handles: [
      { id: 'in', type: 'target', position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE },
      { id: 'out', type: 'source', position: Position.Right, x: width - HANDLE / 2, y, width: HANDLE, height: HANDLE },
    ],
  };
}

/**
 * Layered layout with dagre: pure (no DOM, no store), so it runs on the main thread, in the layout
 * worker, and in tests alike.
 */
import dagre from '@dagrejs/dagre';
import type { NormalizedModel } from '../../core/index';
import { NODE_WIDTH, type Point } from './gesture-ops';

export interface LayoutInput {
  nodes: Array<{ id: string; width: number; height: number }>;
  /** Directed pairs (source → destination); duplicates and self-loops are ignored. */
  edges: Array<[string, string]>;
}

/** Rendered height of a node: header + one row per attribute (kept in step with canvas.css). */
export function estimateNodeHeight(attributeCount: number): number {
  return 46 + Math.max(1, attributeCount) * 24 + 8;
}

/** The layout input of a model: a node per resource, an edge per relationship. */
export function layoutInputOf(normalized: NormalizedModel): LayoutInput {
  const nodes = normalized.resources.map((r) => ({ id: r.name, width: NODE_WIDTH, height: estimateNodeHeight(r.attributes.length + (r.calculations?.length ?? 0)) }));
  const names = new Set(nodes.map((n) => n.id));
  const edges: Array<[string, string]> = [];
  for (const r of normalized.resources) {
    for (const rel of r.relationships) {
      if (rel.kind === 'has_many' && rel.joinOf) continue;
      if (rel.kind === 'many_to_many') {
        if (names.has(rel.through)) edges.push([r.name, rel.through], [rel.through, rel.destination]);
        continue;
      }
      // Lay the "one" side left of the "many" side: belongs_to points from the many to the one.
      if (rel.kind === 'belongs_to') edges.push([rel.destination, r.name]);
      else edges.push([r.name, rel.destination]);
    }
  }
  return { nodes, edges: edges.filter(([a, b]) => a !== b && names.has(a) && names.has(b)) };
}

/** Top-left positions of every node, left to right by relationship. */
export function computeLayout(input: LayoutInput): Record<string, Point> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 50, ranksep: 140, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of input.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  const seen = new Set<string>();
  for (const [a, b] of input.edges) {
    const k = `${a}\u0000${b}`;
    if (a === b || seen.has(k) || !g.hasNode(a) || !g.hasNode(b)) continue;
    seen.add(k);
    g.setEdge(a, b);
  }
  dagre.layout(g);
  const out: Record<string, Point> = {};
  for (const n of input.nodes) {
    const p = g.node(n.id) as { x: number; y: number } | undefined;
    out[n.id] = p ? { x: Math.round(p.x - n.width / 2), y: Math.round(p.y - n.height / 2) } : { x: 0, y: 0 };
  }
  return out;
}

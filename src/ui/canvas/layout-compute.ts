/**
 * Layered layout with ELK (`elkjs`): node positions, orthogonal edge routes around the nodes (bend
 * points), and edge-label boxes placed so that they overlap no node and no other label. Pure (no
 * DOM, no store), given an ELK instance: in the app ELK's own Web Worker (layout.ts), in Node and
 * tests the bundled, same-thread ELK.
 *
 * Pinned nodes stay where they are: the other nodes are laid out among themselves and the result is
 * placed clear of the pinned ones; edges touching a pinned node get no ELK route (`routing.ts`
 * routes them around the nodes instead).
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { LayoutRoute } from '../../core/index';
import type { Point } from './gesture-ops';

export interface LayoutEdgeInput {
  /** The React Flow edge id (to-flow.ts); the route is stored under it. */
  id: string;
  source: string;
  target: string;
  /** Size of the edge's label box, when it has one. */
  label?: { width: number; height: number };
  /** Lay the edge out target → source (the "one" side of a belongs_to to the left). */
  reverse?: boolean;
}

export interface LayoutInput {
  nodes: Array<{ id: string; width: number; height: number }>;
  edges: LayoutEdgeInput[];
  /** Nodes kept where they are, with their current positions. */
  pinned?: Record<string, Point>;
}

export interface LayoutOutput {
  positions: Record<string, Point>;
  routes: Record<string, LayoutRoute>;
}

const OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '64',
  'elk.spacing.edgeNode': '24',
  'elk.layered.spacing.edgeNodeBetweenLayers': '32',
  'elk.spacing.edgeEdge': '14',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
  'elk.spacing.edgeLabel': '6',
  'elk.spacing.labelNode': '8',
  'elk.spacing.componentComponent': '64',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  // A long chain of layers wraps into rows instead of one strip the view must shrink to fit.
  'elk.layered.wrapping.strategy': 'MULTI_EDGE',
  'elk.aspectRatio': '1.6',
};

const round = (p: { x: number; y: number }): Point => ({ x: Math.round(p.x), y: Math.round(p.y) });

/** Positions of every node and routes of every edge between nodes that are not pinned. */
export async function computeLayout(input: LayoutInput, elk: Pick<ELK, 'layout'>): Promise<LayoutOutput> {
  const pinned = input.pinned ?? {};
  const free = input.nodes.filter((n) => !pinned[n.id]);
  const freeIds = new Set(free.map((n) => n.id));
  const edges = input.edges.filter((e) => freeIds.has(e.source) && freeIds.has(e.target));
  const graph: ElkNode = {
    id: '__root',
    layoutOptions: OPTIONS,
    children: free.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges.map((e): ElkExtendedEdge => ({
      id: e.id,
      sources: [e.reverse ? e.target : e.source],
      targets: [e.reverse ? e.source : e.target],
      ...(e.label ? { labels: [{ id: `${e.id}:label`, text: ' ', width: e.label.width, height: e.label.height }] } : {}),
    })),
  };
  const positions: Record<string, Point> = {};
  const routes: Record<string, LayoutRoute> = {};
  if (free.length > 0) {
    const out = await elk.layout(graph);
    const offset = placement(out, input.nodes, pinned);
    const shift = (p: { x: number; y: number }) => round({ x: p.x + offset.x, y: p.y + offset.y });
    for (const c of out.children ?? []) positions[c.id] = shift({ x: c.x ?? 0, y: c.y ?? 0 });
    const byId = new Map(edges.map((e) => [e.id, e]));
    for (const e of (out.edges ?? []) as ElkExtendedEdge[]) {
      const src = byId.get(e.id);
      if (!src || !e.sections?.length) continue;
      let points: Point[] = [];
      for (const s of e.sections) {
        const part = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map(shift);
        points.push(...(points.length ? part.slice(1) : part));
      }
      if (src.reverse) points = points.reverse();
      const l = e.labels?.[0];
      const route: LayoutRoute = { points, ends: [positions[src.source] ?? { x: 0, y: 0 }, positions[src.target] ?? { x: 0, y: 0 }] };
      if (l && l.x !== undefined && l.y !== undefined) route.label = { ...shift({ x: l.x, y: l.y }), width: l.width ?? 0, height: l.height ?? 0 };
      routes[e.id] = route;
    }
  }
  for (const [id, p] of Object.entries(pinned)) positions[id] = p;
  return { positions, routes };
}

/** Where the laid-out block goes: at the origin, or right of the pinned nodes when it would overlap them. */
function placement(out: ElkNode, nodes: LayoutInput['nodes'], pinned: Record<string, Point>): Point {
  const boxes = nodes.filter((n) => pinned[n.id]).map((n) => ({ ...pinned[n.id]!, w: n.width, h: n.height }));
  if (boxes.length === 0) return { x: 0, y: 0 };
  const w = out.width ?? 0, h = out.height ?? 0;
  const minX = Math.min(...boxes.map((b) => b.x)), minY = Math.min(...boxes.map((b) => b.y));
  const maxX = Math.max(...boxes.map((b) => b.x + b.w));
  const at = { x: minX, y: minY };
  const hits = boxes.some((b) => b.x < at.x + w + 40 && at.x - 40 < b.x + b.w && b.y < at.y + h + 40 && at.y - 40 < b.y + b.h);
  return hits ? { x: maxX + 120, y: minY } : at;
}

/**
 * Edge geometry on the canvas: the route auto layout (ELK) computed while both ends are still where
 * it left them, else an orthogonal route found here around the nodes, and a label box that overlaps
 * no node and no other label. Pure and deterministic (unit-tested); the edge component draws it.
 */
import type { LayoutRoute } from '../../core/index';
import type { Point } from './gesture-ops';

export interface Box { x: number; y: number; width: number; height: number }

export interface RouteRequest {
  id: string;
  source: string;
  target: string;
  label?: { width: number; height: number };
  /** Among edges joining the same two nodes: offset from the middle (…, -1, 0, 1, …). */
  spread: number;
}

export interface EdgeGeometry {
  points: Point[];
  label: Box | null;
  /** `elk`: the stored auto-layout route; `local`: routed here. */
  via: 'elk' | 'local';
}

const STUB = 24;
const GAP = 16;

const inside = (p: Point, b: Box, margin = 0) =>
  p.x > b.x - margin && p.x < b.x + b.width + margin && p.y > b.y - margin && p.y < b.y + b.height + margin;

export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

/** Whether the axis-parallel segment a–b passes through the inside of `box` (shrunk by `inset`). */
export function segmentHitsBox(a: Point, b: Point, box: Box, inset = 1): boolean {
  const x1 = box.x + inset, x2 = box.x + box.width - inset, y1 = box.y + inset, y2 = box.y + box.height - inset;
  if (x1 >= x2 || y1 >= y2) return false;
  const minX = Math.min(a.x, b.x), maxX = Math.max(a.x, b.x), minY = Math.min(a.y, b.y), maxY = Math.max(a.y, b.y);
  if (a.y === b.y) return a.y > y1 && a.y < y2 && maxX > x1 && minX < x2;
  if (a.x === b.x) return a.x > x1 && a.x < x2 && maxY > y1 && minY < y2;
  // Not axis-parallel (never produced here): sample it.
  for (let i = 0; i <= 16; i++) {
    const p = { x: a.x + ((b.x - a.x) * i) / 16, y: a.y + ((b.y - a.y) * i) / 16 };
    if (p.x > x1 && p.x < x2 && p.y > y1 && p.y < y2) return true;
  }
  return false;
}

function hits(points: Point[], obstacles: readonly Box[]): number {
  let n = 0;
  for (const o of obstacles) {
    for (let i = 1; i < points.length; i++) {
      if (segmentHitsBox(points[i - 1]!, points[i]!, o)) {
        n++;
        break;
      }
    }
  }
  return n;
}

const onBorder = (p: Point, b: Box) =>
  inside(p, b, 2) && (Math.abs(p.x - b.x) <= 2 || Math.abs(p.x - b.x - b.width) <= 2 || Math.abs(p.y - b.y) <= 2 || Math.abs(p.y - b.y - b.height) <= 2);

/** The stored route still fits: the same ends, the path starting and ending on the node borders, room for the label. */
function stillValid(route: LayoutRoute | undefined, s: Box, t: Box, req: RouteRequest): route is LayoutRoute {
  if (!route || route.points.length < 2) return false;
  const [a, b] = route.ends;
  if (a.x !== s.x || a.y !== s.y || b.x !== t.x || b.y !== t.y) return false;
  if (!onBorder(route.points[0]!, s) || !onBorder(route.points[route.points.length - 1]!, t)) return false;
  if (req.label && (!route.label || route.label.width + 1 < req.label.width || route.label.height + 1 < req.label.height)) return false;
  return true;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

function candidates(s: Box, t: Box, spread: number, near: readonly Box[]): Point[][] {
  const out: Point[][] = [];
  const sy = clamp(s.y + s.height / 2 + spread * 14, s.y + 8, s.y + s.height - 8);
  const ty = clamp(t.y + t.height / 2 + spread * 14, t.y + 8, t.y + t.height - 8);
  const sx = clamp(s.x + s.width / 2 + spread * 24, s.x + 12, s.x + s.width - 12);
  const tx = clamp(t.x + t.width / 2 + spread * 24, t.x + 12, t.x + t.width - 12);
  const channelsY = (from: number, to: number, x1: number, x2: number) => {
    const lo = Math.min(x1, x2), hi = Math.max(x1, x2);
    const ys = near.filter((o) => o.x < hi && o.x + o.width > lo).flatMap((o) => [o.y - GAP, o.y + o.height + GAP]);
    const mid = (from + to) / 2;
    return [...new Set(ys.map(Math.round))].sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid)).slice(0, 16);
  };
  const channelsX = (from: number, to: number, y1: number, y2: number) => {
    const lo = Math.min(y1, y2), hi = Math.max(y1, y2);
    const xs = near.filter((o) => o.y < hi && o.y + o.height > lo).flatMap((o) => [o.x - GAP, o.x + o.width + GAP]);
    const mid = (from + to) / 2;
    return [...new Set(xs.map(Math.round))].sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid)).slice(0, 16);
  };
  const horizontal = (dir: 1 | -1) => {
    const p0 = { x: dir === 1 ? s.x + s.width : s.x, y: sy };
    const p3 = { x: dir === 1 ? t.x : t.x + t.width, y: ty };
    const x1 = p0.x + dir * STUB, x2 = p3.x - dir * STUB;
    const mids = [Math.round((p0.x + p3.x) / 2), ...channelsX(p0.x, p3.x, sy, ty).filter((x) => (x - x1) * dir >= 0 && (x2 - x) * dir >= 0)];
    for (const mx of mids) out.push([p0, { x: mx, y: p0.y }, { x: mx, y: p3.y }, p3]);
    for (const cy of channelsY(sy, ty, x1, x2)) out.push([p0, { x: x1, y: p0.y }, { x: x1, y: cy }, { x: x2, y: cy }, { x: x2, y: p3.y }, p3]);
  };
  const vertical = (dir: 1 | -1) => {
    const p0 = { x: sx, y: dir === 1 ? s.y + s.height : s.y };
    const p3 = { x: tx, y: dir === 1 ? t.y : t.y + t.height };
    const y1 = p0.y + dir * STUB, y2 = p3.y - dir * STUB;
    const mids = [Math.round((p0.y + p3.y) / 2), ...channelsY(p0.y, p3.y, sx, tx).filter((y) => (y - y1) * dir >= 0 && (y2 - y) * dir >= 0)];
    for (const my of mids) out.push([p0, { x: p0.x, y: my }, { x: p3.x, y: my }, p3]);
    for (const cx of channelsX(sx, tx, y1, y2)) out.push([p0, { x: p0.x, y: y1 }, { x: cx, y: y1 }, { x: cx, y: y2 }, { x: p3.x, y: y2 }, p3]);
  };
  const wrapRight = () => {
    const p0 = { x: s.x + s.width, y: sy }, p3 = { x: t.x + t.width, y: ty };
    const base = Math.max(p0.x, p3.x) + STUB + Math.abs(spread) * 12;
    for (const x of [base, ...channelsX(base, base, sy, ty).filter((x) => x >= base)]) out.push([p0, { x, y: p0.y }, { x, y: p3.y }, p3]);
  };
  if (t.x >= s.x + s.width + 2 * STUB) horizontal(1);
  else if (s.x >= t.x + t.width + 2 * STUB) horizontal(-1);
  if (t.y >= s.y + s.height + 2 * STUB) vertical(1);
  else if (s.y >= t.y + t.height + 2 * STUB) vertical(-1);
  wrapRight();
  return out;
}

function loopRoute(b: Box, index: number): Point[] {
  const up = 28 + index * 18, out = STUB + index * 12;
  const p0 = { x: b.x + b.width, y: b.y + 14 };
  return [p0, { x: p0.x + out, y: p0.y }, { x: p0.x + out, y: b.y - up }, { x: b.x + b.width - 64 - index * 16, y: b.y - up }, { x: b.x + b.width - 64 - index * 16, y: b.y }];
}

/** A route from `s` to `t` with the fewest nodes crossed (none when there is a way round). */
export function routeBetween(s: Box, t: Box, spread: number, obstacles: readonly Box[]): Point[] {
  const hull = {
    x: Math.min(s.x, t.x) - 400, y: Math.min(s.y, t.y) - 400,
    width: Math.max(s.x + s.width, t.x + t.width) - Math.min(s.x, t.x) + 800,
    height: Math.max(s.y + s.height, t.y + t.height) - Math.min(s.y, t.y) + 800,
  };
  const near = obstacles.filter((o) => o !== s && o !== t && boxesOverlap(o, hull));
  let best: Point[] | null = null, bestHits = Infinity;
  for (const c of candidates(s, t, spread, near)) {
    const h = hits(c, near);
    if (h < bestHits) {
      best = c;
      bestHits = h;
      if (h === 0) break;
    }
  }
  return best ?? [{ x: s.x + s.width, y: s.y + s.height / 2 }, { x: t.x, y: t.y + t.height / 2 }];
}

/** A label box on the path clear of nodes and placed labels; the middle of the longest segment if none is. */
export function placeLabel(points: readonly Point[], size: { width: number; height: number }, obstacles: readonly Box[]): Box {
  const segs = points.slice(1).map((p, i) => ({ a: points[i]!, b: p, len: Math.abs(p.x - points[i]!.x) + Math.abs(p.y - points[i]!.y) }))
    .sort((x, y) => y.len - x.len);
  const at = (c: Point): Box => ({ x: Math.round(c.x - size.width / 2), y: Math.round(c.y - size.height / 2), width: size.width, height: size.height });
  for (const t of [0.5, 0.35, 0.65, 0.2, 0.8]) {
    for (const { a, b } of segs) {
      const c = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      const horizontal = a.y === b.y;
      const offs = horizontal ? [{ x: 0, y: 0 }, { x: 0, y: -(size.height / 2 + 3) }, { x: 0, y: size.height / 2 + 3 }]
        : [{ x: 0, y: 0 }, { x: size.width / 2 + 3, y: 0 }, { x: -(size.width / 2 + 3), y: 0 }];
      for (const o of offs) {
        const box = at({ x: c.x + o.x, y: c.y + o.y });
        if (!obstacles.some((ob) => boxesOverlap(box, ob, 2))) return box;
      }
    }
  }
  const { a, b } = segs[0] ?? { a: points[0] ?? { x: 0, y: 0 }, b: points[0] ?? { x: 0, y: 0 } };
  return at({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
}

/** The geometry of every edge whose two ends have a box. */
export function routeEdges(boxes: ReadonlyMap<string, Box>, requests: readonly RouteRequest[], stored: Record<string, LayoutRoute> = {}): Map<string, EdgeGeometry> {
  const out = new Map<string, EdgeGeometry>();
  const nodes = [...boxes.values()];
  const labels: Box[] = [];
  const pending: RouteRequest[] = [];
  for (const r of requests) {
    const s = boxes.get(r.source), t = boxes.get(r.target);
    if (!s || !t) continue;
    const route = stored[r.id];
    if (stillValid(route, s, t, r)) {
      const label = r.label && route.label ? { ...route.label } : null;
      if (label) labels.push(label);
      out.set(r.id, { points: route.points, label, via: 'elk' });
    } else pending.push(r);
  }
  const loops = new Map<string, number>();
  for (const r of pending) {
    const s = boxes.get(r.source)!, t = boxes.get(r.target)!;
    let points: Point[];
    if (r.source === r.target) {
      const i = loops.get(r.source) ?? 0;
      loops.set(r.source, i + 1);
      points = loopRoute(s, i);
    } else points = routeBetween(s, t, r.spread, nodes);
    let label: Box | null = null;
    if (r.label) {
      label = placeLabel(points, r.label, [...nodes, ...labels]);
      labels.push(label);
    }
    out.set(r.id, { points, label, via: 'local' });
  }
  return out;
}

/** SVG path data of a route. */
export const pathOf = (points: readonly Point[]): string => points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');

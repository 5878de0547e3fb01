import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../../core/index';
import { computeLayout } from './layout-compute';
import { layoutInputOf } from './layout';
import { boxesOverlap, segmentHitsBox, type Box } from './routing';
import { helpdeskDoc } from './test-fixtures';

const elk = new ELK();

describe('computeLayout (ELK)', () => {
  it('places every resource without overlaps, the one side left of the many side, edges routed around nodes, labels clear', async () => {
    const n = normalizeModel(helpdeskDoc().model);
    const input = layoutInputOf(n);
    const { positions: p, routes } = await computeLayout(input, elk);
    expect(Object.keys(p).sort()).toEqual(['Post', 'PostTag', 'Representative', 'Tag', 'Ticket']);
    // Layers run left to right; a long chain wraps onto a new row below (ELK graph wrapping).
    const before = (a: string, b: string) => p[a]!.x < p[b]!.x || p[a]!.y < p[b]!.y;
    expect(before('Representative', 'Ticket')).toBe(true);
    expect(before('Post', 'PostTag')).toBe(true);
    expect(before('PostTag', 'Tag')).toBe(true);
    const boxes = new Map<string, Box>(input.nodes.map((node) => [node.id, { ...p[node.id]!, width: node.width, height: node.height }]));
    for (const a of boxes.values()) for (const b of boxes.values()) if (a !== b) expect(boxesOverlap(a, b)).toBe(false);
    expect(Object.keys(routes).sort()).toEqual(input.edges.map((e) => e.id).sort());
    const labels: Box[] = [];
    for (const e of input.edges) {
      const r = routes[e.id]!;
      for (const [id, b] of boxes) {
        if (id === e.source || id === e.target) continue;
        for (let i = 1; i < r.points.length; i++) expect(segmentHitsBox(r.points[i - 1]!, r.points[i]!, b)).toBe(false);
      }
      // Orthogonal: every segment is horizontal or vertical.
      for (let i = 1; i < r.points.length; i++) expect(r.points[i]!.x === r.points[i - 1]!.x || r.points[i]!.y === r.points[i - 1]!.y).toBe(true);
      if (e.label) labels.push(r.label!);
    }
    for (const l of labels) {
      for (const b of boxes.values()) expect(boxesOverlap(l, b)).toBe(false);
      for (const m of labels) if (m !== l) expect(boxesOverlap(l, m)).toBe(false);
    }
  }, 30_000);

  it('keeps pinned nodes where they are and lays the rest out clear of them', async () => {
    const n = normalizeModel(helpdeskDoc().model);
    const input = { ...layoutInputOf(n), pinned: { Ticket: { x: 5000, y: 5000 } } };
    const { positions, routes } = await computeLayout(input, elk);
    expect(positions.Ticket).toEqual({ x: 5000, y: 5000 });
    for (const e of input.edges) if (e.source === 'Ticket' || e.target === 'Ticket') expect(routes[e.id]).toBeUndefined();
  }, 30_000);

  it('lays out 100 resources and 200 edges (its speed is measured by npm run bench:ui)', async () => {
    const nodes = Array.from({ length: 100 }, (_, i) => ({ id: `R${i}`, width: 240, height: 120 }));
    const edges = Array.from({ length: 200 }, (_, i) => ({ id: `e${i}`, source: `R${i % 100}`, target: `R${(i * 7 + 1) % 100}`, label: { width: 80, height: 22 } }));
    const { positions } = await computeLayout({ nodes, edges }, elk);
    expect(Object.keys(positions)).toHaveLength(100);
  }, 30_000);
});

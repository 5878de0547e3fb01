import { describe, expect, it } from 'vitest';
import { placeLabel, routeBetween, routeEdges, segmentHitsBox, type Box } from './routing';

const box = (x: number, y: number, width = 240, height = 120): Box => ({ x, y, width, height });
const crosses = (points: { x: number; y: number }[], b: Box) => points.slice(1).some((p, i) => segmentHitsBox(points[i]!, p, b));

describe('routing', () => {
  it('segmentHitsBox sees a segment through a box and not one beside it', () => {
    const b = box(100, 100, 100, 100);
    expect(segmentHitsBox({ x: 0, y: 150 }, { x: 300, y: 150 }, b)).toBe(true);
    expect(segmentHitsBox({ x: 0, y: 90 }, { x: 300, y: 90 }, b)).toBe(false);
    expect(segmentHitsBox({ x: 150, y: 0 }, { x: 150, y: 99 }, b)).toBe(false);
  });

  it('routes round a node standing between the two ends', () => {
    const s = box(0, 0), t = box(800, 0), blocker = box(400, -40, 240, 200);
    const points = routeBetween(s, t, 0, [s, t, blocker]);
    expect(crosses(points, blocker)).toBe(false);
    expect(points[0]).toEqual({ x: 240, y: 60 });
    expect(points.at(-1)).toEqual({ x: 800, y: 60 });
    for (let i = 1; i < points.length; i++) expect(points[i]!.x === points[i - 1]!.x || points[i]!.y === points[i - 1]!.y).toBe(true);
  });

  it('places a label clear of nodes and of labels already placed', () => {
    const points = [{ x: 0, y: 0 }, { x: 400, y: 0 }];
    const first = placeLabel(points, { width: 80, height: 22 }, []);
    const second = placeLabel(points, { width: 80, height: 22 }, [first, box(150, -60, 100, 40)]);
    const apart = (a: Box, b: Box) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    expect(apart(first, second)).toBe(true);
    expect(apart(second, box(150, -60, 100, 40))).toBe(true);
  });

  it('uses a stored route only while its ends have not moved', () => {
    const boxes = new Map([['A', box(0, 0)], ['B', box(400, 0)]]);
    const stored = { e: { points: [{ x: 240, y: 30 }, { x: 400, y: 30 }], label: { x: 280, y: 40, width: 60, height: 22 }, ends: [{ x: 0, y: 0 }, { x: 400, y: 0 }] as [{ x: number; y: number }, { x: number; y: number }] } };
    const req = [{ id: 'e', source: 'A', target: 'B', spread: 0, label: { width: 60, height: 22 } }];
    expect(routeEdges(boxes, req, stored).get('e')!.via).toBe('elk');
    boxes.set('B', box(420, 10));
    const moved = routeEdges(boxes, req, stored).get('e')!;
    expect(moved.via).toBe('local');
    expect(moved.points.at(-1)).toEqual({ x: 420, y: 70 });
  });
});

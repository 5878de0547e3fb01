import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../../core/index';
import { computeLayout, layoutInputOf } from './layout-compute';
import { helpdeskDoc } from './test-fixtures';

describe('computeLayout', () => {
  it('places every resource without overlaps, the one side left of the many side', () => {
    const n = normalizeModel(helpdeskDoc().model);
    const input = layoutInputOf(n);
    const p = computeLayout(input);
    expect(Object.keys(p).sort()).toEqual(['Post', 'PostTag', 'Representative', 'Tag', 'Ticket']);
    expect(p.Representative!.x).toBeLessThan(p.Ticket!.x);
    expect(p.Post!.x).toBeLessThan(p.PostTag!.x);
    expect(p.PostTag!.x).toBeLessThan(p.Tag!.x);
    const boxes = input.nodes.map((node) => ({ ...p[node.id]!, w: node.width, h: node.height }));
    for (const a of boxes) for (const b of boxes) {
      if (a === b) continue;
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      expect(apart).toBe(true);
    }
  });
  it('lays out 300 resources and 600 edges (its speed is measured by npm run bench:ui)', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => ({ id: `R${i}`, width: 240, height: 120 }));
    const edges = Array.from({ length: 600 }, (_, i): [string, string] => [`R${i % 300}`, `R${(i * 7 + 1) % 300}`]);
    const p = computeLayout({ nodes, edges });
    expect(Object.keys(p)).toHaveLength(300);
  });
});

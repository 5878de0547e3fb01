import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../../core/index';
import type { Model } from '../../core/index';
import { helpdeskDoc } from '../canvas/test-fixtures';
import { clip, escapeXml, nodeHeight, pngScale, toDiagramSvg } from './diagram-svg';

describe('toDiagramSvg', () => {
  it('frames every resource, not a viewport: the bounds cover the farthest node', () => {
    const doc = helpdeskDoc();
    doc.layout.positions = { Representative: { x: -500, y: 0 }, Ticket: { x: 4000, y: 3000 } };
    const d = toDiagramSvg(doc.model, normalizeModel(doc.model), doc.layout);
    expect(d.resources).toBe(doc.model.resources.length);
    expect(d.width).toBeGreaterThanOrEqual(4000 + 240 + 500);
    expect(d.height).toBeGreaterThanOrEqual(3000);
    expect(d.svg).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const r of doc.model.resources) expect(d.svg).toContain(`data-resource="${r.name}"`);
    expect(d.svg).toContain('representative');
    // Well-formed attributes: a closing quote is followed by a space, `>` or `/` (a nested `"` once broke the PNG).
    expect(d.svg).not.toMatch(/="[^"]*"[^\s>/?]/);
  });

  it('escapes names and places resources without a position', () => {
    const model: Model = {
      format: 'relata/model@1',
      name: 'A & <B>',
      resources: [{ name: 'Thing', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] }],
    };
    const d = toDiagramSvg(model, normalizeModel(model), { positions: {} });
    expect(d.svg).toContain('A &amp; &lt;B&gt;');
    expect(d.svg).not.toContain('<B>');
    expect(d.svg).toContain('>PK<');
  });

  it('draws an empty model as a small note', () => {
    const model: Model = { format: 'relata/model@1', name: 'Empty', resources: [] };
    const d = toDiagramSvg(model, normalizeModel(model), { positions: {} });
    expect(d.resources).toBe(0);
    expect(d.svg).toContain('has no resources');
  });

  it('handles 150 resources', () => {
    const model: Model = {
      format: 'relata/model@1',
      name: 'Big',
      resources: Array.from({ length: 150 }, (_, i) => ({
        name: `R${i}`,
        attributes: [{ name: 'id', type: 'integer' as const, primaryKey: true }],
        relationships: i > 0 ? [{ kind: 'belongs_to' as const, name: 'prev', destination: `R${i - 1}` }] : [],
      })),
    };
    const d = toDiagramSvg(model, normalizeModel(model), { positions: {} });
    expect(d.resources).toBe(150);
    expect(d.svg.match(/class="edge"/g)?.length).toBe(149);
  });
});

describe('helpers', () => {
  it('escapeXml and clip', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(clip('short', 100, 7)).toBe('short');
    expect(clip('a_very_long_attribute_name', 70, 7)).toBe('a_very_lo…');
  });

  it('nodeHeight matches the canvas node: header, padding and one row per attribute (at least one)', () => {
    expect(nodeHeight(0)).toBe(38 + 8 + 24);
    expect(nodeHeight(3)).toBe(38 + 8 + 72);
  });

  it('pngScale keeps 2 px per unit when it fits and scales down (flagged) when it does not', () => {
    expect(pngScale(1000, 800)).toEqual({ scale: 2, reduced: false });
    const big = pngScale(30_000, 20_000);
    expect(big.reduced).toBe(true);
    expect(30_000 * big.scale).toBeLessThanOrEqual(16_384);
    expect(30_000 * big.scale * 20_000 * big.scale).toBeLessThanOrEqual(50_000_000);
    expect(pngScale(6000, 5000).scale).toBeGreaterThanOrEqual(1);
  });
});

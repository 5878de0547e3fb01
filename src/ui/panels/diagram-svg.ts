/**
 * The whole diagram as a standalone SVG, drawn from the document (not from the DOM): the canvas
 * renders only the visible nodes, and an image must hold every resource whatever the viewport.
 * Pure (strings in, string out) so it is unit-tested without a browser; PNG rasterising is in
 * `image-export.ts`.
 */
import type { Diagnostic, Layout, Model, NormalizedModel } from '../../core/index';
import { NODE_WIDTH } from '../canvas/gesture-ops';
import { nodeView } from '../canvas/node-view';
import { positionsFor, toFlow, type Cardinality, type RelationshipFlowEdge } from '../canvas/to-flow';

const HEADER_H = 38;
const ROW_H = 24;
const PAD_Y = 4;
const MARGIN = 40;
const FONT = "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

export interface DiagramSvg {
  svg: string;
  /** Size in diagram units (1 unit = 1 CSS px on the canvas at zoom 1). */
  width: number;
  height: number;
  resources: number;
}

interface Box { x: number; y: number; w: number; h: number }

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** Cuts text that would overflow `maxPx` at about `charPx` per character (no font metrics in pure code). */
export function clip(text: string, maxPx: number, charPx: number): string {
  const max = Math.max(1, Math.floor(maxPx / charPx));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export function nodeHeight(attributeCount: number): number {
  return HEADER_H + PAD_Y * 2 + ROW_H * Math.max(1, attributeCount);
}

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function markerId(c: Cardinality): string {
  return `rl-${c}`;
}

const MARKERS = `<defs>
<marker id="rl-one" viewBox="0 0 16 16" refX="15" refY="8" markerWidth="16" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M9 2v12M13 2v12" stroke="#64748b" stroke-width="1.5" fill="none"/></marker>
<marker id="rl-zero-one" viewBox="0 0 20 16" refX="19" refY="8" markerWidth="20" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><circle cx="7" cy="8" r="3.5" stroke="#64748b" stroke-width="1.5" fill="#fff"/><path d="M15 2v12" stroke="#64748b" stroke-width="1.5"/></marker>
<marker id="rl-many" viewBox="0 0 16 16" refX="15" refY="8" markerWidth="16" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M4 8h11M4 8L15 2M4 8L15 14" stroke="#64748b" stroke-width="1.5" fill="none"/></marker>
</defs>`;

function edgeSvg(e: RelationshipFlowEdge, boxes: Map<string, Box>): string {
  const a = boxes.get(e.source);
  const b = boxes.get(e.target);
  const data = e.data;
  if (!a || !b || !data) return '';
  const dash = data.variant === 'manual' ? ' stroke-dasharray="2 4"' : data.variant === 'no-attributes' ? ' stroke-dasharray="6 4"' : data.variant === 'through' ? ' stroke-dasharray="10 3"' : '';
  const stroke = data.hasError ? '#dc2626' : '#64748b';
  const spread = (data.parallelIndex - (data.parallelCount - 1) / 2) * 16;
  let d: string;
  let lx: number;
  let ly: number;
  if (e.source === e.target) {
    const x1 = a.x + a.w * 0.72;
    const x2 = a.x + a.w * 0.28;
    const top = a.y - 50 - Math.abs(spread);
    d = `M${num(x1)} ${num(a.y)} C${num(x1)} ${num(top)} ${num(x2)} ${num(top)} ${num(x2)} ${num(a.y)}`;
    lx = a.x + a.w / 2;
    ly = top + 10;
  } else {
    const leftward = b.x + b.w < a.x;
    const sx = leftward ? a.x : a.x + a.w;
    const tx = leftward ? b.x + b.w : b.x;
    const sy = a.y + Math.min(a.h / 2, HEADER_H / 2 + 40) + spread;
    const ty = b.y + Math.min(b.h / 2, HEADER_H / 2 + 40) + spread;
    const bend = Math.max(40, Math.abs(tx - sx) / 2) * (leftward ? -1 : 1);
    d = `M${num(sx)} ${num(sy)} C${num(sx + bend)} ${num(sy)} ${num(tx - bend)} ${num(ty)} ${num(tx)} ${num(ty)}`;
    lx = (sx + tx) / 2;
    ly = (sy + ty) / 2;
  }
  const text = data.labels.filter((l) => !l.secondary).map((l) => l.relationship).join(' / ') || data.labels.map((l) => l.relationship).join(' / ');
  const label = clip(text, 220, 6.6);
  const w = label.length * 6.6 + 10;
  return `<g class="edge"><path d="${d}" fill="none" stroke="${stroke}" stroke-width="1.5"${dash} marker-start="url(#${markerId(data.startCardinality)})" marker-end="url(#${markerId(data.endCardinality)})"/>`
    + `<rect x="${num(lx - w / 2)}" y="${num(ly - 9)}" width="${num(w)}" height="18" rx="4" fill="#ffffff" fill-opacity="0.92" stroke="#e2e8f0"/>`
    + `<text x="${num(lx)}" y="${num(ly + 4)}" text-anchor="middle" font-family="${FONT}" font-size="11" fill="#334155">${escapeXml(label)}</text></g>`;
}

function nodeSvg(name: string, box: Box, normalized: NormalizedModel): string {
  const view = nodeView(normalized, name);
  const parts: string[] = [
    `<g class="resource" data-resource="${escapeXml(name)}">`,
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="8" fill="#ffffff" stroke="#94a3b8"/>`,
    `<path d="M${box.x} ${box.y + HEADER_H}h${box.w}" stroke="#e2e8f0"/>`,
    `<text x="${box.x + 12}" y="${box.y + 24}" font-family="${FONT}" font-size="13.5" font-weight="650" fill="#0f172a">${escapeXml(clip(name, box.w - 24, 8))}</text>`,
  ];
  if (view.attributes.length === 0) {
    parts.push(`<text x="${box.x + 12}" y="${box.y + HEADER_H + PAD_Y + 16}" font-family="${FONT}" font-size="12" font-style="italic" fill="#94a3b8">No attributes</text>`);
  }
  view.attributes.forEach((a, i) => {
    const y = box.y + HEADER_H + PAD_Y + i * ROW_H + 16;
    const chip = a.primaryKey ? 'PK' : a.addedBy ? 'FK' : '';
    if (chip) {
      parts.push(`<text x="${box.x + 8}" y="${y}" font-family="${FONT}" font-size="9" font-weight="700" fill="${a.primaryKey ? '#b45309' : '#2563eb'}">${chip}</text>`);
    }
    const type = `${a.type}${a.allowNil ? '?' : '!'}`;
    const typeW = type.length * 7;
    parts.push(
      `<text x="${box.x + 28}" y="${y}" font-family="${MONO}" font-size="12" fill="${a.addedBy ? '#475569' : '#0f172a'}"${a.addedBy ? ' font-style="italic"' : ''}>${escapeXml(clip(a.name, box.w - 40 - typeW, 7.2))}</text>`,
      `<text x="${box.x + box.w - 10}" y="${y}" text-anchor="end" font-family="${MONO}" font-size="11" fill="#64748b">${escapeXml(type)}</text>`,
    );
  });
  parts.push('</g>');
  return parts.join('');
}

/** Every resource and relationship of the document, framed by the bounds of all nodes plus a margin. */
export function toDiagramSvg(model: Model, normalized: NormalizedModel, layout: Layout, diagnostics: readonly Diagnostic[] = []): DiagramSvg {
  const positions = positionsFor(model, layout);
  const flow = toFlow(model, normalized, layout, null, diagnostics);
  const boxes = new Map<string, Box>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of flow.nodes) {
    const p = positions[n.id] ?? n.position;
    const box = { x: p.x, y: p.y, w: NODE_WIDTH, h: nodeHeight(nodeView(normalized, n.data.name).attributes.length) };
    boxes.set(n.id, box);
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y - (flow.edges.some((e) => e.source === n.id && e.target === n.id) ? 70 : 0));
    maxX = Math.max(maxX, box.x + box.w);
    maxY = Math.max(maxY, box.y + box.h);
  }
  if (boxes.size === 0) { minX = 0; minY = 0; maxX = 320; maxY = 120; }
  const x0 = minX - MARGIN;
  const y0 = minY - MARGIN;
  const width = Math.ceil(maxX - minX + MARGIN * 2);
  const height = Math.ceil(maxY - minY + MARGIN * 2);
  const title = escapeXml(model.name);
  const body = [
    MARKERS,
    `<rect x="${x0}" y="${y0}" width="${width}" height="${height}" fill="#f8fafc"/>`,
    ...flow.edges.map((e) => edgeSvg(e, boxes)),
    ...flow.nodes.map((n) => nodeSvg(n.data.name, boxes.get(n.id)!, normalized)),
  ];
  if (boxes.size === 0) {
    body.push(`<text x="${x0 + 20}" y="${y0 + 60}" font-family="${FONT}" font-size="14" fill="#64748b">${title} has no resources</text>`);
  }
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x0} ${y0} ${width} ${height}" role="img" aria-label="${title}"><title>${title}</title>${body.join('\n')}</svg>\n`;
  return { svg, width, height, resources: boxes.size };
}

/** Pixels per diagram unit for a PNG: 2 when it fits, less (with a warning) when the canvas would be too large. */
export function pngScale(width: number, height: number, opts: { preferred?: number; maxSide?: number; maxArea?: number } = {}): { scale: number; reduced: boolean } {
  const preferred = opts.preferred ?? 2;
  const maxSide = opts.maxSide ?? 16_384;
  const maxArea = opts.maxArea ?? 50_000_000;
  const limit = Math.min(preferred, maxSide / width, maxSide / height, Math.sqrt(maxArea / (width * height)));
  const scale = Math.floor(limit * 100) / 100;
  return { scale, reduced: scale < 1 };
}

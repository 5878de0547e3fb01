import { describe, expect, it } from 'vitest';
import { applyOps, assignDocumentIds, counterIds, normalizeModel } from '../../core/index';
import type { Diagnostic, RelataDocument } from '../../core/index';
import { reconcileEdges, reconcileNodes, toFlow } from './to-flow';
import { helpdeskDoc } from './test-fixtures';

function flow(selection: Parameters<typeof toFlow>[3] = null, diagnostics: Diagnostic[] = []) {
  const doc = helpdeskDoc();
  return toFlow(doc.model, normalizeModel(doc.model), doc.layout, selection, diagnostics);
}

describe('toFlow nodes', () => {
  it('gives one node per resource, laid out or placed without overlap', () => {
    const { nodes } = flow();
    expect(nodes.map((n) => n.id)).toEqual(['Representative', 'Ticket', 'Post', 'Tag', 'PostTag']);
    expect(nodes[0]!.position).toEqual({ x: 0, y: 0 });
    const keys = new Set(nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(keys.size).toBe(5);
    expect(nodes[0]!.ariaLabel).toBe('Resource Representative');
  });
  it('marks the selected resource', () => {
    const { nodes } = flow({ kind: 'attribute', resource: 'Ticket', attribute: 'id' });
    expect(nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['Ticket']);
  });
});

describe('toFlow edges', () => {
  it('draws a belongs_to and its inverse has_many as one edge with both names', () => {
    const e = flow().edges.find((x) => x.id === 'rel:Ticket.representative')!;
    expect(e.source).toBe('Ticket');
    expect(e.target).toBe('Representative');
    expect(e.data!.labels.map((l) => l.relationship)).toEqual(['representative', 'tickets']);
    expect(e.data!.startCardinality).toBe('many');
    expect(e.data!.endCardinality).toBe('zero-one');
    expect(flow().edges.some((x) => x.id === 'rel:Representative.tickets')).toBe(false);
  });
  it('draws a self-loop with the noAttributes style', () => {
    const e = flow().edges.find((x) => x.id === 'rel:Ticket.higher_priority_tickets')!;
    expect(e.source).toBe('Ticket');
    expect(e.target).toBe('Ticket');
    // Every edge names the two handles every node has (no React Flow "couldn't create edge" warnings).
    expect(e.sourceHandle).toBe('out');
    expect(e.targetHandle).toBe('in');
    expect(e.data!.variant).toBe('no-attributes');
    // A loop: leaves the node's right side, goes above it and comes back into its top.
    const pts = e.data!.points;
    const ticket = flow().nodes.find((n) => n.id === 'Ticket')!.position;
    expect(pts.length).toBeGreaterThan(3);
    expect(Math.min(...pts.map((p) => p.y))).toBeLessThan(ticket.y);
    expect(pts.at(-1)!.y).toBe(ticket.y);
  });
  it('draws many_to_many through its join, not the implicit join relationship, inverse and join keys folded in', () => {
    const edges = flow().edges.filter((x) => x.id.startsWith('m2m:'));
    expect(edges.map((e) => [e.source, e.target])).toEqual([['Post', 'PostTag'], ['PostTag', 'Tag']]);
    expect(edges[0]!.data!.labels.map((l) => l.relationship)).toEqual(['tags', 'post']);
    expect(edges[1]!.data!.labels.map((l) => l.relationship)).toEqual(['posts', 'tag']);
    const all = flow().edges;
    expect(all.some((e) => e.data!.labels.some((l) => l.relationship.endsWith('_join_assoc')))).toBe(false);
    expect(all).toHaveLength(4);
  });
  it('selects the edge of a selected relationship, and flags errors', () => {
    const d: Diagnostic = { severity: 'error', code: 'invalid_expression', resource: 'Ticket', relationship: 'higher_priority_tickets', path: [], message: 'x' };
    const { edges } = flow({ kind: 'relationship', resource: 'Representative', relationship: 'tickets' }, [d]);
    expect(edges.filter((e) => e.selected).map((e) => e.id)).toEqual(['rel:Ticket.representative']);
    expect(edges.filter((e) => e.data!.hasError).map((e) => e.id)).toEqual(['rel:Ticket.higher_priority_tickets']);
  });
  it('manual relationships are dashed and parallel edges are counted', () => {
    const doc = helpdeskDoc();
    doc.model.resources[0]!.relationships!.push({ kind: 'has_many', name: 'urgent', destination: 'Ticket', manual: { language: 'javascript', source: '' } });
    const { edges } = toFlow(doc.model, normalizeModel(doc.model), doc.layout, null);
    const e = edges.find((x) => x.id === 'rel:Representative.urgent')!;
    expect(e.data!.variant).toBe('manual');
    expect(e.data!.parallelCount).toBe(2);
    expect(e.data!.parallelIndex).toBe(1);
  });
  it('skips edges to unknown resources', () => {
    const doc = helpdeskDoc();
    doc.model.resources[0]!.relationships!.push({ kind: 'has_many', name: 'ghosts', destination: 'Ghost' });
    const { edges } = toFlow(doc.model, normalizeModel(doc.model), doc.layout, null);
    expect(edges.some((e) => e.target === 'Ghost')).toBe(false);
  });
});

describe('reconcile', () => {
  it('keeps unchanged objects and the same array when nothing changed', () => {
    const a = flow();
    const b = flow();
    expect(reconcileNodes(a.nodes, b.nodes)).toBe(a.nodes);
    expect(reconcileEdges(a.edges, b.edges)).toBe(a.edges);
    const c = flow({ kind: 'resource', resource: 'Ticket' });
    const nodes = reconcileNodes(a.nodes, c.nodes);
    expect(nodes).not.toBe(a.nodes);
    expect(nodes[0]).toBe(a.nodes[0]);
    expect(nodes[1]).not.toBe(a.nodes[1]);
  });
});

describe('toFlow with ids', () => {
  const withIds = () => assignDocumentIds(helpdeskDoc(), counterIds());
  const idOf = (doc: RelataDocument, name: string) => doc.model.resources.find((r) => r.name === name)!.id!;
  const relId = (doc: RelataDocument, resource: string, rel: string) =>
    doc.model.resources.find((r) => r.name === resource)!.relationships!.find((x) => x.name === rel)!.id!;
  const flowOf = (doc: RelataDocument, selection: Parameters<typeof toFlow>[3] = null) => toFlow(doc.model, normalizeModel(doc.model), doc.layout, selection);

  it('node ids are resource ids, edge ids relationship ids; names stay in labels', () => {
    const doc = withIds();
    const { nodes, edges } = flowOf(doc);
    expect(nodes.map((n) => n.id)).toEqual(['Representative', 'Ticket', 'Post', 'Tag', 'PostTag'].map((n) => idOf(doc, n)));
    expect(nodes.map((n) => n.data.name)).toEqual(['Representative', 'Ticket', 'Post', 'Tag', 'PostTag']);
    expect(nodes[0]!.ariaLabel).toBe('Resource Representative');
    // The migrated layout puts every node where it was by name.
    expect(nodes.map((n) => n.position)).toEqual(flow().nodes.map((n) => n.position));
    const pair = edges.find((e) => e.id === `rel:${relId(doc, 'Ticket', 'representative')}`)!;
    expect(pair).toMatchObject({ source: idOf(doc, 'Ticket'), target: idOf(doc, 'Representative') });
    expect(pair.data!.labels.map((l) => `${l.resource}.${l.relationship}`)).toEqual(['Ticket.representative', 'Representative.tickets']);
    const m2m = relId(doc, 'Post', 'tags');
    expect(edges.filter((e) => e.id.startsWith(`m2m:${m2m}`)).map((e) => e.id).sort()).toEqual([`m2m:${m2m}:in`, `m2m:${m2m}:out`]);
  });

  it('a rename changes labels, not ids or places', () => {
    const doc = withIds();
    const before = flowOf(doc, { kind: 'resource', resource: 'Ticket' });
    const renamed = applyOps(doc, [{ kind: 'renameResource', from: 'Ticket', to: 'Issue' }]);
    if (!renamed.ok) throw new Error(renamed.error.message);
    const after = flowOf(renamed.value.document, { kind: 'resource', resource: 'Issue' });
    expect(after.nodes.map((n) => [n.id, n.position])).toEqual(before.nodes.map((n) => [n.id, n.position]));
    expect(after.edges.map((e) => [e.id, e.source, e.target])).toEqual(before.edges.map((e) => [e.id, e.source, e.target]));
    const node = after.nodes.find((n) => n.id === idOf(doc, 'Ticket'))!;
    expect(node).toMatchObject({ selected: true, data: { name: 'Issue' }, ariaLabel: 'Resource Issue' });
  });

  it('pins are by id', () => {
    const doc = withIds();
    const pinned = { ...doc, layout: { ...doc.layout, pinned: [idOf(doc, 'Tag')] } };
    expect(flowOf(pinned).nodes.filter((n) => n.data.pinned).map((n) => n.data.name)).toEqual(['Tag']);
  });
});

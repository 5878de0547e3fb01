import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MouseEvent as ReactMouseEvent } from 'react';
import {
  Background, BackgroundVariant, ConnectionMode, Controls, MiniMap, ReactFlow, ReactFlowProvider, applyNodeChanges,
  useReactFlow, type Connection, type EdgeTypes, type FinalConnectionState, type NodeChange, type NodeTypes, type OnNodeDrag,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { useCanvas } from './canvas-store';
import { addResourceAt, deleteSelection } from './commands';
import { CardinalityMarkers } from './markers';
import { RelationshipEdge } from './RelationshipEdge';
import { RelationshipPicker } from './RelationshipPicker';
import { ResourceNode } from './ResourceNode';
import { reconcileEdges, reconcileNodes, toFlow, type RelationshipFlowEdge, type ResourceFlowNode } from './to-flow';

const nodeTypes: NodeTypes = { resource: ResourceNode };
const edgeTypes: EdgeTypes = { relationship: RelationshipEdge };
const proOptions = { hideAttribution: true };
const fitViewOptions = { padding: 0.2, maxZoom: 1.2 };

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || !!target.closest('.cm-editor, [role="dialog"]');
}

/** The resource node under a screen point (a drop on a node's body, not on its handle). */
function nodeAt(x: number, y: number): string | null {
  const el = document.elementFromPoint(x, y)?.closest('.react-flow__node');
  return el?.getAttribute('data-id') ?? null;
}

/**
 * Opens the picker after the drop's `click` has been dispatched: opened synchronously, the modal
 * would be under the pointer and take that click as a click on its backdrop (which closes it).
 */
function openPickerSoon(from: string, to: string) {
  window.setTimeout(() => useCanvas.getState().openPicker({ from, to }), 0);
}

function CanvasInner() {
  const model = useDocument((s) => s.document.model);
  const layout = useDocument((s) => s.document.layout);
  const normalized = useDocument((s) => s.normalized);
  const selection = useDocument((s) => s.selection);
  const diagnostics = useDocument((s) => s.diagnostics);
  const docId = useDocument((s) => s.docId);
  const theme = useUi((s) => s.theme);
  const fitRequest = useCanvas((s) => s.fitRequest);
  const { screenToFlowPosition, fitView } = useReactFlow();

  const flow = useMemo(() => toFlow(model, normalized, layout, selection, diagnostics), [model, normalized, layout, selection, diagnostics]);

  // Nodes live in local state while dragging (React Flow moves them); the store hears only the drop.
  const [nodes, setNodes] = useState<ResourceFlowNode[]>(flow.nodes);
  const [edges, setEdges] = useState<RelationshipFlowEdge[]>(flow.edges);
  const [shown, setShown] = useState(flow);
  if (shown !== flow) {
    setShown(flow);
    setNodes((prev) => reconcileNodes(prev, flow.nodes));
    setEdges((prev) => reconcileEdges(prev, flow.edges));
  }

  const onNodesChange = useCallback((changes: NodeChange<ResourceFlowNode>[]) => {
    // Selection and removal are the store's business; React Flow only moves and measures.
    const relevant = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    if (relevant.length) setNodes((prev) => applyNodeChanges(relevant, prev));
  }, []);

  const onNodeDragStop: OnNodeDrag<ResourceFlowNode> = useCallback((_e, _node, dragged) => {
    const ops = dragged.map((n) => ({ kind: 'moveNode' as const, resource: n.id, to: { x: Math.round(n.position.x), y: Math.round(n.position.y) } }));
    const { layout: current } = useDocument.getState().document;
    const moved = ops.filter((op) => {
      const p = current.positions[op.resource];
      return !p || p.x !== op.to.x || p.y !== op.to.y;
    });
    if (moved.length) useDocument.getState().dispatch(moved, moved.length === 1 ? `Move ${moved[0]!.resource}` : 'Move resources');
  }, []);

  const onNodeClick = useCallback((e: ReactMouseEvent, node: ResourceFlowNode) => {
    const attr = (e.target as HTMLElement).closest?.('[data-attribute]')?.getAttribute('data-attribute');
    useDocument.getState().select(attr ? { kind: 'attribute', resource: node.id, attribute: attr } : { kind: 'resource', resource: node.id });
  }, []);

  const onEdgeClick = useCallback((_e: ReactMouseEvent, edge: RelationshipFlowEdge) => {
    const first = edge.data?.labels.find((l) => !l.secondary) ?? edge.data?.labels[0];
    if (first) useDocument.getState().select({ kind: 'relationship', resource: first.resource, relationship: first.relationship });
  }, []);

  const onPaneClick = useCallback(() => useDocument.getState().select(null), []);

  const onConnect = useCallback((c: Connection) => openPickerSoon(c.source, c.target), []);

  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || !state.fromNode) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (!point) return;
    const to = nodeAt(point.clientX, point.clientY);
    if (to) openPickerSoon(state.fromNode.id, to);
  }, []);

  const onDoubleClick = useCallback((e: ReactMouseEvent) => {
    if (!(e.target as HTMLElement).classList.contains('react-flow__pane')) return;
    addResourceAt(screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  }, [screenToFlowPosition]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== 'Delete' && e.key !== 'Backspace') || isEditable(e.target) || e.defaultPrevented) return;
      if (useCanvas.getState().picker) return;
      if (deleteSelection()) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (fitRequest === 0) return;
    const t = window.setTimeout(() => void fitView({ ...fitViewOptions, duration: 250 }), 30);
    return () => window.clearTimeout(t);
  }, [fitRequest, fitView]);

  // A newly opened document: show all of it once React Flow has measured the nodes.
  useEffect(() => {
    const t = window.setTimeout(() => void fitView(fitViewOptions), 60);
    return () => window.clearTimeout(t);
  }, [docId, fitView]);

  return (
    <div className="relata-canvas" onDoubleClick={onDoubleClick}>
      <CardinalityMarkers />
      <ReactFlow<ResourceFlowNode, RelationshipFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        connectionMode={ConnectionMode.Loose}
        connectionRadius={30}
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={2}
        fitView
        fitViewOptions={fitViewOptions}
        proOptions={proOptions}
        colorMode={theme}
        elevateNodesOnSelect={false}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <MiniMap pannable zoomable className="relata-minimap" nodeClassName="relata-minimap-node" ariaLabel="Minimap" />
        <Controls className="relata-controls" />
      </ReactFlow>
      {nodes.length === 0 && (
        <div className="canvas-empty" aria-hidden="true">
          <p className="canvas-empty-title">An empty model</p>
          <p>Double-click anywhere to add a resource, then drag from a resource's right edge to another to relate them.</p>
        </div>
      )}
      <RelationshipPicker />
    </div>
  );
}

export function Canvas() {
  return (
    <ReactFlowProvider>
      <CanvasInner />
    </ReactFlowProvider>
  );
}

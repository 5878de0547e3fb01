import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent as ReactMouseEvent } from 'react';
import {
  Background, BackgroundVariant, ConnectionMode, Controls, MiniMap, ReactFlow, ReactFlowProvider, applyNodeChanges, getViewportForBounds,
  useReactFlow, useStore, useStoreApi, type Connection, type FitViewOptions, type ReactFlowState, type Viewport, type EdgeTypes, type FinalConnectionState, type NodeChange, type NodeTypes, type OnNodeDrag,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { resourceByKey } from '../../core/index';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { useCanvas } from './canvas-store';
import { addResourceAt, deleteSelection } from './commands';
import { CardinalityMarkers } from './markers';
import { RelationshipEdge } from './RelationshipEdge';
import { RelationshipPicker } from './RelationshipPicker';
import { ResourceNode } from './ResourceNode';
import { NODE_WIDTH } from './gesture-ops';
import { COMPACT_HEIGHT, isCompactZoom, nodeHeight, nodeRows, withKnownSize } from './node-view';
import { reconcileEdges, reconcileNodes, toFlow, type RelationshipFlowEdge, type ResourceFlowNode } from './to-flow';

const nodeTypes: NodeTypes = { resource: ResourceNode };
const edgeTypes: EdgeTypes = { relationship: RelationshipEdge };
/** Room for the controls (bottom left) so that a fitted diagram is not under them. */
const fitViewOptions: FitViewOptions & { padding: NonNullable<FitViewOptions['padding']>; maxZoom: number } = { padding: { top: '32px', left: '32px', right: '32px', bottom: '56px' }, maxZoom: 1.2 };
const MIN_ZOOM = 0.05;
const NO_NODES: ResourceFlowNode[] = [];
const NO_EDGES: RelationshipFlowEdge[] = [];

/**
 * The fitted viewport of a document, from its layout and the nodes' estimated sizes, before any
 * node is rendered: a node first renders at the zoom it will be seen at (300 nodes rendered with
 * every attribute row, measured, then fitted and re-rendered compact cost seconds on open).
 */
function fittedViewport(nodes: readonly ResourceFlowNode[], heightOf: (node: ResourceFlowNode) => number, width: number, height: number) {
  const boundsFor = (compact: boolean) => {
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    for (const n of nodes) {
      x1 = Math.min(x1, n.position.x);
      y1 = Math.min(y1, n.position.y);
      x2 = Math.max(x2, n.position.x + NODE_WIDTH);
      y2 = Math.max(y2, n.position.y + (compact ? COMPACT_HEIGHT : heightOf(n)));
    }
    return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
  };
  const fit = (compact: boolean) => getViewportForBounds(boundsFor(compact), width, height, MIN_ZOOM, fitViewOptions.maxZoom, fitViewOptions.padding);
  const full = fit(false);
  return isCompactZoom(full.zoom) ? fit(true) : full;
}

/** Sized copies of the canvas's nodes, per node object (unchanged nodes stay the same objects for React Flow). */
const sizedCache = new WeakMap<ResourceFlowNode, { height: number; node: ResourceFlowNode }>();

const MINIMAP_SIZE = { width: 160, height: 104 };

/** Whether some node lies (partly) outside the visible area. */
function someNodeOutOfView(s: ReactFlowState): boolean {
  const [tx, ty, zoom] = s.transform;
  if (!s.width || !s.height) return false;
  for (const n of s.nodeLookup.values()) {
    const { x, y } = n.internals.positionAbsolute;
    const w = n.measured.width ?? NODE_WIDTH, h = n.measured.height ?? COMPACT_HEIGHT;
    if (x * zoom + tx < 0 || y * zoom + ty < 0 || (x + w) * zoom + tx > s.width || (y + h) * zoom + ty > s.height) return true;
  }
  return false;
}

const useMinimapNeeded = () => useStore(someNodeOutOfView);

const viewportKey = (docId: string) => `relata.viewport.${docId}`;
function saveViewport(docId: string, v: Viewport) {
  try {
    localStorage.setItem(viewportKey(docId), JSON.stringify({ x: Math.round(v.x), y: Math.round(v.y), zoom: Math.round(v.zoom * 1000) / 1000 }));
  } catch {
    // Storage full or denied: the view is just not remembered.
  }
}
function loadViewport(docId: string): Viewport | null {
  try {
    const v = JSON.parse(localStorage.getItem(viewportKey(docId)) ?? 'null') as Partial<Viewport> | null;
    return v && Number.isFinite(v.x) && Number.isFinite(v.y) && Number.isFinite(v.zoom) && (v.zoom ?? 0) > 0 ? { x: v.x!, y: v.y!, zoom: v.zoom! } : null;
  } catch {
    return null;
  }
}

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
function openPickerSoon(fromNode: string, toNode: string) {
  // Nodes are keyed by resource id; the picker works with names.
  const model = useDocument.getState().document.model;
  const from = resourceByKey(model, fromNode)?.name ?? fromNode;
  const to = resourceByKey(model, toNode)?.name ?? toNode;
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
  const laying = useCanvas((s) => s.laying > 0);
  const { screenToFlowPosition, fitView, setCenter, setViewport } = useReactFlow();
  const rf = useStoreApi<ResourceFlowNode, RelationshipFlowEdge>();
  const root = useRef<HTMLDivElement>(null);

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

  // Nodes as handed to React Flow: with the size they will measure at this zoom (header only when
  // compact) and their handles, so the first render shows them with their edges (node-view.ts).
  const compactZoom = useStore((s) => isCompactZoom(s.transform[2]));
  /** A node's full height (header and rows), from the model: before any node is measured. */
  const heightOf = useMemo(() => {
    const rows = new Map(normalized.resources.map((r) => [r.name, nodeRows(r)]));
    return (n: ResourceFlowNode) => nodeHeight(rows.get(n.data.name) ?? 0);
  }, [normalized]);
  const sized = useMemo(() => {
    return nodes.map((n) => {
      const height = compactZoom ? COMPACT_HEIGHT : heightOf(n);
      const hit = sizedCache.get(n);
      if (hit && hit.height === height) return hit.node;
      const node = withKnownSize(n, NODE_WIDTH, height);
      sizedCache.set(n, { height, node });
      return node;
    });
  }, [nodes, compactZoom, heightOf]);

  const onNodesChange = useCallback((changes: NodeChange<ResourceFlowNode>[]) => {
    // Selection and removal are the store's business; React Flow only moves and measures.
    // React Flow reports a size only where the measurement differs from the one the node was given
    // (withKnownSize), so an open does not hand it 300 new node objects to adopt and re-render.
    const relevant = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    if (relevant.length) setNodes((prev) => applyNodeChanges(relevant, prev));
  }, []);

  const onNodeDragStop: OnNodeDrag<ResourceFlowNode> = useCallback((_e, _node, dragged) => {
    root.current?.classList.remove('is-dragging');
    setEdges((prev) => (prev.some((e) => e.className) ? prev.map((e) => (e.className ? { ...e, className: undefined, data: e.data && { ...e.data, live: false } } : e)) : prev));
    const { layout: current } = useDocument.getState().document;
    // Layout entries are under node ids (resource keys); the op names the resource.
    const moved = dragged
      .map((n) => ({ id: n.id, op: { kind: 'moveNode' as const, resource: n.data.name, to: { x: Math.round(n.position.x), y: Math.round(n.position.y) } } }))
      .filter(({ id, op }) => {
        const p = current.positions[id];
        return !p || p.x !== op.to.x || p.y !== op.to.y;
      })
      .map(({ op }) => op);
    if (moved.length) useDocument.getState().dispatch(moved, moved.length === 1 ? `Move ${moved[0]!.resource}` : 'Move resources');
  }, []);

  // While the view pans/zooms or a node is dragged, the graph is neither hit-tested (600 edge
  // strokes per mouse move) nor repainted: the viewport is its own layer and just moves (canvas.css).
  const setMoving = useCallback((on: boolean) => root.current?.classList.toggle('is-moving', on), []);
  const onMoveStart = useCallback(() => setMoving(true), [setMoving]);
  const onMoveEnd = useCallback((_e: unknown, viewport: Viewport) => {
    setMoving(false);
    const id = useDocument.getState().docId;
    if (id) saveViewport(id, viewport);
  }, [setMoving]);
  // The dragged node's edges are marked so that they, like the node, get layers of their own
  // (canvas.css): each frame then re-rasters a node and a few edges, not every edge and node
  // around them.
  const onNodeDragStart: OnNodeDrag<ResourceFlowNode> = useCallback((_e, _node, dragged) => {
    root.current?.classList.add('is-dragging');
    const ids = new Set(dragged.map((n) => n.id));
    // Live edges are drawn between the handles while the node moves; routed again on the drop.
    setEdges((prev) => prev.map((e) => (ids.has(e.source) || ids.has(e.target) ? { ...e, className: 'is-live', data: e.data && { ...e.data, live: true } } : e)));
  }, []);

  const onNodeClick = useCallback((e: ReactMouseEvent, node: ResourceFlowNode) => {
    const attr = (e.target as HTMLElement).closest?.('[data-attribute]')?.getAttribute('data-attribute');
    const resource = node.data.name;
    useDocument.getState().select(attr ? { kind: 'attribute', resource, attribute: attr } : { kind: 'resource', resource });
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

  // A resource selected from outside the canvas (added from the toolbar, picked in the inspector or
  // the issues list) that lies wholly out of view is brought to the middle of the canvas.
  const revealed = useDocument((s) => (s.selectionIds && s.selectionIds.kind !== 'relationship' ? s.selectionIds.resourceId : null));
  useEffect(() => {
    if (!revealed) return;
    const { nodeLookup, transform: [tx, ty, zoom], width, height } = rf.getState();
    const n = nodeLookup.get(revealed);
    if (!n || !width || !height) return;
    const { x, y } = n.internals.positionAbsolute;
    const w = n.measured.width ?? NODE_WIDTH, h = n.measured.height ?? 80;
    const left = x * zoom + tx, top = y * zoom + ty;
    if (left + w * zoom > 0 && left < width && top + h * zoom > 0 && top < height) return;
    void setCenter(x + w / 2, y + Math.min(h / 2, height / zoom / 3), { zoom, duration: 200 });
  }, [revealed, rf, setCenter]);

  // `relata:set-viewport` (detail: {x, y, zoom}) moves the view: the geometry test looks at a big
  // model at a readable zoom this way.
  useEffect(() => {
    const onSet = (e: Event) => {
      const v = (e as CustomEvent<Viewport>).detail;
      if (v && Number.isFinite(v.x) && Number.isFinite(v.y) && v.zoom > 0) void setViewport(v);
    };
    window.addEventListener('relata:set-viewport', onSet);
    return () => window.removeEventListener('relata:set-viewport', onSet);
  }, [setViewport]);

  useEffect(() => {
    if (fitRequest === 0) return;
    const t = window.setTimeout(() => void fitView({ ...fitViewOptions, duration: 250 }), 30);
    return () => window.clearTimeout(t);
  }, [fitRequest, fitView]);

  // A newly opened document: nothing is rendered until the view is fitted to it (fittedViewport).
  const [viewFor, setViewFor] = useState<string | null>(null);
  const pendingViewport = useRef<Viewport | null>(null);
  const onInit = useCallback(() => {
    const v = pendingViewport.current;
    pendingViewport.current = null;
    if (v) void setViewport(v);
  }, [setViewport]);
  const minimap = useMinimapNeeded();
  useLayoutEffect(() => {
    if (viewFor === docId) return;
    const box = root.current?.getBoundingClientRect();
    const saved = docId ? loadViewport(docId) : null;
    if (saved && flow.nodes.length > 0) {
      // Where the user left this model (zoom and pan), restored on reload.
      if (rf.getState().panZoom) void setViewport(saved);
      else pendingViewport.current = saved;
    } else if (box && box.width > 0 && box.height > 0 && flow.nodes.length > 0) {
      if (rf.getState().panZoom) {
        void setViewport(fittedViewport(flow.nodes, heightOf, box.width, box.height));
      } else {
        // The very first render (React Flow's zoom is not set up yet): fit once nodes are measured.
        void fitView(fitViewOptions);
      }
    }
    // Measure, set the view, then render the nodes, all before the browser paints: the one
    // re-render this causes is the point (the first render of a document has no nodes).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setViewFor(docId);
  }, [docId, viewFor, flow, rf, setViewport, fitView, heightOf]);
  const viewReady = viewFor === docId;

  return (
    <div className="relata-canvas" ref={root} onDoubleClick={onDoubleClick} aria-busy={laying}>
      <CardinalityMarkers />
      <ReactFlow<ResourceFlowNode, RelationshipFlowEdge>
        nodes={viewReady ? sized : NO_NODES}
        edges={viewReady ? edges : NO_EDGES}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        onInit={onInit}
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
        minZoom={MIN_ZOOM}
        maxZoom={2}
        colorMode={theme}
        elevateNodesOnSelect={false}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        {/* Only when part of the diagram is out of view: a fitted diagram is all there, and the map would cover it. */}
        {minimap && <MiniMap pannable zoomable className="relata-minimap" nodeClassName="relata-minimap-node" ariaLabel="Minimap" style={MINIMAP_SIZE} />}
        <Controls className="relata-controls" orientation="horizontal" />
      </ReactFlow>
      {nodes.length === 0 && (
        <div className="canvas-empty" aria-hidden="true">
          <p className="canvas-empty-title">An empty model</p>
          <p>Double-click anywhere to add a resource, then drag from a resource's right edge to another to relate them.</p>
        </div>
      )}
      {laying && (
        <p className="canvas-laying" role="status">
          Laying out…
        </p>
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

/**
 * Auto layout: ELK (layout-compute.ts) in a Web Worker, so neither its code (~1.5 MB) nor its work
 * lands on the main thread; if the worker cannot start or fails, the same computation runs here.
 * `autoLayout()` applies the result as one `setLayout` op (one undo step); `layoutFor()` lays out
 * a document before it opens (templates).
 */
import type { Layout, Model, NormalizedModel, RelataDocument } from '../../core/index';
import { normalizeModel } from '../../core/index';
import { useDocument } from '../state/document-store';
import { useCanvas } from './canvas-store';
import { NODE_WIDTH } from './gesture-ops';
import type { LayoutInput, LayoutOutput } from './layout-compute';
import { nodeHeight } from './node-view';
import { labelSize, toEdges } from './to-flow';

let worker: Worker | null = null;
let nextId = 1;

function layoutInWorker(input: LayoutInput): Promise<LayoutOutput> {
  return new Promise((resolve, reject) => {
    try {
      worker ??= new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const w = worker;
    const id = nextId++;
    const onMessage = (event: MessageEvent<{ id: number; ok: boolean; output?: LayoutOutput; message?: string }>) => {
      if (event.data.id !== id) return;
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      if (event.data.ok && event.data.output) resolve(event.data.output);
      else reject(new Error(event.data.message ?? 'layout failed'));
    };
    const onError = (e: ErrorEvent) => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      worker = null;
      reject(new Error(e.message || 'layout worker failed'));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ id, input });
  });
}

/** The layout input of a model: a node per resource, an edge (with its label's size) per canvas edge. */
export function layoutInputOf(normalized: NormalizedModel, layout?: Layout): LayoutInput {
  const nodes: LayoutInput['nodes'] = [];
  const names = new Set<string>();
  for (const r of normalized.resources) {
    if (names.has(r.name)) continue;
    names.add(r.name);
    nodes.push({ id: r.name, width: NODE_WIDTH, height: nodeHeight(r.attributes.length) });
  }
  const edges = toEdges(normalized, names, null, []).map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    // The "one" side of a belongs_to left of the "many" side.
    ...(e.data?.labels[0]?.kind === 'belongs_to' ? { reverse: true } : {}),
    ...(e.data && e.data.labels.length ? { label: labelSize(e.data.labels, e.data.variant) } : {}),
  }));
  const pinned: Record<string, { x: number; y: number }> = {};
  for (const name of layout?.pinned ?? []) {
    const p = layout?.positions[name];
    if (p && names.has(name)) pinned[name] = p;
  }
  return { nodes, edges, ...(Object.keys(pinned).length ? { pinned } : {}) };
}

export async function computePositions(input: LayoutInput): Promise<LayoutOutput> {
  if (typeof Worker !== 'undefined') {
    try {
      return await layoutInWorker(input);
    } catch {
      // Fall through to the computation on this thread.
    }
  }
  const { computeLayout } = await import('./layout-compute');
  return computeLayout(input);
}

async function layoutOfModel(normalized: NormalizedModel, previous?: Layout): Promise<Layout> {
  const out = await computePositions(layoutInputOf(normalized, previous));
  return {
    positions: out.positions,
    ...(Object.keys(out.routes).length ? { routes: out.routes } : {}),
    ...(previous?.pinned?.length ? { pinned: previous.pinned } : {}),
  };
}

/** A laid-out document for `model` (templates and fixtures open laid out). */
export async function layoutFor(model: Model): Promise<RelataDocument> {
  return { model, layout: await layoutOfModel(normalizeModel(model)) };
}

export async function autoLayout(): Promise<void> {
  const { normalized, version, document } = useDocument.getState();
  if (normalized.resources.length === 0) return;
  let layout = await layoutOfModel(normalized, document.layout);
  const state = useDocument.getState();
  // The model changed while the worker ran: lay out what is there now rather than a stale model.
  if (state.version !== version) layout = await layoutOfModel(state.normalized, state.document.layout);
  useDocument.getState().dispatch([{ kind: 'setLayout', layout }], 'Auto layout');
  useCanvas.getState().requestFit();
}

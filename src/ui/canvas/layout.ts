/**
 * Auto layout: ELK (layout-compute.ts) in ELK's own Web Worker, so neither its code (~1.5 MB) nor
 * its work lands on the main thread; without workers (Node) the bundled ELK runs on this thread.
 * `autoLayout()` applies the result as one `setLayout` op (one undo step); `layoutFor()` lays out
 * a document before it opens (templates).
 */
import type { Layout, Model, NormalizedModel, RelataDocument } from '../../core/index';
import { normalizeModel } from '../../core/index';
import { useDocument } from '../state/document-store';
import { useCanvas } from './canvas-store';
import { NODE_WIDTH } from './gesture-ops';
import type ELKClass from 'elkjs/lib/elk-api';
import type { ELK } from 'elkjs/lib/elk-api';
import { computeLayout, type LayoutInput, type LayoutOutput } from './layout-compute';
import { nodeHeight, nodeRows } from './node-view';
import { entityKeysOf, labelSize, toEdges } from './to-flow';

type ElkApi = Pick<ELK, 'layout'>;
let elk: Promise<ElkApi> | null = null;

/** The ELK class of a CommonJS module however the bundler wrapped it (`default`, `default.default`). */
function elkClass(mod: unknown): typeof ELKClass {
  const m = mod as { default?: { default?: unknown } };
  return (typeof m.default === 'function' ? m.default : typeof m.default?.default === 'function' ? m.default.default : mod) as typeof ELKClass;
}

/**
 * ELK in its own Web Worker (elk.worker.ts), or, where
 * there are no workers (Node, tests), the bundled ELK on this thread.
 */
function getElk(): Promise<ElkApi> {
  elk ??= (async () => {
    if (typeof Worker !== 'undefined') {
      try {
        const Elk = elkClass(await import('elkjs/lib/elk-api.js'));
        return new Elk({ workerFactory: () => new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' }) });
      } catch {
        // Fall through to the same-thread ELK.
      }
    }
    return new (elkClass(await import('elkjs/lib/elk.bundled.js')))();
  })();
  return elk;
}

/**
 * The layout input of a model: a node per resource, an edge (with its label's size) per canvas
 * edge, ids as on the canvas (keys of `model`'s resources and relationships; names without it).
 */
export function layoutInputOf(normalized: NormalizedModel, layout?: Layout, model?: Model): LayoutInput {
  const keys = entityKeysOf(model);
  const nodes: LayoutInput['nodes'] = [];
  const names = new Set<string>();
  const ids = new Set<string>();
  for (const r of normalized.resources) {
    if (names.has(r.name)) continue;
    names.add(r.name);
    ids.add(keys.resource(r.name));
    nodes.push({ id: keys.resource(r.name), width: NODE_WIDTH, height: nodeHeight(nodeRows(r)) });
  }
  const edges = toEdges(normalized, names, null, [], keys).map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    // The "one" side of a belongs_to left of the "many" side.
    ...(e.data?.labels[0]?.kind === 'belongs_to' ? { reverse: true } : {}),
    ...(e.data && e.data.labels.length ? { label: labelSize(e.data.labels, e.data.variant) } : {}),
  }));
  const pinned: Record<string, { x: number; y: number }> = {};
  for (const id of layout?.pinned ?? []) {
    const p = layout?.positions[id];
    if (p && ids.has(id)) pinned[id] = p;
  }
  return { nodes, edges, ...(Object.keys(pinned).length ? { pinned } : {}) };
}

export async function computePositions(input: LayoutInput): Promise<LayoutOutput> {
  return computeLayout(input, await getElk());
}

async function layoutOfModel(model: Model, normalized: NormalizedModel, previous?: Layout): Promise<Layout> {
  const out = await computePositions(layoutInputOf(normalized, previous, model));
  return {
    positions: out.positions,
    ...(Object.keys(out.routes).length ? { routes: out.routes } : {}),
    ...(previous?.pinned?.length ? { pinned: previous.pinned } : {}),
  };
}

/** A laid-out document for `model` (templates and fixtures open laid out). */
export async function layoutFor(model: Model): Promise<RelataDocument> {
  return { model, layout: await layoutOfModel(model, normalizeModel(model)) };
}

/** How long opening a template waits for its layout before showing it and laying it out when ready. */
const OPEN_WAIT_MS = 1500;

/**
 * A template laid out if ELK answers within OPEN_WAIT_MS (it does once its worker is warm);
 * otherwise the plain document now and `later(laidOut)` when the layout arrives.
 */
export async function laidOutSoon(model: Model): Promise<{ document: RelataDocument; later(apply: (doc: RelataDocument) => void): void }> {
  const pending = layoutFor(model);
  const plain: RelataDocument = { model, layout: { positions: {} } };
  const first = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), OPEN_WAIT_MS))]).catch(() => plain);
  if (first) return { document: first, later: () => {} };
  return {
    document: plain,
    later: (apply) => void useCanvas.getState().trackLayout(pending.then(apply, () => {})),
  };
}

export async function autoLayout(): Promise<void> {
  return useCanvas.getState().trackLayout(runAutoLayout());
}

async function runAutoLayout(): Promise<void> {
  const { normalized, version, document } = useDocument.getState();
  if (normalized.resources.length === 0) return;
  let layout = await layoutOfModel(document.model, normalized, document.layout);
  const state = useDocument.getState();
  // The model changed while the worker ran: lay out what is there now rather than a stale model.
  if (state.version !== version) layout = await layoutOfModel(state.document.model, state.normalized, state.document.layout);
  useDocument.getState().dispatch([{ kind: 'setLayout', layout }], 'Auto layout');
  useCanvas.getState().requestFit();
}

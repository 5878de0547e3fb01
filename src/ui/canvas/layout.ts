/**
 * `autoLayout()`: lays the whole model out with dagre and applies it as one `setLayout` op (one undo
 * step). Big models are laid out in a Web Worker so the page stays responsive; if the worker cannot
 * start or fails, the same computation runs here.
 */
import { useDocument } from '../state/document-store';
import { useCanvas } from './canvas-store';
import { computeLayout, layoutInputOf, type LayoutInput } from './layout-compute';
import type { Point } from './gesture-ops';

/** Below this many resources the worker's start-up costs more than it saves. */
const WORKER_THRESHOLD = 80;

let worker: Worker | null = null;
let nextId = 1;

function layoutInWorker(input: LayoutInput): Promise<Record<string, Point>> {
  return new Promise((resolve, reject) => {
    try {
      worker ??= new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const w = worker;
    const id = nextId++;
    const onMessage = (event: MessageEvent<{ id: number; ok: boolean; positions?: Record<string, Point>; message?: string }>) => {
      if (event.data.id !== id) return;
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      if (event.data.ok && event.data.positions) resolve(event.data.positions);
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

export async function computePositions(input: LayoutInput): Promise<Record<string, Point>> {
  if (input.nodes.length >= WORKER_THRESHOLD && typeof Worker !== 'undefined') {
    try {
      return await layoutInWorker(input);
    } catch {
      // Fall through to the synchronous computation.
    }
  }
  return computeLayout(input);
}

export async function autoLayout(): Promise<void> {
  const { normalized, version } = useDocument.getState();
  if (normalized.resources.length === 0) return;
  const positions = await computePositions(layoutInputOf(normalized));
  const state = useDocument.getState();
  // The model changed while the worker ran: lay out what is there now rather than a stale model.
  const finalPositions = state.version === version ? positions : computeLayout(layoutInputOf(state.normalized));
  state.dispatch([{ kind: 'setLayout', layout: { positions: finalPositions } }], 'Auto layout');
  useCanvas.getState().requestFit();
}

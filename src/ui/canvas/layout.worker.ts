/// <reference lib="webworker" />
// Runs dagre off the main thread for big models; the same pure computation as the fallback.
import { computeLayout, type LayoutInput } from './layout-compute';

self.onmessage = (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data;
  try {
    (self as unknown as Worker).postMessage({ id, ok: true, positions: computeLayout(input) });
  } catch (e) {
    (self as unknown as Worker).postMessage({ id, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
};

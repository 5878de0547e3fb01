/// <reference lib="webworker" />
// Runs ELK off the main thread: the same pure computation as the fallback (layout-compute.ts).
import { computeLayout, type LayoutInput } from './layout-compute';

self.onmessage = (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data;
  computeLayout(input).then(
    (output) => (self as unknown as Worker).postMessage({ id, ok: true, output }),
    (e: unknown) => (self as unknown as Worker).postMessage({ id, ok: false, message: e instanceof Error ? e.message : String(e) }),
  );
};

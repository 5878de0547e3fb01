const perf = (globalThis as { performance?: { now(): number } }).performance;

/** Milliseconds from a monotonic clock where there is one (browser, worker, Node). */
export function now(): number {
  return perf ? perf.now() : Date.now();
}

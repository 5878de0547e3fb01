import { create } from 'zustand';
import type { QueryRequest } from '../../core/index';

/**
 * Preview state shared across panels. The canvas reads `highlighted` to mark the edges the last
 * preview walked: keys are `"Resource.relationship"` (e.g. `"Representative.tickets"`; a
 * many_to_many adds its join relationship too). Empty when no preview result is shown.
 */
export interface PreviewState {
  request: QueryRequest | null;
  autoRun: boolean;
  /** Bumped by "Run preview": part of the query key, so a click always runs again. */
  runCount: number;
  highlighted: ReadonlySet<string>;
  setRequest(request: QueryRequest | null): void;
  setAutoRun(on: boolean): void;
  run(): void;
  setHighlighted(edges: ReadonlySet<string>): void;
}

const EMPTY: ReadonlySet<string> = new Set();

export const usePreview = create<PreviewState>()((set) => ({
  request: null,
  autoRun: true,
  runCount: 0,
  highlighted: EMPTY,
  setRequest: (request) => set({ request }),
  setAutoRun: (autoRun) => set({ autoRun }),
  run: () => set((s) => ({ runCount: s.runCount + 1 })),
  setHighlighted: (edges) =>
    set((s) => (sameSet(s.highlighted, edges) ? s : { highlighted: edges.size === 0 ? EMPTY : edges })),
}));

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

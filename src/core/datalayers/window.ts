import type { Window } from './data-layer';

/**
 * Offset then limit over rows already in order: the window both data layers apply in JS (the
 * memory layer always, the sqlite layer when a filter or sort has to finish in JS), and the
 * loader for aggregates. Below both layers: imports nothing of either.
 */
export function applyWindow<T>(rows: T[], window: Window | null): T[] {
  if (!window) return rows;
  const start = window.offset;
  if (start === 0 && window.limit === undefined) return rows;
  return rows.slice(start, window.limit === undefined ? undefined : start + window.limit);
}

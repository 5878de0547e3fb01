/**
 * Canonicalises the three contenders' trees per workload and deep-compares them.
 *
 * - drizzle's shapes are mapped onto Relata's: `ticket_tags: [{ ticket_id, tag_id, tag }]` becomes
 *   `tags: [tag]` (many_to_many through TicketTag), W3's `tickets` becomes `tickets_above_threshold`;
 * - lists are compared in order where the workload has an order (the top-level list, sorted by id in
 *   every workload, and W4's tickets: priority desc, id); every other list is ordered by `id` first;
 * - objects must have exactly the same keys and equal scalar values (`===`, so 1 !== "1").
 */

export type Tree = Record<string, unknown>[];
export type WorkloadName = 'W1' | 'W2' | 'W3' | 'W4';

/** Paths (keys joined by '.', top level '') of the lists whose order is part of the result. */
const ORDERED: Record<WorkloadName, ReadonlySet<string>> = {
  W1: new Set(['']),
  W2: new Set(['']),
  W3: new Set(['']),
  W4: new Set(['', 'tickets']),
};

/** Maps drizzle's result onto the shape Relata and the floor return (in place; returns the tree). */
export function fromDrizzle(workload: WorkloadName, tree: Tree): Tree {
  if (workload === 'W2') {
    for (const rep of tree) {
      for (const t of rep.tickets as Record<string, unknown>[]) {
        t.tags = (t.ticket_tags as { tag: unknown }[]).map((tt) => tt.tag);
        delete t.ticket_tags;
      }
    }
  } else if (workload === 'W3') {
    for (const rep of tree) {
      rep.tickets_above_threshold = rep.tickets;
      delete rep.tickets;
    }
  }
  return tree;
}

export interface Difference {
  path: string;
  message: string;
  left?: unknown;
  right?: unknown;
}

const byId = (a: unknown, b: unknown): number => {
  const x = (a as { id?: unknown } | null)?.id;
  const y = (b as { id?: unknown } | null)?.id;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function short(v: unknown): unknown {
  const s = JSON.stringify(v);
  return s !== undefined && s.length > 300 ? `${s.slice(0, 300)}…` : v;
}

/** The first difference between two trees of a workload, or null when they are the same. */
export function firstDifference(workload: WorkloadName, left: Tree, right: Tree): Difference | null {
  const ordered = ORDERED[workload];
  const walk = (a: unknown, b: unknown, path: string, shape: string): Difference | null => {
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b)) return { path, message: 'list vs non-list', left: short(a), right: short(b) };
      if (a.length !== b.length)
        return { path, message: `list lengths differ: ${a.length} vs ${b.length}`, left: short(a.map((x) => x?.id)), right: short(b.map((x) => x?.id)) };
      const xs = ordered.has(shape) ? a : [...a].sort(byId);
      const ys = ordered.has(shape) ? b : [...b].sort(byId);
      for (let i = 0; i < xs.length; i++) {
        const d = walk(xs[i], ys[i], `${path}[${i}]`, shape);
        if (d) return d;
      }
      return null;
    }
    if (isObject(a) || isObject(b)) {
      if (!isObject(a) || !isObject(b)) return { path, message: 'object vs non-object', left: short(a), right: short(b) };
      const ka = Object.keys(a).sort();
      const kb = Object.keys(b).sort();
      if (ka.join(',') !== kb.join(',')) return { path, message: 'keys differ', left: ka, right: kb };
      for (const k of ka) {
        const d = walk(a[k], b[k], `${path}.${k}`, shape === '' ? k : `${shape}.${k}`);
        if (d) return d;
      }
      return null;
    }
    if (a !== b) return { path, message: 'values differ', left: a, right: b };
    return null;
  };
  return walk(left, right, '$', '');
}

/** Compares every contender's tree with the reference one; returns the first mismatch, if any. */
export function compareAll(
  workload: WorkloadName,
  trees: { name: string; tree: Tree }[],
): { a: string; b: string; diff: Difference } | null {
  const [ref, ...rest] = trees;
  if (!ref) return null;
  for (const other of rest) {
    const diff = firstDifference(workload, ref.tree, other.tree);
    if (diff) return { a: ref.name, b: other.name, diff };
  }
  return null;
}

/**
 * The V8 young-generation setting this process runs with, for a benchmark's header: every contender
 * runs in this one process, so all of them have it. `npm run bench` uses Node's default; a larger
 * one (`node --max-semi-space-size=64 --expose-gc --import tsx bench/loader/run.ts …`) moves the
 * ratios (docs/postgres-layer.md, "Young generation"), so a run says which it had.
 */
export function heapSetting(): string {
  const flag = process.execArgv.find((a) => a.startsWith('--max-semi-space-size'));
  return flag ? `node ${process.version}, ${flag} (all contenders)` : `node ${process.version}, default young generation`;
}

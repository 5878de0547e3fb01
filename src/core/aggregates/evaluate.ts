/**
 * Aggregate values in JS (the memory layer, and the sqlite layer's fallback when SQL cannot express
 * a relationship): the related set as filters see it (relationship filter, sort and window), then
 * the aggregate's filter, then the kind's rule (ash-semantics §4.1).
 */
import type { RelatedSource } from '../expr/evaluate';
import { matches, prefetch, walkPath } from '../expr/evaluate';
import { compareValues, groupKey, toNumber } from '../expr/values';
import type { Row } from '../query/types';
import { compareRows } from '../engine/sort';
import type { BoundAggregate } from './bind';

/** Loads (in batches) every related row the aggregate looks at for `owners`. */
export async function prefetchAggregate(agg: BoundAggregate, owners: readonly Row[], rel: RelatedSource): Promise<void> {
  let rows: readonly Row[] = owners;
  for (const step of agg.steps) rows = rows.length === 0 ? [] : await rel.ensure(step, rows);
  if (agg.where && rows.length > 0) await prefetch(agg.where, [rows, owners], rel);
}

function relatedSet(agg: BoundAggregate, owner: Row, rel: RelatedSource): Row[] {
  const rows = walkPath(owner, agg.steps, rel);
  const where = agg.where;
  return where ? rows.filter((d) => matches(where, [d, owner], rel)) : rows;
}

const num = toNumber;

const present = (v: unknown): boolean => v !== null && v !== undefined;

/** The aggregate's value for `owner` (null owner: an empty related set). Call prefetchAggregate first. */
export function aggregateValue(agg: BoundAggregate, owner: Row | null | undefined, rel: RelatedSource): unknown {
  const def = agg.def;
  const rows = owner ? relatedSet(agg, owner, rel) : [];
  const field = def.field;
  const values = (): unknown[] => (field === undefined ? [] : rows.map((r) => r[field] ?? null));
  let out: unknown;
  switch (def.kind) {
    case 'count': {
      if (field === undefined) {
        if (!def.uniq) return rows.length;
        return new Set(rows.map((r) => JSON.stringify(agg.dest.pk.map((k) => r[k] ?? null)))).size;
      }
      const vs = values().filter(present);
      return def.uniq ? new Set(vs.map((v) => groupKey(v, false))).size : vs.length;
    }
    case 'exists':
      return rows.length > 0;
    case 'sum': {
      const vs = values().filter(present).map(num).filter((n): n is number => n !== null);
      out = vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0);
      break;
    }
    case 'avg': {
      const vs = values().filter(present).map(num).filter((n): n is number => n !== null);
      out = vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0) / vs.length;
      break;
    }
    case 'min':
    case 'max': {
      let best: unknown = null;
      for (const v of values()) {
        if (!present(v)) continue;
        if (best === null) best = v;
        else {
          const c = compareValues(v, best, false);
          if (def.kind === 'min' ? c < 0 : c > 0) best = v;
        }
      }
      out = best;
      break;
    }
    case 'first': {
      const sorted = [...rows].sort(compareRows(agg.sort));
      if (def.includeNil) out = sorted.length > 0 ? sorted[0]![field!] ?? null : null;
      else out = sorted.map((r) => r[field!]).find(present) ?? null;
      break;
    }
    case 'list': {
      const sorted = [...rows].sort(compareRows(agg.sort));
      let vs = sorted.map((r) => r[field!] ?? null);
      if (!def.includeNil) vs = vs.filter(present);
      if (def.uniq) {
        const seen = new Set<unknown>();
        vs = vs.filter((v) => {
          const k = groupKey(v, false);
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      }
      return vs;
    }
  }
  return out === null && def.default !== undefined ? def.default : out;
}

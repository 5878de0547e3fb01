import type { RelatedSource } from '../expr/evaluate';
import type { Row } from '../query/types';
import type { Step } from '../schema/schema';

/**
 * The related rows filters look at, fetched in batches (one read per relationship per batch) and
 * remembered per source row for the duration of one request.
 */
export class BatchedRelated implements RelatedSource {
  private readonly cache = new Map<string, WeakMap<Row, Row[]>>();

  constructor(private readonly fetch: (step: Step, sources: Row[]) => Promise<Row[][]>) {}

  get(step: Step, row: Row): readonly Row[] {
    const rows = this.cache.get(step.key)?.get(row);
    if (!rows) throw new Error(`related rows of ${step.key} were not prefetched`);
    return rows;
  }

  async ensure(step: Step, rows: readonly Row[]): Promise<Row[]> {
    let map = this.cache.get(step.key);
    if (!map) {
      map = new WeakMap();
      this.cache.set(step.key, map);
    }
    const missing: Row[] = [];
    const seen = new Set<Row>();
    for (const r of rows) {
      if (!map.has(r) && !seen.has(r)) {
        seen.add(r);
        missing.push(r);
      }
    }
    if (missing.length > 0) {
      const fetched = await this.fetch(step, missing);
      missing.forEach((r, i) => map.set(r, fetched[i] ?? []));
    }
    const out: Row[] = [];
    const dedupe = new Set<Row>();
    for (const r of rows) {
      for (const x of map.get(r) ?? []) {
        if (!dedupe.has(x)) {
          dedupe.add(x);
          out.push(x);
        }
      }
    }
    return out;
  }
}

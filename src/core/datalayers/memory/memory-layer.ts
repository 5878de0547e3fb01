import type { RelatedSource } from '../../expr/evaluate';
import { matches, prefetch } from '../../expr/evaluate';
import { groupKey } from '../../expr/values';
import type { BExpr } from '../../expr/bound';
import { maxParentDepth } from '../../expr/bound';
import type { Data } from '../../model/types';
import type { Row } from '../../query/types';
import type { ResourceSchema, Schema } from '../../schema/schema';
import { hasNoAttributes, keysAreCi } from '../../schema/schema';
import { prepareData } from '../../engine/prepare-data';
import { compareRows, withPkTiebreak } from '../../engine/sort';
import type { SortKey } from '../../engine/sort';
import type { AggregateRead, DataLayer, LayerFactory, RelatedRead, RootRead, StatementSink } from '../data-layer';
import { aggregatesInJs } from '../../aggregates/read';
import { valuesEqual } from '../../expr/values';
import { applyWindow } from '../window';

/** Kept for callers of the old path; the function lives below both layers (`datalayers/window.ts`). */
export { applyWindow };

/** The `memory` layer as an engine option: `createEngine({ model, layer: memoryLayer() })`. */
export function memoryLayer(): LayerFactory {
  return { kind: 'memory', create: (schema) => createMemoryDataLayer(schema) };
}

/**
 * The `memory` data layer: rows in arrays, hash indexes built on first use, filters evaluated by
 * the core's evaluator. It is the executable reference the sqlite layer is tested against.
 */
export function createMemoryDataLayer(schema: Schema): DataLayer {
  let tables = new Map<string, Row[]>();
  let indexes = new Map<string, Map<unknown, Row[]>>();

  const table = (r: ResourceSchema): Row[] => tables.get(r.name) ?? [];
  const index = (r: ResourceSchema, attr: string, ci: boolean): Map<unknown, Row[]> => {
    const id = `${r.name}\u0000${attr}\u0000${ci}`;
    let idx = indexes.get(id);
    if (!idx) {
      idx = new Map();
      for (const row of table(r)) {
        const v = row[attr];
        if (v === null || v === undefined) continue;
        const k = groupKey(v, ci);
        const list = idx.get(k);
        if (list) list.push(row);
        else idx.set(k, [row]);
      }
      indexes.set(id, idx);
    }
    return idx;
  };
  const lookup = (r: ResourceSchema, attr: string, value: unknown, ci: boolean): Row[] =>
    value === null || value === undefined ? [] : index(r, attr, ci).get(groupKey(value, ci)) ?? [];

  async function filterRows(rows: Row[], where: BExpr | null, parents: readonly Row[], rel: RelatedSource, parent?: Row): Promise<Row[]> {
    if (where === null) return rows;
    await prefetch(where, [rows, parents], rel);
    return rows.filter((r) => matches(where, parent ? [r, parent] : [r], rel));
  }

  // Writes replace row objects (never mutate them), so a snapshot is a copy of the table arrays.
  let saved: Map<string, Row[]> | null = null;
  const sameKey = (r: ResourceSchema, row: Row, key: Row): boolean =>
    (r.pk.length > 0 ? r.pk : r.attributeNames).every((k) => valuesEqual(row[k] ?? null, key[k] ?? null));
  const findByKey = (r: ResourceSchema, key: Row): Row | null => {
    const candidates = r.pk.length > 0 ? lookup(r, r.pk[0]!, key[r.pk[0]!], false) : table(r);
    return candidates.find((row) => sameKey(r, row, key)) ?? null;
  };
  const write = (r: ResourceSchema, rows: Row[]): void => {
    tables.set(r.name, rows);
    indexes = new Map();
  };

  return {
    kind: 'memory',
    schema,
    freshRows: false,
    load(data: Data) {
      tables = prepareData(schema, data);
      indexes = new Map();
    },

    insertRow(r: ResourceSchema, row: Row) {
      const full = Object.create(null) as Row;
      for (const a of r.attributeNames) full[a] = row[a] ?? null;
      write(r, [...table(r), full]);
    },
    updateRow(r: ResourceSchema, key: Row, values: Row) {
      let n = 0;
      write(r, table(r).map((row) => {
        if (!sameKey(r, row, key)) return row;
        n++;
        return Object.assign(Object.create(null) as Row, row, values);
      }));
      return n;
    },
    deleteRow(r: ResourceSchema, key: Row) {
      const before = table(r);
      const after = before.filter((row) => !sameKey(r, row, key));
      write(r, after);
      return before.length - after.length;
    },
    /** Snapshot/restore: `begin` copies the table arrays, `rollback` puts them back. */
    begin() {
      saved = new Map([...tables].map(([k, v]) => [k, [...v]] as const));
    },
    commit() {
      saved = null;
    },
    rollback() {
      if (saved) tables = saved;
      indexes = new Map();
      saved = null;
    },
    async readAggregates(read: AggregateRead, keys: readonly Row[], rel: RelatedSource) {
      return aggregatesInJs(read, keys.map((k) => findByKey(read.resource, k)), rel);
    },

    async readRoot(read: RootRead, rel: RelatedSource): Promise<Row[]> {
      const rows = await filterRows(table(read.resource), read.where, [], rel);
      return applyWindow(sortRows(rows, read.resource, read.sort), read.window);
    },
    // Rows are objects already: nothing to defer.
    readRootDeferred(read: RootRead, rel: RelatedSource, sink: StatementSink): Promise<Row[]> {
      return this.readRoot(read, rel, sink);
    },
    // No SQL here: manual relationships run their code.
    registerManualSql() {},

    async readRelated(read: RelatedRead, sources: readonly Row[], rel: RelatedSource): Promise<Row[][]> {
      const { step, where } = read;
      const rel0 = step.rel;
      const perParent = where !== null && maxParentDepth(where) > 0;

      // Candidates per source, before the destination filter.
      const candidatesFor = (s: Row): Row[] => {
        if (hasNoAttributes(rel0)) return table(step.to);
        if (rel0.kind === 'many_to_many') return [];
        const ci = keysAreCi(step.from, rel0.sourceAttribute, step.to, rel0.destinationAttribute);
        return lookup(step.to, rel0.destinationAttribute, s[rel0.sourceAttribute], ci);
      };

      let candidateLists: Row[][];
      if (rel0.kind === 'many_to_many') {
        candidateLists = await manyToManyCandidates(read, sources, rel);
      } else {
        candidateLists = sources.map(candidatesFor);
      }

      if (where !== null) {
        const all = uniqueRows(candidateLists);
        await prefetch(where, [all, sources], rel);
      }
      const cache = new Map<unknown, Row[]>();
      return sources.map((s, i) => {
        const candidates = candidateLists[i]!;
        // Without parent refs the result depends only on the candidates, so share it per key.
        const shareKey = !perParent && rel0.kind !== 'many_to_many' && !hasNoAttributes(rel0) ? groupKey(s[rel0.sourceAttribute], false) : undefined;
        if (shareKey !== undefined && cache.has(shareKey)) return cache.get(shareKey)!;
        const kept = where === null ? candidates : candidates.filter((d) => matches(where, [d, s], rel));
        const out = applyWindow(sortRows(kept, step.to, read.sort), read.window);
        if (shareKey !== undefined) cache.set(shareKey, out);
        return out;
      });
    },
  };

  /** Join rows per source (join relationship filter, sort and limit per source), fanned out to destinations. */
  async function manyToManyCandidates(read: RelatedRead, sources: readonly Row[], rel: RelatedSource): Promise<Row[][]> {
    const { step } = read;
    const m2m = step.rel;
    if (m2m.kind !== 'many_to_many' || !step.through || !step.join) return sources.map(() => []);
    const join = step.join;
    const joinWhere = read.joinWhere ?? null;
    const joinLists = sources.map((s) =>
      lookup(step.through!, join.destinationAttribute, s[join.sourceAttribute], keysAreCi(step.from, join.sourceAttribute, step.through!, join.destinationAttribute)),
    );
    if (joinWhere) await prefetch(joinWhere, [uniqueRows(joinLists), sources], rel);
    const ciDest = keysAreCi(step.through, m2m.destinationAttributeOnJoinResource, step.to, m2m.destinationAttribute);
    return sources.map((s, i) => {
      let joins = joinLists[i]!;
      if (joinWhere) joins = joins.filter((j) => matches(joinWhere, [j, s], rel));
      joins = applyWindow(sortRows(joins, step.through!, read.joinSort ?? []), { offset: 0, limit: join.limit });
      const out: Row[] = [];
      for (const j of joins) for (const d of lookup(step.to, m2m.destinationAttribute, j[m2m.destinationAttributeOnJoinResource], ciDest)) out.push(d);
      return out;
    });
  }
}

function uniqueRows(lists: Row[][]): Row[] {
  const seen = new Set<Row>();
  for (const l of lists) for (const r of l) seen.add(r);
  return [...seen];
}

function sortRows(rows: Row[], resource: ResourceSchema, sort: SortKey[]): Row[] {
  if (sort.length === 0) return rows;
  return [...rows].sort(compareRows(withPkTiebreak(resource, sort)));
}

/**
 * Loading aggregates: the JS path (memory, and sqlite's fallback) and the sqlite statement (one per
 * aggregate level: every requested aggregate of every record of that level in one SELECT).
 */
import type { AggregateRead, StatementSink } from '../datalayers/data-layer';
import type { RelatedSource } from '../expr/evaluate';
import type { AttributeType } from '../model/types';
import type { Row } from '../query/types';
import type { CompileContext } from '../datalayers/sqlite/compile-sql';
import { NeedsRuntime, SqlCompiler, toSql } from '../datalayers/sqlite/compile-sql';
import type { SqlValue } from '../datalayers/sqlite/database';
import { quoteIdent as q } from '../datalayers/sqlite/ddl';
import { aggregateValue, prefetchAggregate } from './evaluate';
import { aggregateSql } from './sql';

/** Values for `owners` (full rows, null for a key without a row). */
export async function aggregatesInJs(read: AggregateRead, owners: ReadonlyArray<Row | null>, rel: RelatedSource): Promise<unknown[][]> {
  const present = owners.filter((o): o is Row => o !== null);
  for (const agg of read.aggregates) await prefetchAggregate(agg, present, rel);
  return owners.map((o) => read.aggregates.map((agg) => aggregateValue(agg, o, rel)));
}

export type SqlRead = (sql: string, params: SqlValue[], columns: string[], types: Map<string, AttributeType>, sink: StatementSink) => Row[];

/**
 * One statement: `SELECT key..., (agg1), (agg2) FROM table WHERE key IN json_each(?)`. Returns null
 * when some aggregate cannot be compiled (the caller evaluates in JS).
 */
export function aggregatesInSql(read: AggregateRead, keys: readonly Row[], ctx: CompileContext, run: SqlRead, sink: StatementSink): unknown[][] | null {
  const { resource } = read;
  const pk = resource.pk;
  if (pk.length === 0) return null;
  const c = new SqlCompiler(ctx);
  const p = c.alias('p');
  const owner = { alias: p, resource };
  const exprs: string[] = [];
  try {
    for (const agg of read.aggregates) exprs.push(aggregateSql(c, agg, owner, true));
  } catch (e) {
    if (e instanceof NeedsRuntime) return null;
    throw e;
  }
  const keyCols = pk.map((k, i) => `${p}.${q(k)} AS ${q(`__k${i}`)}`);
  const aggCols = exprs.map((x, i) => `${x} AS ${q(`__a${i}`)}`);
  const keyExpr = pk.length === 1 ? `${p}.${q(pk[0]!)}` : `json_array(${pk.map((k) => `${p}.${q(k)}`).join(', ')})`;
  const list = keys.map((k) => (pk.length === 1 ? toSql(k[pk[0]!]) : pk.map((x) => toSql(k[x]))));
  const keyCond =
    pk.length === 1
      ? c.keyTest(keyExpr, list, { integerColumn: ctx.integerColumn?.(resource, pk[0]!) === true })
      : `${keyExpr} IN (SELECT json(value) FROM json_each(${c.param(JSON.stringify(list))}))`;
  const sql = `SELECT ${[...keyCols, ...aggCols].join(', ')} FROM ${q(resource.table)} AS ${p} WHERE ${keyCond}`;
  const columns = [...pk.map((_, i) => `__k${i}`), ...read.aggregates.map((_, i) => `__a${i}`)];
  const types = new Map<string, AttributeType>();
  read.aggregates.forEach((agg, i) => {
    if (agg.type === 'boolean') types.set(`__a${i}`, 'boolean');
  });
  const rows = run(sql, c.params, columns, types, sink);
  const byKey = new Map<string, unknown[]>();
  for (const row of rows) {
    const key = JSON.stringify(pk.map((_, i) => norm(row[`__k${i}`])));
    byKey.set(key, read.aggregates.map((agg, i) => decode(agg, row[`__a${i}`])));
  }
  return keys.map((k) => {
    const hit = byKey.get(JSON.stringify(pk.map((x) => norm(k[x]))));
    return hit ?? read.aggregates.map((agg) => decode(agg, emptyValue(agg)));
  });
}

function norm(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v ?? null;
}

function emptyValue(agg: AggregateRead['aggregates'][number]): unknown {
  if (agg.def.kind === 'count') return 0;
  if (agg.def.kind === 'exists') return false;
  if (agg.def.kind === 'list') return '[]';
  return agg.def.default ?? null;
}

function decodeScalar(type: AttributeType | undefined, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'boolean') return typeof v === 'boolean' ? v : v !== 0 && v !== '0';
  if (type === 'map' && typeof v === 'string') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v;
}

function decode(agg: AggregateRead['aggregates'][number], v: unknown): unknown {
  const def = agg.def;
  switch (def.kind) {
    case 'count':
      return typeof v === 'number' ? v : Number(v ?? 0);
    case 'exists':
      return v === true || v === 1;
    case 'list': {
      let list = (typeof v === 'string' ? (JSON.parse(v) as unknown[]) : Array.isArray(v) ? v : []).map((x) => decodeScalar(agg.fieldType, x));
      if (def.uniq) {
        const seen = new Set<string>();
        list = list.filter((x) => {
          const k = JSON.stringify(x);
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      }
      return list;
    }
    case 'avg':
      return v === null || v === undefined ? def.default ?? null : v;
    default: {
      const d = decodeScalar(agg.fieldType, v);
      return d === null && def.default !== undefined ? def.default : d;
    }
  }
}

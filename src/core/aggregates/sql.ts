/**
 * Aggregates as correlated SQLite subqueries over the relationship joins the filter compiler
 * already builds (relationship filter, per-source windows, many_to_many join rows). Used inside
 * filters and, for loads, in one statement per aggregate level.
 */
import type { SqlCompiler, SqlScope } from '../datalayers/sqlite/compile-sql';
import { NeedsRuntime, sortTerm } from '../datalayers/sqlite/compile-sql';
import { quoteIdent as q } from '../datalayers/sqlite/ddl';
import type { BoundAggregate } from './bind';

/**
 * The aggregate of the owner row `owner` as a SQL scalar. `list` is only available for loads
 * (`forLoad`: a JSON array text); in filters it throws NeedsRuntime (evaluated in JS instead).
 */
export function aggregateSql(c: SqlCompiler, agg: BoundAggregate, owner: SqlScope, forLoad: boolean): string {
  const def = agg.def;
  if (def.kind === 'list' && !forLoad) throw new NeedsRuntime(`list aggregate ${def.name} in a filter`);
  let base = owner.alias;
  const joins: string[] = [];
  let last = owner.alias;
  for (const step of agg.steps) {
    const alias = c.alias('g');
    joins.push(c.join(step, base, alias, 'INNER'));
    base = alias;
    last = alias;
  }
  const from = `FROM (SELECT 1) AS ${c.alias('u')} ${joins.join(' ')}`;
  const conds: string[] = [];
  if (agg.where) conds.push(c.filter(agg.where, [{ alias: last, resource: agg.dest }, owner]));
  const col = def.field !== undefined ? `${last}.${q(def.field)}` : '';
  const where = (extra?: string): string => {
    const all = extra ? [...conds, extra] : conds;
    return all.length > 0 ? `WHERE ${all.map((x) => `(${x})`).join(' AND ')}` : '';
  };
  const order = agg.sort.length > 0 ? `ORDER BY ${agg.sort.map((k) => sortTerm(k, last)).join(', ')}` : '';
  let sql: string;
  switch (def.kind) {
    case 'count': {
      let what = 'COUNT(*)';
      if (def.field !== undefined) what = `COUNT(${def.uniq ? 'DISTINCT ' : ''}${col})`;
      else if (def.uniq) what = `COUNT(DISTINCT json_array(${agg.dest.pk.map((k) => `${last}.${q(k)}`).join(', ')}))`;
      return `(SELECT ${what} ${from} ${where()})`;
    }
    case 'exists':
      return `EXISTS (SELECT 1 ${from} ${where()})`;
    case 'sum':
    case 'min':
    case 'max':
    case 'avg':
      sql = `(SELECT ${def.kind.toUpperCase()}(${col}) ${from} ${where()})`;
      break;
    case 'first':
      sql = `(SELECT ${col} ${from} ${where(def.includeNil ? undefined : `${col} IS NOT NULL`)} ${order} LIMIT 1)`;
      break;
    case 'list':
      return `(SELECT json_group_array("v") FROM (SELECT ${col} AS "v" ${from} ${where(def.includeNil ? undefined : `${col} IS NOT NULL`)} ${order}))`;
  }
  return def.default !== undefined && def.default !== null ? `COALESCE(${sql}, ${c.param(def.default)})` : sql;
}

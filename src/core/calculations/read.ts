/**
 * Calculation values for loaded records: evaluated per record in JS (memory, and sqlite's fallback)
 * or compiled into one SQLite statement per level. Both read the same bound expression.
 */
import type { StatementSink } from '../datalayers/data-layer';
import type { RelatedSource } from '../expr/evaluate';
import { evalValue, prefetch } from '../expr/evaluate';
import { pathBindings } from '../expr/bound';
import type { AttributeType } from '../model/types';
import type { Row } from '../query/types';
import type { CompileContext } from '../datalayers/sqlite/compile-sql';
import { NeedsRuntime, SqlCompiler, toSql } from '../datalayers/sqlite/compile-sql';
import { quoteIdent as q } from '../datalayers/sqlite/ddl';
import type { SqlRead } from '../aggregates/read';
import { truth } from '../expr/values';
import type { BoundCalculation } from './bind';
import type { ResourceSchema } from '../schema/schema';

export interface CalculationRead {
  resource: ResourceSchema;
  calculations: BoundCalculation[];
}

/** Values for `owners` (full rows, null for a key without a row), one array per owner. */
export async function calculationsInJs(read: CalculationRead, owners: ReadonlyArray<Row | null>, rel: RelatedSource): Promise<unknown[][]> {
  const present = owners.filter((o): o is Row => o !== null);
  for (const c of read.calculations) await prefetch(c.expr, [present], rel);
  return owners.map((o) => read.calculations.map((c) => (o === null ? null : valueOf(c, o, rel))));
}

function valueOf(c: BoundCalculation, row: Row, rel: RelatedSource): unknown {
  const assign = new Map<string, Row | null>();
  for (const b of pathBindings(c.expr)) {
    const base = b.parentKey === null ? row : assign.get(b.parentKey) ?? null;
    assign.set(b.key, base ? rel.get(b.path[b.path.length - 1]!, base)[0] ?? null : null);
  }
  const v = evalValue(c.expr, [row], assign, rel);
  return c.boolean ? truth(v) : v;
}

/**
 * One statement: `SELECT key..., (calc1), ... FROM table LEFT JOIN (belongs_to paths) WHERE key IN ...`.
 * Null when some calculation needs JS (a manual relationship without sqlSubquery).
 */
export function calculationsInSql(read: CalculationRead, keys: readonly Row[], ctx: CompileContext, run: SqlRead, sink: StatementSink): unknown[][] | null {
  const { resource } = read;
  const pk = resource.pk;
  if (pk.length === 0) return null;
  const c = new SqlCompiler(ctx);
  const p = c.alias('p');
  const scopes = [{ alias: p, resource }];
  const joins: string[] = [];
  const exprs: string[] = [];
  try {
    for (const calc of read.calculations) {
      const assign = new Map<string, string>();
      for (const b of pathBindings(calc.expr)) {
        const base = b.parentKey === null ? p : assign.get(b.parentKey)!;
        const alias = c.alias('c');
        joins.push(c.join(b.path[b.path.length - 1]!, base, alias, 'LEFT'));
        assign.set(b.key, alias);
      }
      exprs.push(c.expr(calc.expr, scopes, assign));
    }
  } catch (e) {
    if (e instanceof NeedsRuntime) return null;
    throw e;
  }
  // Parameters are positional: the select list's come first, then the key list's.
  const keyCols = pk.map((k, i) => `${p}.${q(k)} AS ${q(`__k${i}`)}`);
  const calcCols = exprs.map((x, i) => `${x} AS ${q(`__c${i}`)}`);
  const keyExpr = pk.length === 1 ? `${p}.${q(pk[0]!)}` : `json_array(${pk.map((k) => `${p}.${q(k)}`).join(', ')})`;
  const list = keys.map((k) => (pk.length === 1 ? toSql(k[pk[0]!]) : pk.map((x) => toSql(k[x]))));
  const keyCond = `${keyExpr} IN (SELECT ${pk.length === 1 ? 'value' : 'json(value)'} FROM json_each(${c.param(JSON.stringify(list))}))`;
  const sql = `SELECT ${[...keyCols, ...calcCols].join(', ')} FROM ${q(resource.table)} AS ${p} ${joins.join(' ')} WHERE ${keyCond}`;
  const columns = [...pk.map((_, i) => `__k${i}`), ...read.calculations.map((_, i) => `__c${i}`)];
  const types = new Map<string, AttributeType>();
  read.calculations.forEach((calc, i) => {
    if (calc.boolean) types.set(`__c${i}`, 'boolean');
  });
  const rows = run(sql, c.params, columns, types, sink);
  const byKey = new Map<string, unknown[]>();
  for (const row of rows) {
    byKey.set(JSON.stringify(pk.map((_, i) => norm(row[`__k${i}`]))), read.calculations.map((calc, i) => decode(calc, row[`__c${i}`])));
  }
  return keys.map((k) => byKey.get(JSON.stringify(pk.map((x) => norm(k[x])))) ?? read.calculations.map(() => null));
}

function norm(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v ?? null;
}

function decode(calc: BoundCalculation, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (calc.boolean) return typeof v === 'boolean' ? v : v !== 0 && v !== '0';
  return v;
}

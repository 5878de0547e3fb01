/**
 * PgDriver implementations for Node (src/core/datalayers/postgres/driver.ts): node-postgres for a
 * real server and PGlite (PostgreSQL compiled to wasm, in-process). Both return rows as arrays with
 * `bigint` (int8) and `numeric` columns as JS numbers, like the sqlite layer's values.
 */
import pg from 'pg';
import type { PgDriver } from '../core/datalayers/postgres/driver';
import type { PGliteLike } from '../core/datalayers/postgres/pglite-driver';
import { PG_INT8 as INT8, PG_NUMERIC as NUMERIC, pgliteDriver, pgliteParsers } from '../core/datalayers/postgres/pglite-driver';

export type { PGliteLike };
export { pgliteDriver };

/** A driver over one node-postgres client (connected by the caller or by `connectPg`). */
export function pgDriver(client: pg.ClientBase): PgDriver {
  const types = {
    getTypeParser: (oid: number, format?: string): ((v: string) => unknown) => {
      if (oid === INT8 || oid === NUMERIC) return Number;
      return pg.types.getTypeParser(oid, format as 'text') as (v: string) => unknown;
    },
  };
  return {
    flavor: 'postgres',
    async query(sql, params = []) {
      const values = params.map(arrayLiteral);
      const r = await client.query({ text: sql, values, rowMode: 'array', types });
      return (Array.isArray(r) ? (r.at(-1)?.rows ?? []) : r.rows) as unknown[][];
    },
    each(sql, params, onRow) {
      const values = params.map(arrayLiteral);
      return new Promise<number>((resolve, reject) => {
        let count = 0;
        let thrown: { error: unknown } | null = null;
        // A query with a row listener and no callback does not accumulate its rows (pg's Query).
        // rowMode is read by pg's Query constructor; @types/pg only declares it on QueryArrayConfig.
        const config: pg.QueryArrayConfig = { text: sql, values, rowMode: 'array', types };
        const q = new pg.Query(config as pg.QueryConfig);
        q.on('row', (row: unknown[]) => {
          if (thrown) return;
          try {
            onRow(row);
            count++;
          } catch (e) {
            thrown = { error: e };
          }
        });
        q.on('error', reject);
        q.on('end', () => (thrown ? reject(thrown.error) : resolve(count)));
        void client.query(q);
      });
    },
  };
}

/**
 * A flat array parameter as PostgreSQL's array literal text (`{1,2,3}`, `{"a","b\\"c"}`), built in one
 * pass: node-postgres escapes every element through its generic value preparation, which is most of
 * the cost of sending a key list of tens of thousands of ids. Anything else is left to node-postgres.
 */
export function arrayLiteral(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  let finite = true;
  for (let i = 0; i < value.length && finite; i++) finite = Number.isFinite(value[i]);
  // Finite numbers: the engine's join writes them as PostgreSQL reads them (no exponent for ids).
  if (finite) return `{${value.join(',')}}`;
  const parts: string[] = new Array<string>(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'number') parts[i] = Number.isNaN(v) ? 'NaN' : String(v);
    else if (typeof v === 'boolean') parts[i] = v ? 't' : 'f';
    else if (typeof v === 'string') parts[i] = `"${v.replace(/[\\"]/g, '\\$&')}"`;
    else return value;
  }
  return `{${parts.join(',')}}`;
}

/** Connects to `url`; `statementTimeoutMs` sets the session's statement_timeout. */
export async function connectPg(url: string, opts: { statementTimeoutMs?: number; searchPath?: string } = {}): Promise<{ driver: PgDriver; client: pg.Client; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  if (opts.statementTimeoutMs !== undefined) await client.query(`SET statement_timeout = ${Math.max(0, Math.floor(opts.statementTimeoutMs))}`);
  if (opts.searchPath) await client.query(`SET search_path TO ${opts.searchPath}`);
  return { driver: pgDriver(client), client, close: () => client.end() };
}

/** A new in-memory PGlite database (loaded lazily), its int8/numeric columns parsed as numbers. */
export async function openPglite(): Promise<{ db: PGliteLike; driver: PgDriver; close(): Promise<void> }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = (await PGlite.create({ parsers: pgliteParsers })) as unknown as PGliteLike;
  return { db, driver: pgliteDriver(db), close: () => db.close() };
}

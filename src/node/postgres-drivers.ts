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
      const r = await client.query({ text: sql, values: params as unknown[], rowMode: 'array', types });
      return (Array.isArray(r) ? (r.at(-1)?.rows ?? []) : r.rows) as unknown[][];
    },
  };
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

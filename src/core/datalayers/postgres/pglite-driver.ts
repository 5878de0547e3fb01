import type { PgDriver } from './driver';

/**
 * The PgDriver over PGlite (PostgreSQL compiled to wasm), shared by Node (src/node/postgres-drivers.ts)
 * and the engine worker (src/worker/pglite.ts). Nothing here imports PGlite: each side imports it
 * itself (lazily, with a dynamic import) and hands the instance over, so the core stays free of it.
 */

/** PostgreSQL type oids whose text the drivers parse as JS numbers (the other layers' values). */
export const PG_INT8 = 20;
export const PG_NUMERIC = 1700;

/** PGlite's `parsers` option: `bigint` and `numeric` columns as JS numbers. */
export const pgliteParsers: Record<number, (value: string) => unknown> = { [PG_INT8]: Number, [PG_NUMERIC]: Number };

/** The subset of PGlite the driver uses (structural, so the module loads without PGlite). */
export interface PGliteLike {
  query<T>(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

export function pgliteDriver(db: PGliteLike): PgDriver {
  return {
    flavor: 'pglite',
    async query(sql, params = []) {
      const r = await db.query<unknown[]>(sql, params as unknown[], { rowMode: 'array' });
      return r.rows;
    },
  };
}

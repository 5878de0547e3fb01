/**
 * What the postgres data layer needs from a PostgreSQL connection: one statement with `$n`
 * parameters, its rows as arrays of column values. Drivers (src/node/postgres-drivers.ts: PGlite and
 * node-postgres) return `bigint`/`numeric` columns as JS numbers, booleans as booleans and text as
 * strings, so the layer decodes the same values whichever server ran the statement.
 */
export interface PgDriver {
  /** Runs one statement; rows as arrays of column values in select-list order. Rejects on error. */
  query(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** Which server: `pglite` (wasm, in-process) or `postgres` (a real server). */
  readonly flavor: 'pglite' | 'postgres';
}

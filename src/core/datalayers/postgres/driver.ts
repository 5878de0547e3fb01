/**
 * What the postgres data layer needs from a PostgreSQL connection: one statement with `$n`
 * parameters, its rows as arrays of column values. Drivers (src/node/postgres-drivers.ts: PGlite and
 * node-postgres) return `bigint`/`numeric` columns as JS numbers, booleans as booleans and text as
 * strings, so the layer decodes the same values whichever server ran the statement.
 */
export interface PgDriver {
  /** Runs one statement; rows as arrays of column values in select-list order. Rejects on error. */
  query(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /**
   * Optional: runs one statement and hands each row to `onRow` as it is read, keeping none (a
   * driver that parses rows one by one: node-postgres). Resolves with the row count; rejects on
   * error, or with what `onRow` threw once the statement has ended. The layer builds its row objects
   * there, so the driver's row arrays die young instead of all living until the last row is in.
   */
  each?(sql: string, params: readonly unknown[], onRow: (row: unknown[]) => void): Promise<number>;
  /** Which server: `pglite` (wasm, in-process) or `postgres` (a real server). */
  readonly flavor: 'pglite' | 'postgres';
}

/**
 * The part of sql.js's API the sqlite data layer uses, declared structurally so that the core never
 * imports sql.js (the worker and Node hand a Database in).
 */
export type SqlValue = number | string | Uint8Array | null;

export interface SqlStatement {
  bind(values?: SqlValue[]): boolean;
  step(): boolean;
  get(): SqlValue[];
  getColumnNames(): string[];
  reset(): void;
  free(): boolean;
}

export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  run(sql: string, params?: SqlValue[]): unknown;
  exec(sql: string): Array<{ columns: string[]; values: SqlValue[][] }>;
  /** Registers a scalar SQL function (sql.js: arity = `fn.length`; a throw aborts the statement). Optional. */
  create_function?(name: string, fn: (...args: never[]) => unknown): unknown;
}

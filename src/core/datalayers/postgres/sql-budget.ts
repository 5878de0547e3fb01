import { fail } from '../../result';
import type { SqlScope } from '../sqlite/compile-sql';
import { quoteIdent as q } from '../sqlite/ddl';
import type { PgDriver } from './driver';

/**
 * The time budget of statements running a manual relationship's `sqlSubquery` SQL on the postgres
 * layer (docs/limits.md).
 *
 * - A real server: the statement runs under `statement_timeout` (set for the session, put back after;
 *   in a transaction the timeout aborts, the rollback puts it back). Bounds everything.
 * - PGlite accepts `statement_timeout` but never fires it (a single-threaded wasm server has no timer
 *   signal). There the condition is compiled as `(pg_temp.relata_budget(...) AND (condition))`, a
 *   temporary PL/pgSQL function (session-scoped, nothing written to the schema) that raises past a
 *   deadline kept in a session setting; its arguments refer to both aliases and its cost is tiny, so
 *   it runs first, once per (parent, destination) pair. Like on sqlite, ONE evaluation of a condition
 *   that is itself long-running (`pg_sleep(10)`) is not bounded there.
 */

export const MANUAL_SQL_MARK = '/* relata:sqlSubquery */';
export const DEFAULT_SQL_BUDGET_MS = 2000;
const BUDGET_MESSAGE = 'relata: the sqlSubquery time budget is exhausted';

const FUNCTION_SQL = `CREATE OR REPLACE FUNCTION pg_temp.relata_budget(parent_seen boolean, destination_seen boolean) RETURNS boolean
LANGUAGE plpgsql VOLATILE COST 0.0001 AS $relata$
BEGIN
  IF clock_timestamp() > current_setting('relata.deadline', true)::timestamptz THEN
    RAISE EXCEPTION '${BUDGET_MESSAGE}' USING ERRCODE = '57014';
  END IF;
  RETURN true;
END $relata$`;

/** Drivers whose session already has the temporary function. */
const installed = new WeakSet<PgDriver>();

/** A column of the scope's table the budget call can refer to (its value does not matter). */
function anyColumn(s: SqlScope): string {
  const name = s.resource.attributeNames[0];
  return name === undefined ? 'true' : `(${s.alias}.${q(name)} IS NULL)`;
}

/** The compiled sqlSubquery condition: marked, and on PGlite guarded by the budget function. */
export function guardCondition(flavor: PgDriver['flavor'], condition: string, parent: SqlScope, destination: SqlScope): string {
  if (flavor !== 'pglite') return `(${MANUAL_SQL_MARK} ${condition})`;
  return `(${MANUAL_SQL_MARK} pg_temp.relata_budget(${anyColumn(parent)}, ${anyColumn(destination)}) AND ${condition})`;
}

const setConfig = "SELECT set_config($1, $2, false)";

/** Runs one read; a marked one (sqlSubquery SQL) within `ms`, else `timeout`. Other errors are rethrown. */
export function budgetedQuery(driver: PgDriver, sql: string, params: readonly unknown[], ms: number): Promise<unknown[][]> {
  return budgeted(driver, sql, ms, () => driver.query(sql, params));
}

/** `run` (which runs `sql`, e.g. through the driver's `each`) under the budget when `sql` is marked. */
export async function budgeted<T>(driver: PgDriver, sql: string, ms: number, run: () => Promise<T>): Promise<T> {
  if (!sql.includes(MANUAL_SQL_MARK)) return run();
  const budget = Math.max(1, Math.ceil(ms));
  try {
    if (driver.flavor === 'pglite') {
      if (!installed.has(driver)) {
        await driver.query(FUNCTION_SQL);
        installed.add(driver);
      }
      await driver.query("SELECT set_config('relata.deadline', (clock_timestamp() + make_interval(secs => $1::float8 / 1000))::text, false)", [budget]);
      try {
        return await run();
      } finally {
        await driver.query(setConfig, ['relata.deadline', 'infinity']).catch(() => undefined);
      }
    }
    const previous = String((await driver.query("SELECT current_setting('statement_timeout')"))[0]?.[0] ?? '0');
    await driver.query(setConfig, ['statement_timeout', String(budget)]);
    try {
      return await run();
    } finally {
      await driver.query(setConfig, ['statement_timeout', previous]).catch(() => undefined);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/statement timeout/i.test(message) || message.includes(BUDGET_MESSAGE)) {
      return fail('timeout', `A manual relationship's sqlSubquery SQL ran past its time limit of ${budget} ms`, { details: { sql } });
    }
    // A transaction rolled back may have taken the temporary function with it: create it again next time.
    installed.delete(driver);
    throw e;
  }
}

import { now } from '../../clock';
import { fail } from '../../result';
import type { SqlDatabase } from './database';

/**
 * A time budget for statements that run a manual relationship's `sqlSubquery` SQL (user-written, so
 * possibly a cross join that runs for seconds).
 *
 * sql.js 1.16 exports neither `sqlite3_progress_handler` nor `sqlite3_interrupt`, and a read is one
 * `step()` (the rows come back as one JSON text), so a step loop against a deadline bounds nothing.
 * What sql.js does offer is `create_function`: the compiler wraps each sqlSubquery condition as
 * `(relata_budget(<parent column>, <destination column>) AND (condition))`. The call refers to both
 * aliases, so SQLite evaluates it in the innermost loop, once per (parent, destination) pair it
 * tries; past the deadline it throws, which aborts the statement (sqlite3_result_error), and the
 * layer reports `timeout`. What this does not bound: ONE evaluation of a condition that is itself a
 * long-running subquery (its inner loops make no call out of wasm).
 */

export const BUDGET_FUNCTION = 'relata_budget';
const CALL = `${BUDGET_FUNCTION}(`;
const MARK = 'relata: the sqlSubquery time budget is exhausted';
export const DEFAULT_SQL_BUDGET_MS = 2000;

interface BudgetState {
  deadline: number;
}

/** One state per database: several layers over one database share its single registered function. */
const states = new WeakMap<SqlDatabase, BudgetState>();

/** Registers the budget function on `db` (once); false when the database cannot host JS functions. */
export function installBudget(db: SqlDatabase): boolean {
  if (states.has(db)) return true;
  if (typeof db.create_function !== 'function') return false;
  const state: BudgetState = { deadline: Number.POSITIVE_INFINITY };
  // Two declared parameters: sql.js registers the function with the JS function's arity.
  db.create_function(BUDGET_FUNCTION, (_parent: unknown, _destination: unknown) => {
    // The clock on every call: one evaluation of the user's condition may itself take long.
    if (now() > state.deadline) throw new Error(MARK);
    return 1;
  });
  states.set(db, state);
  return true;
}

/** The guarded condition: the budget call first, referring to a column of each alias. */
export function budgeted(condition: string, parentColumn: string, destinationColumn: string): string {
  return `(${BUDGET_FUNCTION}(${parentColumn}, ${destinationColumn}) AND ${condition})`;
}

/**
 * Runs one statement; when its SQL carries the budget call, with a deadline `ms` from now. A budget
 * abort becomes `timeout`; other errors are rethrown as they are.
 */
export function withSqlBudget<T>(db: SqlDatabase, sql: string, ms: number, run: () => T): T {
  const state = sql.includes(CALL) ? states.get(db) : undefined;
  if (!state) return run();
  const previous = state.deadline;
  state.deadline = now() + ms;
  try {
    return run();
  } catch (e) {
    if (e instanceof Error && e.message.includes(MARK)) {
      return fail('timeout', `A manual relationship's sqlSubquery SQL ran past its time limit of ${ms} ms`, { details: { sql } });
    }
    throw e;
  } finally {
    state.deadline = previous;
  }
}

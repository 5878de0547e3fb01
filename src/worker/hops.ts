import type { StatementLog } from '../core/index';
import type { HopSummary } from './engine-api';

/** Rows and statements per load level, from the statement scopes (`path@depth`). */
export function hopsOf(statements: readonly StatementLog[]): HopSummary[] {
  const by = new Map<string, HopSummary>();
  for (const s of statements) {
    const m = /^(.*)@(\d+)$/.exec(s.scope);
    const path = m ? m[1]! : s.scope;
    const depth = m ? Number(m[2]) : 0;
    let h = by.get(path);
    if (!h) by.set(path, (h = { path, depth, statements: 0, rows: 0, ms: 0 }));
    h.statements++;
    h.rows += s.rows;
    h.ms += s.ms;
  }
  return [...by.values()];
}

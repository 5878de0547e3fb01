import type { AttributeType } from '../../model/types';
import type { Row } from '../../query/types';
import { now } from '../../clock';
import { setKey } from '../../engine/records';
import type { StatementSink } from '../data-layer';
import type { SqlDatabase, SqlStatement, SqlValue } from './database';

type Decoder = ((v: SqlValue) => unknown) | null;

function decoderFor(type: AttributeType | undefined): Decoder {
  if (type === 'boolean') return (v) => (v === null ? null : v !== 0 && v !== '0');
  if (type === 'map') {
    return (v) => {
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    };
  }
  return null;
}

/**
 * Runs statements with a cache of prepared statements (same SQL text, same statement) and logs
 * each one to the sink with its parameters, row count and time.
 */
export class StatementRunner {
  private readonly cache = new Map<string, SqlStatement>();

  constructor(private readonly db: SqlDatabase) {}

  clear(): void {
    for (const s of this.cache.values()) s.free();
    this.cache.clear();
  }

  /**
   * Reads rows as objects. `types` gives the attribute type of each column name (for booleans and
   * maps); columns starting with `__` are kept as is (internal keys such as the parent key).
   */
  read(sql: string, params: SqlValue[], types: ReadonlyMap<string, AttributeType>, sink: StatementSink): Row[] {
    const started = now();
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    const rows: Row[] = [];
    try {
      stmt.bind(params);
      const cols = stmt.getColumnNames();
      const decoders = cols.map((c) => decoderFor(types.get(c)));
      const n = cols.length;
      while (stmt.step()) {
        const values = stmt.get();
        const row: Row = {};
        for (let i = 0; i < n; i++) {
          const d = decoders[i];
          const v = values[i] ?? null;
          setKey(row, cols[i]!, d ? d(v) : v);
        }
        rows.push(row);
      }
    } finally {
      stmt.reset();
    }
    sink.push({ sql, params: [...params], rows: rows.length, ms: now() - started, scope: sink.scope });
    return rows;
  }
}

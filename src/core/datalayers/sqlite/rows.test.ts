import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { AttributeType } from '../../model/types';
import { isDeferred, RAW_ROWS } from '../../query/raw-rows';
import type { StatementLog } from '../data-layer';
import { StatementRunner } from './rows';

const SQL = await initSqlJs();

function setup() {
  const db = new SQL.Database();
  db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, flag INTEGER, meta TEXT)');
  db.run(`INSERT INTO t VALUES (1, 'a', 1, '{"x":1}'), (2, 'b"q', 0, NULL)`);
  const log: StatementLog[] = [];
  const sink = { scope: 's', push: (e: StatementLog) => log.push(e) };
  return { runner: new StatementRunner(db), log, sink };
}

describe('StatementRunner.readDeferred', () => {
  it('returns the text unbuilt for plain columns, builds once and logs once', () => {
    const { runner, log, sink } = setup();
    const got = runner.readDeferred('SELECT id, name FROM t ORDER BY id', [], ['id', 'name'], new Map(), sink);
    if (!isDeferred(got)) throw new Error('expected deferred rows');
    expect(JSON.parse(got.json)).toEqual([[1, 'a'], [2, 'b"q']]);
    expect(log).toHaveLength(0);
    const rows = got.rows();
    expect(rows).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b"q' }]);
    expect(got.rows()).toBe(rows);
    expect(log).toHaveLength(1);
    expect(log[0]!.rows).toBe(2);
    expect(RAW_ROWS.get(rows)?.json).toBe(got.json);
    expect(runner.read('SELECT id, name FROM t WHERE id > 5', [], ['id', 'name'], new Map(), sink)).toEqual([]);
  });

  it('builds at once when a column must be decoded (booleans, maps)', () => {
    const { runner, log, sink } = setup();
    const types = new Map<string, AttributeType>([['flag', 'boolean'], ['meta', 'map']]);
    const got = runner.readDeferred('SELECT id, flag, meta FROM t ORDER BY id', [], ['id', 'flag', 'meta'], types, sink);
    expect(isDeferred(got)).toBe(false);
    expect(got).toEqual([{ id: 1, flag: true, meta: { x: 1 } }, { id: 2, flag: false, meta: null }]);
    expect(RAW_ROWS.has(got as never)).toBe(false);
    expect(log).toHaveLength(1);
  });
});
